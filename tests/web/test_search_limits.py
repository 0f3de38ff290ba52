"""The work a search may cost is bounded: "did you mean" and the search page's throttle."""

import pytest

from archive.ingest.services import article_upsert
from archive.search import suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    article_upsert(title="اجتماع في طشقند", body="عقد في طشقند اجتماع لمكافحة الإرهاب.")


def test_a_misspelling_still_gets_its_suggestion(corpus):
    assert suggest.suggest("طشقنت") == "طشقند"


def test_many_unknown_long_words_cost_a_bounded_number_of_lookups(
    corpus, django_assert_max_num_queries, monkeypatch
):
    letters = "ثجحخذزسشصضطظغفق"
    words = [letters[i:] + letters[:i] for i in range(15)] * 2 + ["طشقنت", "طشقنت"]
    analysed = []
    original = suggest._edits
    monkeypatch.setattr(suggest, "_edits", lambda w: analysed.append(w) or original(w))
    # One query checks every word; then at most MAX_CORRECTED words are corrected.
    with django_assert_max_num_queries(1 + suggest.MAX_CORRECTED):
        suggest.suggest(" ".join(words))
    assert len(analysed) <= suggest.MAX_CORRECTED
