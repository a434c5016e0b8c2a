"""The template module agrees with the research notes (template-spec.json) it was built from."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from typing import Any

import pytest

from govdisclosure import CROSSWALK, FORMATS, Comparability, Format, spec
from govdisclosure.template import RelationKind, ValueType, cell_key, split_cell_key
from tests.conftest import DATA

SPEC: dict[str, Any] = json.loads((DATA / "template-spec.json").read_text(encoding="utf-8"))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("fmt", list(Format))
def test_sections_match_spec(fmt: Format) -> None:
    ours = spec(fmt).sections
    theirs = SPEC["formats"][fmt.value]["sections"]
    assert [(s.id, s.number, s.title, s.heading) for s in ours] == [
        (s["id"], s["number"], s["title"], s["heading"]) for s in theirs
    ]
    for s, t in zip(ours, theirs, strict=True):
        assert list(s.aliases) == t["aliases"]
        assert list(s.aliases_unverified) == t.get("aliases_unverified", [])


@pytest.mark.parametrize("fmt", list(Format))
def test_tables_rows_and_columns_match_spec(fmt: Format) -> None:
    template = spec(fmt)
    theirs = {t["id"]: t for t in SPEC["formats"][fmt.value]["tables"]}
    assert [t.id for t in template.tables] == list(theirs)
    ad = template.table("active_disclosure")
    subtables = theirs["active_disclosure"]["subtables"]
    assert [p.id for p in ad.parts] == [s["id"] for s in subtables]
    for part, sub in zip(ad.parts, subtables, strict=True):
        assert part.caption == sub["caption"]
        assert [(c.id, c.label, c.unit, c.unit_explicit) for c in part.columns] == [
            (c["id"], c["label"], c["unit"], c["unit_explicit"]) for c in sub["columns"]]
        assert [c.value_type for c in part.columns] == [
            {"int": ValueType.COUNT, "signed_int": ValueType.SIGNED, "decimal": ValueType.AMOUNT}[c["value_type"]]
            for c in sub["columns"]]
        assert [(r.id, r.label, list(r.aliases), list(r.aliases_unverified)) for r in part.rows] == [
            (r["id"], r["label"], r["aliases"], r["aliases_unverified"]) for r in sub["rows"]]
    for table_id in ("requests", "review_litigation"):
        table = template.table(table_id)
        ((part),) = table.parts
        their_columns = [c for c in theirs[table_id]["columns"] if c.get("leaf", True)]
        assert [(c.id, c.label, c.parent, c.derived) for c in part.columns] == [
            (c["id"], c["label"], c["parent"], c.get("derived", False)) for c in their_columns]
        their_rows = theirs[table_id]["rows"]
        assert [r.id for r in part.rows] == [r["id"] for r in their_rows]
        for row, their in zip(part.rows, their_rows, strict=True):
            assert row.label == (their["label"] or "")
            assert row.number == their.get("number")
            assert row.parent == their.get("parent")
            assert row.data == their["data"]
            assert list(row.aliases) == their["aliases"]
            assert list(row.aliases_unverified) == their.get("aliases_unverified", [])


@pytest.mark.parametrize("fmt", list(Format))
def test_column_groups_cover_the_spec(fmt: Format) -> None:
    for table_id in ("requests", "review_litigation"):
        table = spec(fmt).table(table_id)
        theirs = next(t for t in SPEC["formats"][fmt.value]["tables"] if t["id"] == table_id)
        groups = {(g["id"], g["label"]) for g in theirs["column_groups"]}
        groups |= {(c["id"], c["label"]) for c in theirs["columns"] if not c.get("leaf", True)}
        assert {(g.id, g.label) for g in table.column_groups} == groups


@pytest.mark.parametrize("fmt", list(Format))
def test_relations_expand_the_spec_formulas(fmt: Format) -> None:
    template = spec(fmt)
    theirs = {r["id"]: r for r in SPEC["formats"][fmt.value]["relations"]}
    r1 = template.relation("R1")
    assert r1.kind is RelationKind.OFFICIAL_NOTE
    assert len(r1.identities) == len(theirs["R1_balance"]["for_each"]["c"])
    r3 = template.relation("R3")
    assert [i.lhs[0] for i in r3.identities] == [
        f"requests.{r}.total" for r in theirs["R3_row_total"]["for_each"]["r"]]
    r4 = template.relation("R4")
    if fmt is Format.V2019:
        their_terms = [t.strip() for t in theirs["R4_results_total"]["formula"].split("==")[1].split("+")]
        assert [t.replace("{c}", "total") for t in their_terms] == list(r4.identities[-1].rhs)
    else:
        assert {"requests.other_no_correction.total", "requests.other_fee_unpaid.total",
                "requests.other_other.total"} <= set(r4.identities[-1].rhs)
        assert "requests.other.total" not in r4.identities[-1].rhs
    r5 = template.relation("R5")
    for identity, key in zip(r5.identities, ("R5_review_total", "R5_lit_direct_total",
                                             "R5_lit_after_review_total"), strict=True):
        lhs, rhs = theirs[key]["formula"].split("==")
        assert identity.lhs == (lhs.strip(),)
        assert identity.rhs == tuple(t.strip() for t in rhs.split("+"))


@pytest.mark.parametrize("fmt", list(Format))
def test_cells_cover_every_template_cell(fmt: Format) -> None:
    keys = list(spec(fmt).cell_keys())
    assert len(keys) == len(set(keys))
    expected = {"2019": 22 + 23 * 7 + 15, "2021": 10 + 25 * 7 + 15}[fmt.value]
    assert len(keys) == expected
    for key in keys:
        assert cell_key(*split_cell_key(key)) == key


def test_format_signals_are_exclusive() -> None:
    a, b = (set(map(_nfkc, FORMATS[f].signals)) for f in Format)
    assert not a & b
    assert {_nfkc(s) for s in SPEC["normalization"]["format_signals"]["2019"]} == a
    assert {_nfkc(s) for s in SPEC["normalization"]["format_signals"]["2021"]} == b


def test_crosswalk_covers_every_cell_once() -> None:
    for fmt, attr in ((Format.V2019, "cells_2019"), (Format.V2021, "cells_2021")):
        seen = Counter(key for entry in CROSSWALK for key in getattr(entry, attr))
        assert set(seen) == set(spec(fmt).cell_keys())
        assert max(seen.values()) == 1


def test_crosswalk_2019_other_is_the_sum_of_the_2021_sub_rows() -> None:
    entry = next(e for e in CROSSWALK if e.cells_2019 == ("requests.other.total",))
    assert entry.comparability is Comparability.SUM
    assert entry.cells_2021 == ("requests.other_no_correction.total", "requests.other_fee_unpaid.total",
                                "requests.other_other.total")


def test_crosswalk_total_public_is_not_in_force() -> None:
    entry = next(e for e in CROSSWALK if "active_disclosure.normative_docs.total_public" in e.cells_2019)
    assert entry.comparability is Comparability.NONE
    assert "active_disclosure.admin_normative_docs.in_force" in entry.cells_2021


def test_unknown_ids_raise_key_error() -> None:
    template = spec(Format.V2021)
    with pytest.raises(KeyError):
        template.table("nope")
    with pytest.raises(KeyError):
        template.column_spec("requests.other.total")  # a group row in 2021
    with pytest.raises(KeyError):
        split_cell_key("requests.total")
