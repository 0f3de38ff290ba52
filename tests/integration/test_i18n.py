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
