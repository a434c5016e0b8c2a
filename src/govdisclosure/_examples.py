"""The example report shipped inside the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["EXAMPLE_NAME", "example_path"]

EXAMPLE_NAME = "zhongmou-2020.txt"


def example_path() -> Path:
    """Path of the bundled example: 中牟县 2020 report (2019 format), a truncated text copy."""
    return Path(str(resources.files("govdisclosure").joinpath("examples", EXAMPLE_NAME)))
