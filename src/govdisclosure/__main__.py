"""``python -m govdisclosure`` runs the command line."""

import sys

from govdisclosure._cli import main

if __name__ == "__main__":
    sys.exit(main())
