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


def test_arabic_translations_keep_their_placeholders_and_plural_forms():
    # A translation that drops or renames %(name)s shows a raw placeholder or fails with
    # KeyError when the page is rendered; Arabic needs all six plural forms.
    import re

    import polib

    from tests.conftest import ROOT

    placeholder = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
    catalog = polib.pofile(str(ROOT / "archive/locale/ar/LC_MESSAGES/django.po"))
    assert "nplurals=6;" in catalog.metadata["Plural-Forms"]
    wrong = []
    for e in catalog:
        if e.obsolete or not e.msgid:
            continue
        if e.msgid_plural:
            forms = [e.msgstr_plural.get(i, "") for i in range(6)]
            wanted = set(placeholder.findall(e.msgid_plural))
            # forms 3 to 5 stand for many numbers and must show the number
            if not all(forms) or any(set(placeholder.findall(f)) != wanted for f in forms[3:]):
                wrong.append(e.msgid)
        elif set(placeholder.findall(e.msgstr)) != set(placeholder.findall(e.msgid)):
            wrong.append(e.msgid)
    assert wrong == []


def test_browse_pages_and_the_admin_speak_arabic(client, admin_client, seeded):
    html = client.get("/meetings/").content.decode()
    assert "5 اجتماعات" in html and "الأحدث أولًا" in html
    html = admin_client.get("/admin/archive/article/review-queue/").content.decode()
    assert "قائمة المراجعة" in html and "Review queue" not in html
