"""The interface is Arabic and right-to-left first, with English on request."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_is_arabic_and_right_to_left_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "أرشيف التعاون في مكافحة الإرهاب" in html
    assert "Latest articles" not in html


def test_the_user_can_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Latest articles" in html


def test_result_counts_use_arabic_plural_forms(client, seeded):
    html = client.get("/search", {"q": "طشقند"}).content.decode()
    assert "نتيجة واحدة" in html
    html = client.get("/search", {"q": "الإرهاب"}).content.decode()
    assert "5 نتائج" in html


def test_every_interface_string_has_an_arabic_translation():
    import polib

    from tests.conftest import ROOT

    catalog = polib.pofile(str(ROOT / "archive/locale/ar/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in catalog if not e.translated() and not e.obsolete]
    assert missing == []
    # The committed .mo (what Django serves) is compiled from this .po.
    compiled = polib.mofile(str(ROOT / "archive/locale/ar/LC_MESSAGES/django.mo"))
    assert {e.msgid: e.msgstr for e in compiled if not e.msgid_plural} == {
        e.msgid: e.msgstr for e in catalog if e.msgid and not e.msgid_plural and not e.obsolete
    }
