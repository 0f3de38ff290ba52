"""The analyzer's lexicon (protected words, name variants) as curators edit it."""

import pytest
from django.contrib.auth import get_user_model

from archive.ingest.services import article_upsert
from archive.models import Article, NameVariant, ProtectedWord
from archive.search import lexicon
from archive.search.selectors import SearchRequest, article_search


@pytest.fixture(autouse=True)
def _fresh_lexicon():
    lexicon.reset()
    yield
    # the test's rows are rolled back: the next test must not analyse with them
    lexicon.reset()


def _article(title: str, body: str) -> Article:
    return article_upsert(title=title, body=body, source_name="test").article


def _titles(q: str) -> set[str]:
    lexicon.ensure_current(force=True)
    page = article_search(SearchRequest(q=q, expand=False))
    return {article.title for article in page.articles}


@pytest.mark.django_db
def test_migration_loads_the_shipped_lexicon():
    assert ProtectedWord.objects.filter(word="فلسطين").exists()
    interpol = NameVariant.objects.get(canonical="الانتربول")
    assert "الإنتربول" in interpol.variants


@pytest.mark.django_db
def test_a_new_spelling_added_to_a_name_finds_the_articles_written_with_it():
    _article("جوتيريس يدعو إلى التعاون", "دعا الأمين العام جوتيريس الدول إلى تبادل المعلومات.")
    assert _titles("غوتيريش") == set()

    group = NameVariant.objects.get(canonical="غوتيريش")
    _, reanalysed = lexicon.name_variant_save(
        canonical=group.canonical, variants=[*group.variants, "جوتيريس"], instance=group
    )

    assert reanalysed == 1
    assert _titles("غوتيريش") == {"جوتيريس يدعو إلى التعاون"}
    assert _titles("جوتيريس") == {"جوتيريس يدعو إلى التعاون"}


@pytest.mark.django_db
def test_a_protected_name_is_no_longer_stemmed_into_a_common_word():
    _article("وفد في كرمان", "زار الوفد مدينة كرمان الإيرانية.")
    _article("موسم الرمان", "بدأ موسم قطف الرمان في الجنوب.")
    # the light stemmer reads كرمان as ك + رمان ("like pomegranates")
    assert _titles("كرمان") == {"وفد في كرمان", "موسم الرمان"}

    _, reanalysed = lexicon.protected_word_save(word="كرمان", note="Iranian city")

    # the articles holding a lexeme of the word under either reading, and no others
    assert reanalysed == 2
    assert _titles("كرمان") == {"وفد في كرمان"}
    assert _titles("بكرمان") == {"وفد في كرمان"}
    assert _titles("الرمان") == {"موسم الرمان"}


@pytest.mark.django_db
def test_deleting_an_entry_restores_the_previous_analysis():
    _article("وفد في كرمان", "زار الوفد مدينة كرمان.")
    _article("موسم الرمان", "بدأ موسم قطف الرمان.")
    word, _ = lexicon.protected_word_save(word="كرمان")
    assert _titles("كرمان") == {"وفد في كرمان"}

    lexicon.lexicon_entry_delete(entry=word)

    assert _titles("كرمان") == {"وفد في كرمان", "موسم الرمان"}


@pytest.mark.django_db
def test_an_empty_entry_is_refused_and_nothing_changes():
    count = ProtectedWord.objects.count()
    with pytest.raises(ValueError):
        lexicon.protected_word_save(word="   ")
    assert ProtectedWord.objects.count() == count


@pytest.mark.django_db
def test_a_curator_extends_the_lexicon_in_the_admin(client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    _article("جوتيريس يدعو إلى التعاون", "دعا جوتيريس الدول إلى تبادل المعلومات.")

    response = client.post(
        "/admin/archive/namevariant/add/",
        {"canonical": "جوتيريس", "variants": "جوتيرس", "note": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert NameVariant.objects.filter(canonical="جوتيريس", variants=["جوتيرس"]).exists()
    assert "1" in response.content.decode()  # "1 article was re-analysed"
    assert _titles("جوتيرس") == {"جوتيريس يدعو إلى التعاون"}

    # a query in a page request uses the new lexicon too (the middleware reloads it)
    lexicon.reset()
    page = client.get("/api/search", {"q": "جوتيرس", "expand": "0"})
    assert [r["title"] for r in page.json()["results"]] == ["جوتيريس يدعو إلى التعاون"]
