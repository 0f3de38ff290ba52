"""The publication-period lexemes that newest-first search intersects words with."""

import datetime

from archive.search.config import period_lexemes


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_months_within_one_year():
    assert period_lexemes(d("2024-10-01"), d("2024-12-01")) == ["m202410", "m202411", "m202412"]


def test_whole_years_are_one_lexeme_each():
    assert period_lexemes(d("2023-11-01"), d("2025-02-01")) == [
        "m202311",
        "m202312",
        "y2024",
        "m202501",
        "m202502",
    ]
    assert period_lexemes(d("2020-01-01"), d("2021-12-31")) == ["y2020", "y2021"]


def test_one_month_and_an_empty_range():
    assert period_lexemes(d("2024-02-01"), d("2024-02-29")) == ["m202402"]
    assert period_lexemes(d("2024-03-01"), d("2024-02-01")) == []
