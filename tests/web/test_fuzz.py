"""Hostile input, generated: no public endpoint answers 5xx or a malformed body.

Several thousand queries and filter values (tsquery operators, quotes, unbalanced
brackets, SQL fragments, control characters and NULs, 10,000-character strings, mixed
scripts, invalid dates and page numbers) go to every public endpoint: the search page,
its CSV export and feed, the JSON API, the article pages, the browse pages, the home
page, the language switch, the login form and the saved-search feeds; hostile path
segments (percent-encoded NULs and controls) on every route that takes one; and the POST
forms of a signed-in analyst (save a search, alerts, notes, deletions). Every answer must
be a well-formed page, JSON, CSV or feed, a 400/404 with a message, or a redirect that
stays on the site.

The test client re-raises a view's exception, so a 500 fails here with its traceback.
"""

import csv
import io
import json
import os
from collections import Counter
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Examples per test; their sum (with the filter values each carries) is well over 5,000.
# FUZZ_SCALE=0.1 for a quick look, 10 for a long hunt.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
SEARCH_EXAMPLES = max(1, int(750 * SCALE))
ARTICLE_EXAMPLES = max(1, int(300 * SCALE))
BROWSE_EXAMPLES = max(1, int(250 * SCALE))
OTHER_EXAMPLES = max(1, int(200 * SCALE))

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- what hostile input looks like -------------------------------------------------

WORDS = [
    "الإرهاب",
    "مكافحة",
    "الإنتربول",
    "الأمم",
    "المتحدة",
    "وزراء",
    "الداخلية",
    "العرب",
    "تعاون",
    "أمني",
    "داعش",
    "Interpol",
    "NATO",
    "UN",
    "terrorism",
    "Europol",
    "ООН",
    "反恐",
    "טרור",
    "テロ",
    "🙂",
    "ﷺ",
    "ـــ",
    "٢٠٢٤",
    "2024",
]
OPERATORS = [
    "&",
    "|",
    "!",
    "<->",
    "<2>",
    "<0>",
    "<-1>",
    ":*",
    ":A",
    ":*AB",
    "(",
    ")",
    "((",
    "))",
    '"',
    "'",
    "''",
    '""',
    "«",
    "»",
    "“",
    "”",
    "-",
    "+",
    "~",
    "*",
    "?",
    "^",
    "\\",
    "/",
    "OR",
    "AND",
    "NOT",
    "or",
    "أو",
    "و",
    "ليس",
    "NEAR/3",
    ":",
    "::",
    "@@",
    "$$",
    "%",
    "_",
]
SQL = [
    "'; DROP TABLE archive_article; --",
    "1 OR 1=1",
    "' OR ''='",
    "1; SELECT pg_sleep(10)",
    "UNION SELECT * FROM auth_user",
    "/*",
    "*/",
    "--",
    "E'\\x00'",
    "::tsquery",
    "$1",
    "%(q)s",
    "{0}",
    "%s%s%s",
    "\\x27",
    "to_tsquery('a & b')",
    "websearch_to_tsquery",
]
CONTROL = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x1b[31m",
    "\x7f",
    "\u200f",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u00ad",
    "\u0640",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\ud7ff",
    "\U0010ffff",
]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(OPERATORS),
    st.sampled_from(SQL),
    st.sampled_from(CONTROL),
    st.text(max_size=12),  # any Unicode, control characters included
)
composed = st.lists(token, max_size=14).flatmap(
    lambda parts: st.sampled_from([" ", "", "&", " | "]).map(lambda sep: sep.join(parts))
)
long_text = st.tuples(
    st.sampled_from(["ا", "a", "(", '"', "!", "&", "الإرهاب ", "x:* ", "\x00", "<-> "]),
    st.integers(min_value=500, max_value=10_000),
).map(lambda t: (t[0] * t[1])[: t[1]])
hostile_text = st.one_of(composed, composed, composed, long_text, st.text(max_size=600))

bad_date = st.one_of(
    st.sampled_from(
        [
            "2024-13-01",
            "2024-02-30",
            "0000-00-00",
            "9999-12-31",
            "10000-01-01",
            "1899-12-31",
            "2024/05/01",
            "01-05-2024",
            "٢٠٢٤-٠٥-٠١",
            "2024-05",
            "yesterday",
            "-1",
            "1e9",
            "NaN",
            "2024-05-01T25:00",
            "2024-05-01'",
            "",
            " ",
            "2024-W01",
        ]
    ),
    st.dates().map(str),
    hostile_text,
)
bad_int = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "0",
            "-1",
            "1.5",
            "1e3",
            "٣",
            "NaN",
            "inf",
            "",
            " 2",
            "0x10",
            "1_000",
            "99999999999999999999999999",
            "2147483648",
            "9223372036854775808",
        ]
    ),
    hostile_text,
)
filter_value = {
    "q": hostile_text,
    "level": st.one_of(st.sampled_from(["stem", "normalized", "exact"]), hostile_text),
    "sort": st.one_of(st.sampled_from(["relevance", "date"]), hostile_text),
    "expand": st.one_of(st.sampled_from(["0", "1", "true", "off"]), hostile_text),
    "organization": st.one_of(st.sampled_from(["interpol", "un", "nato"]), hostile_text),
    "country": st.one_of(st.sampled_from(["SA", "eg", "ZZ", "S"]), hostile_text),
    "meeting": bad_int,
    "source": hostile_text,
    "language": st.one_of(st.sampled_from(["ar", "en", "AR", "a"]), hostile_text),
    "date_from": bad_date,
    "date_to": bad_date,
    "page": bad_int,
}
search_params = st.fixed_dictionaries(
    {}, optional={name: strategy for name, strategy in filter_value.items()}
)
article_params = st.fixed_dictionaries(
    {},
    optional={
        "url": st.one_of(hostile_text, st.just("https://example.org/story")),
        "source": hostile_text,
        "language": filter_value["language"],
        "published_after": bad_date,
        "published_before": bad_date,
        "page": bad_int,
    },
)

