"""Reading ingest inputs: what the operator gets for each kind of file, good or bad."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import os
import random
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.text.cleaning import clean_article
from archive.text.formats import (
    InputError,
    Limits,
    RawRecord,
    decode_bytes,
    detect_format,
    iter_paths,
    iter_records,
)
from archive.text.language import detect_language

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"

ARABIC = (
    "أبرم التحالف الإسلامي العسكري لمحاربة الإرهاب ومركز الأمم المتحدة لمكافحة الإرهاب "
    "أمس بمقر الأمم المتحدة بمدينة نيويورك، مذكرة تفاهم بين الطرفين، في إطار الجهود "
    "الدولية لمحاربة الإرهاب وتعزيز الأمن والاستقرار الدوليين.\n"
    "وتهدف مذكرة التفاهم إلى توحيد الجهود في مواجهة التهديدات الإرهابية.\n"
)
FRENCH = (
    "Le président de la République a reçu à l'Élysée le ministre de l'Intérieur pour évoquer "
    "la coopération antiterroriste avec les pays du Sahel, où la menace reste élevée.\n"
)


def records(path, stream=None) -> list[RawRecord | InputError]:
    return list(iter_records(path, stream))


def only_records(items) -> list[RawRecord]:
    return [r for r in items if isinstance(r, RawRecord)]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- decode_bytes


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (ARABIC.encode("utf-8"), ARABIC, "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), ARABIC, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), ARABIC, "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), ARABIC, "utf-16-be"),
        # no BOM: told apart by which byte of each pair holds the 06 (Arabic) / 00 (ASCII)
        (ARABIC.encode("utf-16-le"), ARABIC, "utf-16-le"),
        (ARABIC.encode("utf-16-be"), ARABIC, "utf-16-be"),
        (FRENCH.encode("utf-16-le"), FRENCH, "utf-16-le"),
        (ARABIC.replace(" ", "").encode("utf-16-le"), ARABIC.replace(" ", ""), "utf-16-le"),
        (ARABIC.encode("cp1256"), ARABIC, "windows-1256"),
        (FRENCH.encode("utf-8"), FRENCH, "utf-8"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf16le-french",
        "utf16le-no-ascii",
        "cp1256",
        "utf8-french",
    ],  # fmt: skip
)
def test_decode_bytes_reads_supported_encodings(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_decode_bytes_reads_a_seed_in_windows_1256():
    original = (SEEDS / "003_0546f77b3de22a26.txt").read_text(encoding="utf-8")
    # The seed's Arabic-Indic date and curly quotes have no windows-1256 bytes: keep the rest.
    text = original.encode("cp1256", errors="ignore").decode("cp1256")
    assert decode_bytes(text.encode("cp1256")) == (text, "windows-1256")


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("latin-1"),  # "É" would decode to "ة": a mixed word gives it away
        FRENCH.lower().encode("latin-1"),  # decodes "fine" as 1256 but has no Arabic
        FRENCH.encode("cp1252"),
        ARABIC.encode("iso-8859-6"),  # Arabic letters, but no "ال" words: not windows-1256
        "Ça a coûté 300 € à l'État.".encode("cp1252"),
    ],
    ids=["latin1", "latin1-lower", "cp1252", "iso-8859-6", "cp1252-euro"],
)
def test_decode_bytes_refuses_to_guess_other_single_byte_encodings(data):
    with pytest.raises(InputError, match=r"^not valid UTF-8, UTF-16 or windows-1256$"):
        decode_bytes(data)


def test_decode_bytes_refuses_binary_and_empty_input():
    rng = random.Random(1256)
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(b"text\x01\x02\x03\x04\x05 with controls" * 3)
    with pytest.raises(InputError, match="^empty file$"):
        decode_bytes(b"")
    with pytest.raises(InputError, match="UTF-32"):
        decode_bytes(ARABIC.encode("utf-32"))


def test_decode_bytes_reports_broken_utf8_after_a_bom():
    with pytest.raises(InputError, match="UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + b"abc \xff\xfe def")


# --------------------------------------------------------------------------- detect_format


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.html", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("page", "  <html lang='ar'><head>", "html"),
        ("a.txt", "<!doctype html>\n<html>", "html"),  # content first
        ("a.htm", "<div>fragment</div>", "html"),
        ("feed.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        ("x", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("x.rdf", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="...">', "feed"),
        ("a.json", '[{"body": "x"}]', "json"),
        ("a.json", '{\n  "body": "x"\n}', "json"),
        ("a", '{"body": "x"}', "json"),
        ("a.json", '{"body": "a"}\n{"body": "b"}\n', "jsonl"),  # content first
        ("a", '{"body": "a"}\n{"body": "b"}\n{"bo', "jsonl"),
        ("a.jsonl", '{"body": "a"}', "jsonl"),
        ("a.ndjson", '{"body": "a"}', "jsonl"),
        ("a.jsonl.gz", '{"body": "a"}', "jsonl"),
        ("a.txt", "عنوان الخبر\n\nنص الخبر", "text"),
        ("a.txt", "[صورة] عنوان الخبر", "text"),  # a bracket is not JSON
        ("a.txt", "{عنوان}", "text"),
        ("", "plain words", "text"),
    ],
)
def test_detect_format(name, head, expected):
    assert detect_format(name, head) == expected


# --------------------------------------------------------------------------- text files


def test_a_seed_text_file_is_one_record_whose_title_is_left_to_cleaning():
    path = SEEDS / "001_40ba571edd290cb5.txt"
    [record] = records(path)
    assert record.item == str(path)
    assert record.format == "text"
    assert record.encoding == "utf-8"
    assert record.title is None
    assert record.body.startswith("أخبار العالم\n\nرابطة الدول المستقلة")
    assert record.body == path.read_text(encoding="utf-8")


def test_text_file_line_endings_are_normalized(tmp_path):
    path = write(tmp_path / "crlf.txt", "عنوان\r\n\r\nنص الخبر\r\n".encode("utf-16"))
    [record] = records(path)
    assert record.body == "عنوان\n\nنص الخبر\n"
    assert record.encoding == "utf-16-le"


def test_windows_1256_text_file(tmp_path):
    path = write(tmp_path / "old.txt", ARABIC.encode("cp1256"))
    [record] = records(path)
    assert (record.body, record.encoding) == (ARABIC, "windows-1256")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file (only whitespace)"),
        (bytes(range(256)) * 4, "binary file (NUL bytes)"),
        (FRENCH.encode("latin-1"), "not valid UTF-8, UTF-16 or windows-1256"),
    ],
)
def test_unreadable_text_files_raise_with_a_reason(tmp_path, data, reason):
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as excinfo:
        records(path)
    assert str(excinfo.value) == reason
    assert excinfo.value.item == str(path)


def test_missing_path_and_directory_raise(tmp_path):
    with pytest.raises(InputError, match="^no such file or directory$"):
        records(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="^is a directory$"):
        records(tmp_path)


def test_whole_file_formats_have_a_size_limit_that_points_to_json_lines(tmp_path, monkeypatch):
    monkeypatch.setattr("archive.text.formats.reader.MAX_WHOLE_FILE_BYTES", 100)
    with pytest.raises(InputError, match=r"^too large to read whole as text .*JSON Lines"):
        records(write(tmp_path / "big.txt", ARABIC.encode()))
    lines = "".join(json.dumps({"body": ARABIC}) + "\n" for _ in range(5)).encode()
    assert len(only_records(records(write(tmp_path / "big.jsonl", lines)))) == 5


# --------------------------------------------------------------------------- HTML


def test_html_page_yields_the_article_without_scripts_navigation_or_comments():
    [record] = records(FIXTURES / "article.html")
    assert record.format == "html"
    assert record.title == (
        "رابطة الدول المستقلة ومنظمة شنغهاي للتعاون تعقدان مؤتمرا مشتركا حول مكافحة الإرهاب"
    )
    paragraphs = record.body.split("\n\n")
    assert paragraphs[0].startswith("انطلق اليوم الأربعاء مؤتمر مشترك")
    assert "التهديدات الرئيسية" in paragraphs  # the sub-heading is a paragraph of its own
    assert paragraphs[-1].startswith("وسيناقش الحضور، الخميس")
    assert len(paragraphs) == 5
    for junk in ("MUST_NOT_APPEAR", "رياضة", "اقتصاد", "ارتفاع أسعار النفط", "gtag", "©"):
        assert junk not in record.body
    assert "الرئيسية" not in paragraphs  # the navigation's "home" link
    assert record.published_at == "2024-10-30"
    assert record.url == "https://example.org/world/1234-cis-sco-conference"
    assert record.source == "RT Arabic"
    assert record.language == "ar"


def test_html_record_cleans_to_the_same_article():
    [record] = records(FIXTURES / "article.html")
    result = clean_article(title=record.title, body=record.body)
    assert result.removed == []
    assert result.body == record.body
    assert detect_language(result.body) == "ar"


def test_html_page_with_only_scripts_is_an_error_not_an_empty_article():
    with pytest.raises(InputError, match="^no article text found$"):
        records(FIXTURES / "scripts_only.html")


def test_html_in_a_declared_charset_is_read_with_it(tmp_path):
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Sécurité</title></head><body><article>'
        + "<p>Le ministre de l'Intérieur a évoqué la coopération antiterroriste régionale.</p>" * 3
        + "</article></body></html>"
    )
    [record] = records(write(tmp_path / "fr.html", page.encode("latin-1")))
    assert record.encoding == "iso-8859-1"
    assert "coopération antiterroriste" in record.body


# --------------------------------------------------------------------------- JSON


def test_json_array_yields_each_item_and_an_error_for_the_one_without_body():
    items = records(FIXTURES / "articles.json")
    first, second, third = items
    assert first.item.endswith("articles.json#item 1")
    assert first.title == "التحالف الإسلامي ومركز الأمم المتحدة يوقعان مذكرة تفاهم"
    assert first.body.split("\n\n")[1].startswith("وتهدف مذكرة التفاهم")
    assert (first.url, first.published_at, first.source, first.language) == (
        "https://example.org/a/1",
        "2025-02-11T08:00:00+03:00",
        "صحيفة الجزيرة",
        "ar",
    )
    assert first.format == "json"
    assert second.language == "en" and second.url is None
    assert isinstance(third, InputError)
    assert str(third) == "no body"
    assert third.item.endswith("articles.json#item 3")


def test_json_object_is_one_record():
    [record] = records(FIXTURES / "article_object.json")
    assert record.item.endswith("article_object.json")
    assert record.title == "اختتام المؤتمر العربي للمسؤولين عن مكافحة الإرهاب"
    assert record.published_at == "2021-06-10"


def test_json_object_with_an_articles_list():
    items = records(FIXTURES / "articles_wrapped.json")
    assert [r.title for r in items] == ["الأول", "الثاني"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[{"body": "a"},\n{"body": "b"', "truncated JSON at line 2"),
        ('{"body": "a", "title": }', "invalid JSON at line 1: Expecting value (column 24)"),
        ('{"title": "no body"}', 'JSON object has no "body", "articles" or "items"'),
        ("[]", "JSON holds no articles (empty list)"),
        ('"just a string"', "expected a JSON array or object, found a string"),
    ],
)
def test_bad_json_files_raise_with_a_reason(tmp_path, text, reason):
    with pytest.raises(InputError) as excinfo:
        records(write(tmp_path / "bad.json", text.encode()))
    assert str(excinfo.value) == reason


def test_json_body_given_as_html_becomes_text(tmp_path):
    data = json.dumps([{"title": "<b>عنوان</b>", "body": "<p>الفقرة الأولى.</p><p>الثانية.</p>"}])
    [record] = records(write(tmp_path / "html-body.json", data.encode()))
    assert (record.title, record.body) == ("عنوان", "الفقرة الأولى.\n\nالثانية.")


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines_bad_items_are_reported_and_the_rest_come_through():
    path = FIXTURES / "broken.jsonl"
    items = records(path)
    assert [(type(r).__name__, r.item, str(r) if isinstance(r, InputError) else r.title) for r in items] == [
        ("RawRecord", f"{path}:line 1", "الخبر الأول"),
        ("RawRecord", f"{path}:line 2", "الخبر الثاني"),
        # line 3 is blank: skipped, but still counted
        ("InputError", f"{path}:line 4", "truncated JSON at line 4"),
        ("InputError", f"{path}:line 5", "no body"),
        ("RawRecord", f"{path}:line 6", "الخبر الخامس"),
    ]  # fmt: skip
    assert items[0].published_at == "2024-01-01"
    assert items[0].format == "jsonl"


def test_json_lines_item_errors_name_the_problem(tmp_path):
    lines = [
        '{"body": 12}',
        '["a", "list"]',
        '{"body": "   "}',
        '{"body": "ok", "title": null, "published_at": 1700000000}',
        '{"body": "x" "y"}',
    ]
    items = records(write(tmp_path / "odd.jsonl", "\n".join(lines).encode()))
    assert [str(r) for r in items if isinstance(r, InputError)] == [
        "body is a number, not text",
        "expected a JSON object, found a list",
        "empty body",
        "invalid JSON at line 5: Expecting ',' delimiter (column 14)",
    ]
    [ok] = only_records(items)
    assert (ok.title, ok.published_at) == (None, "1700000000")


def test_json_lines_in_utf16_and_with_a_bad_utf8_line(tmp_path):
    text = '{"body": "الأول"}\n{"body": "الثاني"}\n'
    items = records(write(tmp_path / "u16.jsonl", text.encode("utf-16")))
    assert [r.body for r in items] == ["الأول", "الثاني"]
    assert items[0].encoding == "utf-16-le"
    data = b'{"body": "one"}\n{"body": "caf\xe9 \xff\xfe"}\n{"body": "three"}\n'
    items = records(write(tmp_path / "mixed.jsonl", data))
    assert [r.body if isinstance(r, RawRecord) else str(r) for r in items] == [
        "one",
        "not valid UTF-8, UTF-16 or windows-1256",
        "three",
    ]


def test_compressed_json_lines_are_streamed(tmp_path):
    text = "".join(json.dumps({"title": f"خبر {i}", "body": "نص"}) + "\n" for i in range(50))
    for name, data in (
        ("batch.jsonl.gz", gzip.compress(text.encode())),
        ("batch.jsonl.bz2", bz2.compress(text.encode())),
    ):
        items = records(write(tmp_path / name, data))
        assert [r.title for r in items] == [f"خبر {i}" for i in range(50)]


def test_corrupt_gzip_reports_where_it_broke(tmp_path):
    text = "".join(json.dumps({"body": "نص " * 50}) + "\n" for _ in range(2000)).encode()
    data = gzip.compress(text)
    items = records(write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2]))
    assert isinstance(items[-1], InputError)
    assert str(items[-1]).startswith("input breaks off after line")
    assert all(isinstance(r, RawRecord) for r in items[:-1]) and len(items) > 10


def test_a_huge_body_is_accepted_up_to_the_line_limit(tmp_path):
    body = ("فقرة طويلة عن التعاون في مكافحة الإرهاب. " * 50 + "\n\n") * 2500  # about 10 MB
    line = json.dumps({"title": "كبير", "body": body}, ensure_ascii=False)
    path = write(tmp_path / "huge.jsonl", (line + "\n" + line + "\n").encode())
    roomy = Limits(max_line_bytes=32 * 2**20)
    items = list(iter_records(path, limits=roomy))
    assert [len(r.body) for r in items] == [len(body), len(body)]
    # At the default limit (8 MB) each line fails alone, naming its setting.
    assert [str(e) for e in records(path)] == [
        f"line longer than {8 * 2**20:,} bytes (ARCHIVE_INGEST_MAX_LINE_BYTES)"
    ] * 2


def test_a_50_mb_json_lines_file_streams_in_flat_memory(tmp_path):
    rng = random.Random(50)
    words = [
        "التعاون",
        "الدولي",
        "في",
        "مكافحة",
        "الإرهاب",
        "وتبادل",
        "المعلومات",
        "الأمنية",
        "بين",
        "الدول",
    ]
    path = tmp_path / "big.jsonl"
    count = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < 50 * 1024 * 1024:
            body = "\n\n".join(" ".join(rng.choices(words, k=120)) for _ in range(8))
            out.write(json.dumps({"url": f"https://example.org/{count}", "title": f"خبر {count}",
                                  "body": body}, ensure_ascii=False) + "\n")  # fmt: skip
            count += 1
    assert path.stat().st_size >= 50 * 1024 * 1024

    seen = 0
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        for record in iter_records(path):
            assert isinstance(record, RawRecord)
            seen += 1
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 30 * 1024 * 1024, f"peak memory grew by {peak / 2**20:.1f} MB"


# --------------------------------------------------------------------------- feeds


def test_rss_feed_yields_one_record_per_item():
    path = FIXTURES / "feed_rss.xml"
    first, second = records(path)
    assert first.item == f"{path}#entry 1"
    assert first.format == "feed"
    assert first.title == "الإنتربول يجمع خبراء مكافحة الإرهاب في أبوظبي"
    assert first.url == "https://example.org/news/interpol-abu-dhabi"
    assert first.published_at == "Fri, 20 Dec 2019 10:00:00 +0400"
    assert first.source == "أخبار مكافحة الإرهاب"
    assert first.language == "ar"
    # content:encoded wins over the description; its paragraphs stay apart, the script goes
    assert first.body == (
        "اجتمع ممثلون عن وحدات مكافحة الإرهاب والمكاتب المركزية الوطنية للإنتربول في أبوظبي."
        "\n\nوركز الاجتماع على النهوض بالتعاون الشرطي الدولي بين البلدان المشاركة."
    )
    assert second.body == (
        "أبرم التحالف الإسلامي العسكري لمحاربة الإرهاب ومركز الأمم المتحدة لمكافحة الإرهاب مذكرة تفاهم."
    )


def test_atom_feed_yields_one_record_per_entry():
    first, second = records(FIXTURES / "feed_atom.xml")
    assert first.title == "CIS and SCO hold joint counter-terrorism conference"
    assert first.body == (
        "A joint conference of the CIS and the SCO on countering terrorism opened in Tashkent."
        "\n\nDelegations from 20 member states take part."
    )
    assert (first.url, first.published_at) == (
        "https://example.org/en/cis-sco",
        "2024-10-30T12:00:00Z",
    )
    assert second.published_at == "2019-12-20T08:00:00Z"  # no <published>: <updated>
    assert second.body == "More than 40 law enforcement officers from 17 countries attended."
    assert first.source == second.source == "Counter-terrorism cooperation"


def test_feed_entry_without_text_is_an_item_error(tmp_path):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>empty</title><link>https://example.org/1</link></item>"
        "<item><title>full</title><description>Some text.</description></item>"
        "</channel></rss>"
    )
    error, record = records(write(tmp_path / "feed.rss", feed.encode()))
    assert (str(error), error.item) == ("entry has no text", f"{tmp_path / 'feed.rss'}#entry 1")
    assert record.body == "Some text."


def test_feed_without_entries_raises(tmp_path):
    with pytest.raises(InputError, match="^feed has no entries"):
        records(write(tmp_path / "f.xml", b'<?xml version="1.0"?><rss><channel></channel></rss>'))


# --------------------------------------------------------------------------- stdin


def test_stdin_stream_is_read_by_content():
    stream = io.BytesIO(b'{"body": "one"}\n{"body": "two"}\n')
    items = records("-", stream)
    assert [(r.item, r.body) for r in items] == [
        ("<stdin>:line 1", "one"),
        ("<stdin>:line 2", "two"),
    ]
    [record] = records("-", io.BytesIO("عنوان\n\nنص".encode()))
    assert (record.item, record.format, record.body) == ("<stdin>", "text", "عنوان\n\nنص")
    [record] = records("-", io.BytesIO((FIXTURES / "article.html").read_bytes()))
    assert record.format == "html"
    with pytest.raises(InputError, match="^empty file$"):
        records("-", io.BytesIO(b""))


# --------------------------------------------------------------------------- robustness

_PREFIXES = [b"", b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item>",
             b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>', b"[", b'{"body": ',
             b'{"body": "a"}\n{', b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe"]  # fmt: skip
_NAMES = ["x.txt", "x.html", "x.json", "x.jsonl", "x.xml", "-"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=600), name=st.sampled_from(_NAMES)
)
def test_random_bytes_give_records_or_input_errors_only(prefix, data, name):
    try:
        for item in iter_records(name, io.BytesIO(prefix + data)):
            assert isinstance(item, (RawRecord, InputError))
            if isinstance(item, RawRecord):
                assert item.body.strip()
    except InputError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_decode_bytes_either_decodes_or_raises_input_error(data):
    try:
        text, encoding = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding


# --------------------------------------------------------------------------- iter_paths


def test_iter_paths_walks_directories_in_order_and_skips_what_is_not_input(tmp_path):
    for rel in [
        "b/2.txt",
        "b/1.html",
        "a/z.jsonl",
        "a/sub/y.json",
        "a/batch.jsonl.gz",
        "a/.hidden.txt",
        ".git/config.txt",
        "a/.cache/x.txt",
        "a/README.txt",
        "a/LICENSE",
        "a/ingest-report-2025.json",
        "a/run.report.json",
        "a/photo.png",
        "a/notes.txt~",
        "a/draft.txt.swp",
        "feed.xml",
    ]:
        write(tmp_path / rel, b"x")
    found = [os.path.relpath(p, tmp_path) for p in iter_paths([str(tmp_path)])]
    assert found == [
        "feed.xml",
        "a/batch.jsonl.gz",
        "a/z.jsonl",
        "a/sub/y.json",
        "b/1.html",
        "b/2.txt",
    ]


def test_iter_paths_passes_files_stdin_and_missing_paths_through(tmp_path):
    odd = write(tmp_path / "export.dat", b"x")
    missing = str(tmp_path / "missing.txt")
    assert list(iter_paths([str(odd), "-", missing])) == [str(odd), "-", missing]
    # the missing path is reported when it is read, with the other failures
    with pytest.raises(InputError, match="no such file"):
        records(missing)


def test_iter_paths_yields_a_file_once_even_when_named_through_two_directories(tmp_path):
    write(tmp_path / "d" / "a.txt", b"x")
    assert len(list(iter_paths([str(tmp_path), str(tmp_path / "d")]))) == 1
