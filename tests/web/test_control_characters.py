"""NUL and other control characters in a path or a parameter are a 400, on every route."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PATHS = [
    "/organizations/%00/",
    "/series/%00/",
    "/countries/%00/",
    "/account/searches/feed/%00/",
    "/account/searches/feed/abc%01def/",
    "/articles/%00/",
    "/search%00",
    "/api/articles/%00",
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("login_required", [False, True])
def test_a_control_character_in_the_path_is_a_400_or_404_never_a_500(client, path, login_required):
    with override_settings(ARCHIVE_LOGIN_REQUIRED=login_required):
        response = client.get(path)
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "\x1b[31m", "\x7f", "\x85"])
@pytest.mark.parametrize(
    "path", ["/search", "/search/feed", "/search/export.csv", "/api/search", "/meetings/"]
)
def test_a_control_character_in_a_parameter_is_a_400_with_a_message(client, path, value):
    response = client.get(path, {"q": "الإرهاب", "source": value})
    assert response.status_code == 400
    assert response.content.strip()
    response = client.get(path, {value: "1"})
    assert response.status_code == 400


def test_a_posted_control_character_is_a_400_and_the_page_says_why(client):
    response = client.post("/account/login/", {"username": "a\x00", "password": "x"})
    assert response.status_code == 400
    assert "control character" in response.content.decode() or "تحكم" in response.content.decode()


def test_line_breaks_and_tabs_in_a_form_are_ordinary_text(client):
    response = client.post("/account/login/", {"username": "a\tb", "password": "x\r\ny"})
    assert response.status_code == 200  # the form again: wrong credentials, not refused
