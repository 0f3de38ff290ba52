"""Who may do what: roles, private saved searches and notes, login lockout, private sites."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import formats

from archive.accounts import services as account_services
from archive.accounts.models import CuratorNote, SavedSearch
from archive.ingest.services import article_upsert
from archive.models import Article

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-Passphrase-42"


def make_user(username, role):
    return account_services.user_create(username=username, role=role, password=PASSWORD)


@pytest.fixture
def article(db):
    return article_upsert(
        title="اجتماع أمني في طشقند", body="اجتمع ممثلو الإنتربول لمكافحة الإرهاب في طشقند."
    ).article


@pytest.fixture
def analyst(db):
    return make_user("ana", "analyst")


@pytest.fixture
def curator(db):
    return make_user("cura", "curator")


def logged_in(client, user):
    client.force_login(user)
    return client


# --- roles ---------------------------------------------------------------------------


def test_the_roles_migration_creates_the_three_groups():
    analysts = Group.objects.get(name="analysts")
    curators = Group.objects.get(name="curators")
    administrators = Group.objects.get(name="administrators")
    codes = lambda g: set(g.permissions.values_list("codename", flat=True))  # noqa: E731
    assert {"view_article", "view_organization", "add_savedsearch"} <= codes(analysts)
    assert not {c for c in codes(analysts) if c.startswith(("change_", "delete_"))} - {
        "change_savedsearch",
        "delete_savedsearch",
    }
    assert {"change_article", "change_organization", "delete_meeting", "add_curatornote"} <= codes(
        curators
    )
    assert codes(analysts) < codes(curators) < codes(administrators)
    assert "change_user" in codes(administrators)


def test_create_user_command_assigns_the_role(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", PASSWORD)
    call_command(
        "create_user",
        "leila",
        role="curator",
        email="l@example.org",
        password_from_env="NEW_PASSWORD",
    )
    call_command("create_user", "omar", role="analyst", password_from_env="NEW_PASSWORD")
    from django.contrib.auth import get_user_model

    leila = get_user_model().objects.get(username="leila")
    omar = get_user_model().objects.get(username="omar")
    assert [g.name for g in leila.groups.all()] == ["curators"] and leila.is_staff
    assert leila.email == "l@example.org" and leila.check_password(PASSWORD)
    assert [g.name for g in omar.groups.all()] == ["analysts"] and not omar.is_staff
    assert omar.has_perm("archive.view_article") and not omar.has_perm("archive.change_article")
    assert leila.has_perm("archive.change_article")
    with pytest.raises(CommandError):
        call_command("create_user", "omar", role="analyst", password_from_env="NEW_PASSWORD")
    monkeypatch.setenv("WEAK", "123")
    with pytest.raises(CommandError):
        call_command("create_user", "weak", role="analyst", password_from_env="WEAK")


# --- the admin -----------------------------------------------------------------------


def test_anonymous_cannot_reach_the_admin(client, article):
    for url in ("/admin/", f"/admin/archive/article/{article.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_an_analyst_cannot_edit_in_the_admin(client, analyst, article):
    logged_in(client, analyst)
    url = f"/admin/archive/article/{article.pk}/change/"
    assert client.get("/admin/").status_code == 302  # not staff: sent to the admin login
    response = client.post(url, {"title": "changed", "body": "changed"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    article.refresh_from_db()
    assert article.title == "اجتماع أمني في طشقند"


class _FormReader(HTMLParser):
    """What a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select, self._select_first, self._select_chosen = a["name"], None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.data.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.data.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def test_a_curator_can_change_an_article_in_the_admin(client, curator, article):
    logged_in(client, curator)
    url = f"/admin/archive/article/{article.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    reader = _FormReader()
    reader.feed(page.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    data["title"] = ["اجتماع أمني في طشقند (مصحح)"]
    data["_save"] = ["Save"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "اجتماع أمني في طشقند (مصحح)"


# --- saved searches ------------------------------------------------------------------


def test_anonymous_is_sent_to_login_for_saved_searches(client, analyst):
    saved = account_services.saved_search_create(owner=analyst, name="x", query="q=طشقند")
    for url in ("/account/searches/", f"/account/searches/{saved.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/?next=")
    assert client.post(f"/account/searches/{saved.pk}/delete/").status_code == 302
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_an_analyst_saves_lists_reruns_and_deletes_a_search(client, analyst, article):
    logged_in(client, analyst)
    page = client.get("/search", {"q": "طشقند", "page": "1"}).content.decode()
    assert 'action="/account/searches/save/"' in page
    response = client.post(
        "/account/searches/save/",
        {"name": "طشقند", "query": "q=%D8%B7%D8%B4%D9%82%D9%86%D8%AF&page=1"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(owner=analyst)
    assert saved.query == "q=%D8%B7%D8%B4%D9%82%D9%86%D8%AF"  # the page is not part of it
    listing = client.get("/account/searches/")
    assert "طشقند" in listing.content.decode()
    rerun = client.get(f"/account/searches/{saved.pk}/")
    assert rerun.status_code == 302 and rerun["Location"] == "/search?" + saved.query
    assert client.post(f"/account/searches/{saved.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_saved_searches_show_the_query_decoded_and_the_date_in_the_interface_language(
    client, analyst
):
    logged_in(client, analyst)
    client.post(
        "/account/searches/save/",
        {"name": "my search", "query": "q=%D8%B7%D8%B4%D9%82%D9%86%D8%AF&language=ar"},
    )
    saved = SavedSearch.objects.get(owner=analyst)
    text = client.get("/account/searches/").content.decode()
    assert "%D8" not in text
    assert "<bdi>طشقند</bdi>" in text and "<bdi>ar</bdi>" in text
    month = formats.date_format(saved.last_seen, "F")  # the Arabic month name
    assert f"{saved.last_seen.day} {month}،" in text  # Arabic order: day, month، year


def test_the_search_page_offers_saving_only_to_logged_in_users(client, analyst, article):
    assert "/account/searches/save/" not in client.get("/search", {"q": "طشقند"}).content.decode()


def test_a_user_sees_only_their_own_saved_searches(client, analyst):
    other = make_user("other", "analyst")
    mine = account_services.saved_search_create(owner=analyst, name="سري", query="q=طشقند")
    logged_in(client, other)
    assert "سري" not in client.get("/account/searches/").content.decode()
    for url in (f"/account/searches/{mine.pk}/", f"/account/searches/{mine.pk}/new/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/account/searches/{mine.pk}/delete/").status_code == 404
    assert client.post(f"/account/searches/{mine.pk}/alert/").status_code == 404
    assert SavedSearch.objects.filter(pk=mine.pk, alert=True).exists()


def test_alerts_count_new_matches_since_last_seen_and_the_feed_needs_only_the_token(
    client, analyst, article
):
    saved = account_services.saved_search_create(owner=analyst, name="طشقند", query="q=طشقند")
    fresh = article_upsert(
        title="اجتماع ثان في طشقند", body="عقد في طشقند اجتماع ثان لمكافحة الإرهاب."
    ).article
    logged_in(client, analyst)
    rows = client.get("/account/searches/").context["rows"]
    assert [(r.saved.pk, r.new_count) for r in rows] == [(saved.pk, 1)]
    new = client.get(f"/account/searches/{saved.pk}/new/").content.decode()
    assert fresh.title in new and article.title not in new
    assert client.get("/account/searches/").context["rows"][0].new_count == 0

    client.logout()
    feed = client.get(f"/account/searches/feed/{saved.feed_token}/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert fresh.title in feed.content.decode()
    assert client.get("/account/searches/feed/not-a-token/").status_code == 404


# --- curator notes -------------------------------------------------------------------


def test_curator_notes_are_private_to_their_owner(client, curator, analyst, article):
    logged_in(client, curator)
    response = client.post(f"/account/notes/{article.pk}/add/", {"text": "تحقق من <b>التاريخ</b>"})
    assert response.status_code == 302
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "تحقق من &lt;b&gt;التاريخ&lt;/b&gt;" in page  # shown, escaped
    note = CuratorNote.objects.get()

    other = make_user("cura2", "curator")
    logged_in(client, other)
    assert "التاريخ" not in client.get(f"/articles/{article.pk}/").content.decode()
    assert client.post(f"/account/notes/{note.pk}/delete/").status_code == 404
    client.logout()
    assert "التاريخ" not in client.get(f"/articles/{article.pk}/").content.decode()
    assert client.post(f"/account/notes/{note.pk}/delete/").status_code == 302  # to login
    logged_in(client, analyst)  # analysts do not keep notes
    assert client.post(f"/account/notes/{article.pk}/add/", {"text": "x"}).status_code == 403
    assert CuratorNote.objects.count() == 1

    logged_in(client, curator)
    assert client.post(f"/account/notes/{note.pk}/delete/").status_code == 302
    assert not CuratorNote.objects.exists()


# --- login ---------------------------------------------------------------------------


def test_login_and_logout_pages(client, analyst):
    assert client.get("/account/login/").status_code == 200
    response = client.post("/account/login/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/searches/").status_code == 200
    assert client.post("/account/logout/").status_code == 302
    assert client.get("/account/searches/").status_code == 302


def test_too_many_failed_logins_lock_the_account_for_that_client(client, analyst, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        wrong = client.post("/account/login/", {"username": "ana", "password": "wrong"})
        assert wrong.status_code in (200, 429)
    locked = client.post("/account/login/", {"username": "ana", "password": PASSWORD})
    assert locked.status_code == 429
    assert client.get("/account/searches/").status_code == 302  # not logged in
    # The admin's login form is guarded by the same lock.
    admin_login = client.post("/admin/login/", {"username": "ana", "password": PASSWORD})
    assert admin_login.status_code == 429
    # Another client (address) is not locked out of the same account.
    response = client.post(
        "/account/login/", {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302


def test_the_admin_login_works_with_the_lockout_backend(client, curator):
    response = client.post("/admin/login/?next=/admin/", {"username": "cura", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- private deployments -------------------------------------------------------------


@override_settings(ARCHIVE_LOGIN_REQUIRED=True)
def test_login_required_setting_closes_the_site_but_not_the_probes(client, analyst, article):
    for url in ("/", "/search?q=طشقند", f"/articles/{article.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert client.get("/api/search", {"q": "طشقند"}).status_code == 401
    assert client.get("/healthz").status_code == 200
    assert client.get("/account/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 200
    saved = account_services.saved_search_create(owner=analyst, name="x", query="q=طشقند")
    assert client.get(f"/account/searches/feed/{saved.feed_token}/").status_code == 200
    logged_in(client, analyst)
    assert client.get("/").status_code == 200
    assert client.get("/api/search", {"q": "طشقند"}).status_code == 200


def test_reading_is_open_by_default(client, article):
    assert client.get("/").status_code == 200
    assert client.get(f"/articles/{article.pk}/").status_code == 200
    assert Article.objects.count() == 1


# --- access ends with the account ------------------------------------------------------


def _deactivate(user):
    user.is_active = False
    user.save()


def _take_the_role(user):
    user.groups.clear()


@pytest.mark.parametrize("end_access", [_deactivate, _take_the_role])
def test_a_feed_token_stops_working_when_its_owner_loses_access(
    client, analyst, article, end_access
):
    saved = account_services.saved_search_create(owner=analyst, name="طشقند", query="q=طشقند")
    url = f"/account/searches/feed/{saved.feed_token}/"
    assert client.get(url).status_code == 200
    end_access(analyst)
    response = client.get(url)
    assert response.status_code == 404
    assert article.title not in response.content.decode()


@pytest.mark.parametrize("end_access", [_deactivate, _take_the_role])
def test_a_session_ends_when_its_account_loses_access(client, analyst, article, end_access):
    with override_settings(ARCHIVE_LOGIN_REQUIRED=True):
        logged_in(client, analyst)
        assert client.get("/").status_code == 200
        end_access(analyst)
        response = client.get("/")
        assert response.status_code == 302 and "/account/login/" in response["Location"]
        assert client.get("/api/articles").status_code == 401
