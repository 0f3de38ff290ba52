"""Hostile inputs: none stops, hangs or blows up a batch; each fails alone, with its reason.

The files are generated here, small: where the point is a limit, the test lowers the
limit (the ARCHIVE_INGEST_* settings) instead of writing gigabytes. The memory figures
at the real default limits are in README.md.
"""

import gzip
import json
import os
import threading

import pytest

from archive.models import Article, Source
from tests.ingest.test_ingest import run_ingest

pytestmark = pytest.mark.django_db

TEXT = "عقد مسؤولون من الإنتربول اجتماعا في الرياض لبحث التعاون في مكافحة الإرهاب"


def _line(n, **fields):
    row = {"url": f"https://example.org/{n}", "title": f"خبر {n}", "body": f"{TEXT} رقم {n}."}
    row.update(fields)
    return json.dumps(row, ensure_ascii=False)


def _report(tmp_path, *paths, extra=()):
    report = tmp_path / "ingest-report.json"
    code, out, err = run_ingest(*map(str, paths), *extra, "--report", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    return code, out, err, data


def _failures(data):
    return {
        i["item"].rsplit("/", 1)[-1]: i["reason"] for i in data["items"] if i["status"] == "failed"
    }


# --- 1. streaming reads with limits ---------------------------------------------------


def test_a_line_over_the_line_limit_fails_alone_and_the_file_goes_on(tmp_path, settings):
    settings.ARCHIVE_INGEST_MAX_LINE_BYTES = 100_000
    long_line = _line(2, body=TEXT * 3_000)  # about 400 KB
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join([_line(1), long_line, _line(3)]).encode()))
    code, out, _err, data = _report(tmp_path, path)
    assert code == 1 and "new 2" in out and "failed 1" in out
    reason = _failures(data)["batch.jsonl.gz:line 2"]
    assert "ARCHIVE_INGEST_MAX_LINE_BYTES" in reason
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        "https://example.org/1",
        "https://example.org/3",
    ]


def test_a_compression_bomb_is_refused_by_its_ratio(tmp_path, settings):
    settings.ARCHIVE_INGEST_MAX_COMPRESSION_RATIO = 50
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress((TEXT + "\n").encode() * 60_000))  # 8 MB in about 30 KB
    good = tmp_path / "good.txt"
    good.write_text(f"عنوان\n\n{TEXT}.", encoding="utf-8")
    code, out, _err, data = _report(tmp_path, bomb, good)
    assert code == 1 and "new 1" in out
    assert "ARCHIVE_INGEST_MAX_COMPRESSION_RATIO" in _failures(data)["bomb.txt.gz"]
    assert Article.objects.count() == 1


def test_decompressed_output_has_a_size_limit(tmp_path, settings):
    settings.ARCHIVE_INGEST_MAX_DECOMPRESSED_BYTES = 300_000
    lines = "\n".join(_line(n, body=f"{TEXT} {n} " * 10) for n in range(1_000))  # 1.5 MB
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(gzip.compress(lines.encode()))
    code, _out, _err, data = _report(tmp_path, path)
    assert code == 1
    reasons = _failures(data)
    assert any("ARCHIVE_INGEST_MAX_DECOMPRESSED_BYTES" in r for r in reasons.values()), reasons
    # What came before the limit is ingested; the rest of the file is not read.
    assert 0 < Article.objects.count() < 1_000


def test_a_whole_file_over_the_record_limit_is_refused_without_reading_it_all(tmp_path, settings):
    settings.ARCHIVE_INGEST_MAX_RECORD_BYTES = 200_000
    big = tmp_path / "big.txt"
    big.write_text("عنوان\n\n" + (TEXT + "\n") * 5_000, encoding="utf-8")  # about 700 KB
    code, _out, _err, data = _report(tmp_path, big)
    assert code == 1
    assert "ARCHIVE_INGEST_MAX_RECORD_BYTES" in _failures(data)["big.txt"]
    assert Article.objects.count() == 0


# --- 2. an article has a size limit ---------------------------------------------------


@pytest.mark.parametrize("suffix", ["jsonl", "json", "txt"])
def test_an_article_over_the_article_limit_fails_alone(tmp_path, settings, suffix):
    settings.ARCHIVE_INGEST_MAX_ARTICLE_CHARS = 5_000
    long_body = (TEXT + ".\n") * 200  # about 15,000 characters
    if suffix == "txt":
        (tmp_path / "long.txt").write_text("عنوان\n\n" + long_body, encoding="utf-8")
        (tmp_path / "short.txt").write_text(f"عنوان\n\n{TEXT}.", encoding="utf-8")
    elif suffix == "jsonl":
        (tmp_path / "a.jsonl").write_text(f"{_line(1)}\n{_line(2, body=long_body)}\n")
    else:
        rows = [json.loads(_line(1)), json.loads(_line(2, body=long_body))]
        (tmp_path / "a.json").write_text(json.dumps(rows, ensure_ascii=False))
    code, out, _err, data = _report(tmp_path, tmp_path)
    assert code == 1 and "new 1" in out and "failed 1" in out
    (reason,) = _failures(data).values()
    assert "ARCHIVE_INGEST_MAX_ARTICLE_CHARS" in reason
    assert all(len(a.body) <= 5_000 for a in Article.objects.all())


# --- 3. one hostile item fails alone ----------------------------------------------------