# --- what a well-formed answer looks like -------------------------------------------


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _check(response, kind: str) -> None:
    status = response.status_code
    assert status < 500, (status, _body(response)[:500])
    body = _body(response)
    content_type = response.get("Content-Type", "")
    if status in (301, 302):
        return
    if status == 429:  # throttled: a plain refusal is fine
        return
    if status in (400, 404) and kind != "html":
        assert body.strip(), "an error without a message"
        if "json" in content_type:
            assert json.loads(body)
        return
    if kind == "html" or status == 404:
        assert "text/html" in content_type
        text = body.decode("utf-8")
        assert "</html>" in text.lower() or status == 404
    elif kind == "json":
        assert "application/json" in content_type
        data = json.loads(body)
        assert isinstance(data, dict) and ("results" in data or "id" in data)
    elif kind == "csv":
        assert content_type.startswith("text/csv")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0][:3] == ["id", "title", "url"]
        assert all(len(row) == len(rows[0]) for row in rows)
    elif kind == "feed":
        root = ElementTree.fromstring(body)
        assert root.tag.endswith("feed")
    else:  # pragma: no cover
        raise AssertionError(kind)


SEARCH_ENDPOINTS = [
    ("/search", "html"),
    ("/search/export.csv", "csv"),
    ("/search/feed", "feed"),
    ("/api/search", "json"),
]
NO_THROTTLE = override_settings(
    NINJA_DEFAULT_THROTTLE_RATES={"anon": None, "user": None},
    ARCHIVE_SEARCH_RATES={"anon": None, "user": None},
    # A failed login hashes the password once (timing); the production hasher's 0.3 s
    # per attempt would be most of this module's run time.
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
)


def _exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@pytest.fixture
def site(client, seeded):
    GENERATED["tests"] += 1
    with NO_THROTTLE:
        yield client


# --- the tests ---------------------------------------------------------------------
# One request per example (to an endpoint drawn with the input): the machine has two
# cores and each request runs several queries; the endpoints share the same inputs.

GENERATED = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_volume():
    yield
    # Values sent: each query and each filter value counts once.
    print(f"\nfuzz: {GENERATED['examples']} requests, {GENERATED['values']} generated values")
    if GENERATED["tests"] == 6 and SCALE >= 1:  # the whole module ran: hold it to the volume
        assert GENERATED["values"] >= 5000, GENERATED


def _send(site, path, params, kind, method="get"):
    GENERATED["examples"] += 1
    GENERATED["values"] += max(1, len(params))
    response = getattr(site, method)(path, params)
    _check(response, kind)
    return response


@settings(FUZZ, max_examples=SEARCH_EXAMPLES)
@given(
    endpoint=st.sampled_from(SEARCH_ENDPOINTS),
    q=hostile_text,
    filters=search_params,
)
def test_hostile_queries_and_filters_get_an_answer_not_an_error(site, endpoint, q, filters):
    path, kind = endpoint
    _send(site, path, {"q": q, **filters}, kind)


@settings(FUZZ, max_examples=ARTICLE_EXAMPLES)
@given(
    params=article_params,
    article_id=st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(["0", "1", "2", "2147483648", "9223372036854775808", "1e3", "٣", "%00"]),
        st.text(alphabet="0123456789abc-._%~", min_size=1, max_size=30),
    ),
    which=st.sampled_from(["list", "api", "page"]),
)
def test_hostile_article_filters_and_ids_get_an_answer_or_a_404(site, params, article_id, which):
    if which == "list":
        _send(site, "/api/articles", params, "json")
    elif which == "api":
        _send(site, f"/api/articles/{article_id}", {}, "json")
    else:
        _send(site, f"/articles/{article_id}/", {}, "html")


BROWSE_PAGES = ["/organizations/", "/meetings/", "/countries/", "/series/", "/network/"]


