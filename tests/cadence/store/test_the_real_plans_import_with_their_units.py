"""The five real plans, read from their text by the parser, import against their sample units
directories: every declared total that agrees with its cadence is met for each unit, the
Trà Bồng mismatch is reported, and the OCR-damaged names of the provincial office resolve."""
from collections import Counter

import pytest
from sqlalchemy import select

from cadence.sources import read_plan_file
from cadence.store.models import DueItem, DutyRow
from tests.cadence.support import PLANS, imported, load_units, plan_file
from cadence.diagnostics import describe


def _import(store, name: str):
    with store.transaction() as session:
        load_units(session, name)
    return imported(store, read_plan_file(plan_file(name)), key=name)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_declared_totals_are_met_for_each_unit(store, name: str) -> None:
    result = _import(store, name)
    assert result.counts.created > 0
    with store.transaction() as session:
        rows = session.execute(select(DutyRow.rule, DueItem.unit_id, DueItem.target)
                               .join(DueItem, DueItem.duty_id == DutyRow.id)).all()
    totals: Counter = Counter()
    for rule, unit, target in rows:
        if rule and rule.get("declared_total") and _agrees(rule):
            totals[(rule["text"], rule["series"], rule["channel"], unit)] += target
    for (text, *_), produced in totals.items():
        declared = next(r["declared_total"] for r, *_ in rows if r and r["text"] == text)
        assert produced == declared, text


def _agrees(rule: dict) -> bool:
    periods = {"day": 365, "week": 52, "month": 12, "quarter": 4, "year": 1}[rule["per"]]
    return round(rule["count"] * periods / rule["every"]) == rule["declared_total"]


def test_tra_bong_mismatch_is_in_the_import_notes(store) -> None:
    notes = _import(store, "tra-bong-district-2025").notes
    assert [n.ref for n in notes if n.code == "declared-mismatch"] == ["III.2.8.a"]


def test_ocr_damaged_unit_names_resolve_to_the_office_units(store) -> None:
    notes = _import(store, "provincial-office-2025-ocr").notes
    guessed = {describe(n) for n in notes if n.code == "unit-fuzzy"}
    assert any("Trung tdm Phuc vu - Kiém soat TTHC tinh" in m and "vp-tt-pv-ksthc" in m for m in guessed)