@pytest.mark.parametrize("field", ["title", "body"])
def test_a_lone_surrogate_fails_its_item_and_the_batch_goes_on(tmp_path, field, settings):
    lines = [_line(n) for n in range(1, 101)]
    row = json.loads(lines[50])
    row[field] += "\ud800"
    lines[50] = json.dumps(row)  # ASCII JSON: "\ud800" written as an escape
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, _err, data = _report(tmp_path, path, extra=["--workers", "0"])
    assert code == 1
    assert data["summary"] == {"new": 99, "updated": 0, "duplicate": 0, "failed": 1}
    assert data["interrupted"] is False
    assert "surrogate" in _failures(data)["batch.jsonl:line 51"]
    assert Article.objects.count() == 99


@pytest.mark.parametrize("bad", ["https://example.org/a\u0000b", "https://example.org/\udc80"])
def test_a_url_with_nul_or_a_lone_surrogate_does_not_stop_its_chunk(tmp_path, bad):
    lines = [_line(n) for n in range(1, 11)]
    lines[4] = json.dumps(json.loads(_line(5)) | {"url": bad})
    path = tmp_path / "urls.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, _out, _err, data = _report(tmp_path, path)
    # The other nine are stored; the bad URL is never stored, whatever becomes of its item.
    assert Article.objects.exclude(url="").count() == 9
    assert not Article.objects.filter(url__contains="example.org/a").exists()
    assert len(data["items"]) == 10 and code in (0, 1)
    assert all(i["status"] in ("new", "failed") for i in data["items"])


def test_a_json_number_too_long_to_parse_fails_its_line_alone(tmp_path):
    path = tmp_path / "numbers.jsonl"
    number = "1" * 5_000
    path.write_text(f'{_line(1)}\n{{"body": "{TEXT}", "n": {number}}}\n{_line(3)}\n')
    code, out, _err, data = _report(tmp_path, path)
    assert code == 1 and "new 2" in out and "failed 1" in out
    assert "digits" in _failures(data)["numbers.jsonl:line 2"]


def test_a_deeply_nested_first_line_fails_its_file_and_the_directory_goes_on(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    nested = '{"a": ' * 3_000 + "1" + "}" * 3_000  # about 18 KB on its first line
    (batch / "a-nested.json").write_text(nested + "\n" + _line(0) + "\n")
    (batch / "b-good.jsonl").write_text("\n".join(_line(n) for n in range(1, 101)))
    code, out, _err, data = _report(tmp_path, batch)
    assert code == 1 and "new 100" in out
    assert "a-nested.json" in _failures(data)


# --- 4. a FIFO in a batch directory -----------------------------------------------------


def test_a_fifo_in_a_batch_directory_is_skipped_not_waited_for(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(f"عنوان\n\n{TEXT}.", encoding="utf-8")
    fifo = batch / "pipe.txt"
    os.mkfifo(fifo)
    done = threading.Event()

    def feed():
        # Writes an article into the FIFO if ingest ever opens it for reading (so the
        # old behaviour shows as a stored article); never blocks.
        while not done.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: nobody reads the FIFO
                done.wait(0.01)
                continue
            os.write(fd, "من الأنبوب\n\nنص وصل عبر الأنبوب.".encode())
            os.close(fd)
            return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        code, out, err, data = _report(tmp_path, batch)
    finally:
        done.set()
        writer.join()
    assert code == 0 and "new 1" in out
    assert not Article.objects.filter(body__contains="الأنبوب").exists()
    skipped = [i for i in data["items"] if i["status"] == "skipped"]
    assert [i["item"].rsplit("/", 1)[-1] for i in skipped] == ["pipe.txt"]
    assert "not a regular file" in skipped[0]["reason"]
    assert data["summary"]["skipped"] == 1 and "skipped 1" in out


# --- 5. symbolic links out of the batch ---------------------------------------------------


def test_a_symlink_out_of_the_batch_is_skipped_and_reported(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n\nسر لا يخرج من الخادم.", encoding="utf-8")
    batch = tmp_path / "batch"
    (batch / "sub").mkdir(parents=True)
    (batch / "sub" / "good.txt").write_text(f"عنوان\n\n{TEXT}.", encoding="utf-8")
    (batch / "passwd.txt").symlink_to(secret)
    (batch / "inside.txt").symlink_to(batch / "sub" / "good.txt")  # same file: read once
    (batch / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    code, out, _err, data = _report(tmp_path, batch)
    assert code == 0 and "new 1" in out
    assert not Article.objects.filter(body__contains="سر لا يخرج").exists()
    assert not Article.objects.filter(title__startswith="root:").exists()
    skipped = {
        i["item"].rsplit("/", 1)[-1]: i["reason"] for i in data["items"] if i["status"] == "skipped"
    }
    assert set(skipped) == {"passwd.txt", "elsewhere"}
    assert "symbolic link" in skipped["passwd.txt"]


# --- stored names carry no bidi controls --------------------------------------------------


def test_bidi_controls_are_removed_from_source_names(tmp_path):
    name = "\u202eوكالة\u202c \u2066الأنباء\u2069\u200f"
    path = tmp_path / "a.jsonl"
    path.write_text(_line(1, source=name) + "\n", encoding="utf-8")
    assert run_ingest(str(path))[0] == 0
    assert list(Source.objects.values_list("name", flat=True)) == ["وكالة الأنباء"]