@settings(FUZZ, max_examples=BROWSE_EXAMPLES)
@given(
    page=st.sampled_from(BROWSE_PAGES),
    params=st.fixed_dictionaries(
        {},
        optional={
            "page": bad_int,
            "q": hostile_text,
            "sort": hostile_text,
            "country": filter_value["country"],
            "organization": filter_value["organization"],
            "series": hostile_text,
            "kind": hostile_text,
            "year": bad_int,
            "date_from": bad_date,
            "date_to": bad_date,
        },
    ),
    slug=st.one_of(st.none(), hostile_text),
)
def test_hostile_browse_parameters_get_a_page_not_an_error(site, page, params, slug):
    if not _exists(page):
        return  # the browse pages are not there (yet)
    if slug is None:
        _send(site, page, params, "html")
        return
    detail = page + slug.replace("/", "").replace("\x00", "")[:200] + "/"
    if _exists(detail):
        _send(site, detail, {}, "html")


def _forms(*which: str):
    """A form target drawn from `which`, with two hostile texts and a hostile number."""

    def wrap(test):
        drawn = given(
            which=st.sampled_from(which), text=hostile_text, other=hostile_text, number=bad_int
        )
        return settings(FUZZ, max_examples=OTHER_EXAMPLES)(drawn(test))

    return wrap


@_forms("home", "meeting", "feed", "language", "login")
# Found by this test: a username over 255 characters made the lock-out record fail (500).
@example(which="login", text="0" * 300, other="0", number="0")
def test_the_other_public_endpoints_answer_hostile_input_without_an_error(
    site, which, text, other, number
):
    if which == "home":
        _send(site, "/", {"q": text, "page": number}, "html")
    elif which == "meeting":
        detail = f"/meetings/{number.strip().lstrip('-+')}/"
        if _exists(detail):
            _send(site, detail, {"page": number}, "html")
    elif which == "feed":  # a saved search's secret feed token: a guess is a 404
        token = text.replace("/", "").replace("\x00", "")[:200] or "x"
        if _exists(f"/account/searches/feed/{token}/"):
            _send(site, f"/account/searches/feed/{token}/", {}, "html")
    elif which == "language":
        params = {"language": text, "next": other}
        response = _send(site, "/i18n/setlang/", params, "html", method="post")
        if response.status_code == 302:  # never an open redirect: no other host or scheme
            location = response["Location"]
            parts = urlsplit(location.strip())
            assert not parts.scheme and not parts.netloc, location
            assert not location.strip().replace("\\", "/").startswith("//"), location
    else:
        params = {"username": text, "password": other}
        response = _send(site, "/account/login/", params, "html", method="post")
        # the form again, a lock-out, or a refused control character
        assert response.status_code in (200, 400, 429)


# Every route that takes a path segment, and a few that take none (a segment appended).
PATH_PREFIXES = [
    "/organizations/",
    "/series/",
    "/countries/",
    "/meetings/",
    "/articles/",
    "/account/searches/feed/",
    "/account/searches/",
    "/account/notes/",
    "/api/articles/",
    "/search/",
    "/network/",
    "/admin/archive/article/",
]


@settings(FUZZ, max_examples=BROWSE_EXAMPLES)
@given(
    prefix=st.sampled_from(PATH_PREFIXES),
    segment=hostile_text,
    suffix=st.sampled_from(["", "/", "/new/", "/delete/", "/change/"]),
)
# Found by this test's first version: NUL in a path segment was a 500 on these routes.
@example(prefix="/organizations/", segment="\x00", suffix="/")
@example(prefix="/series/", segment="\x00", suffix="/")
@example(prefix="/account/searches/feed/", segment="\x00", suffix="/")
def test_hostile_paths_get_a_400_or_404_never_an_error(site, prefix, segment, suffix):
    # Sent percent-encoded, as a browser would: the server decodes NULs and controls.
    path = prefix + quote(segment[:300], safe="") + suffix
    kind = "json" if prefix.startswith("/api/") else "html"
    response = _send(site, path, {}, kind)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in segment[:300]):
        assert response.status_code in (301, 302, 400, 404)


@_forms("save", "alert", "delete", "note", "note-delete")
def test_hostile_posts_of_a_signed_in_analyst_get_an_answer_not_an_error(
    site, analyst_login, which, text, other, number
):
    from archive.models import Article

    pk = number.strip().lstrip("-+")
    if which == "save":
        _send(site, "/account/searches/save/", {"name": text, "query": other}, "html", "post")
    elif which == "note":
        article = Article.objects.order_by("pk").first()
        path = f"/account/notes/{article.pk}/add/"
        _send(site, path, {"text": text, "body": other}, "html", "post")
    else:
        path = {
            "alert": f"/account/searches/{pk}/alert/",
            "delete": f"/account/searches/{pk}/delete/",
            "note-delete": f"/account/notes/{pk}/delete/",
        }[which]
        if _exists(path):
            _send(site, path, {"alert": text}, "html", "post")


@pytest.fixture
def analyst_login(site):
    from archive.accounts.services import user_create

    user = user_create(username=f"fuzz-analyst-{GENERATED['tests']}", role="analyst")
    site.force_login(user)
    return user
