"""Every row of the corpus of real wordings (tests/rules/wordings) reads as it expects.

Rows the reader cannot read yet are listed in known_misreadings.txt with the reason; a listed
row that starts reading right fails too, so the list stays honest, and it must stay under 2%.
"""
import pytest

from bench.wordings import known_misreadings, read, rows

ROWS = list(rows())
KNOWN = known_misreadings()


@pytest.mark.parametrize("row", ROWS, ids=[r.where for r in ROWS])
def test_a_real_wording_reads_as_expected(row):
    result = read(row)
    if row.text in KNOWN:
        assert not result.right, f"{row.where} now reads right: take it off known_misreadings.txt"
    else:
        assert result.right, (row.text, row.expected, {k: result.parsed[k] for k in ("rules", "window")})


def test_the_known_misreadings_are_rows_of_the_corpus_and_fewer_than_two_percent():
    texts = {r.text for r in ROWS}
    assert set(KNOWN) <= texts, set(KNOWN) - texts
    assert all(KNOWN.values()), "every listed row says why"
    assert len(KNOWN) < 0.02 * len(ROWS)


def test_the_corpus_holds_every_category():
    assert {r.category for r in ROWS} == {"cadence", "report", "window", "mixed", "negative"}
