"""End-to-end benchmark of `manage.py ingest` on a generated batch of real Arabic text.

    .venv/bin/python bench/ingest_bench.py [--articles 100000] [--database-url URL] [--keep]
    .venv/bin/python bench/ingest_bench.py --articles 2000 --profile

1. Builds ``var/bench/batch.jsonl`` (JSON Lines, never committed): paragraphs of the ANT
   corpus (/work/shared/corpora/ant-corpus.jsonl.gz, Apache-2.0) recombined into
   articles whose body lengths follow the ANT distribution, plus about 5% counter-
   terrorism cooperation articles built around the lead paragraphs of ``seeds/``.
   Deterministic for a given ``--seed`` and size (a smaller batch is a prefix of a
   larger one).
2. Creates a fresh database (``ct_bench_ingest``) on the server of ``--database-url``,
   runs ``migrate`` there, then times ``manage.py ingest BATCH --no-progress --report
   ...`` as a child process with DJANGO_DEBUG=1, twice: the first run and the
   idempotent re-run (everything a duplicate).
3. Measures wall time, articles/s and peak RSS (``os.wait4`` rusage of that child, so
   each run is measured alone; RSS is also sampled to see growth during the run), and
   reads the counts from the report. Prints a Markdown table and writes it to
   ``var/bench/ingest.md`` (raw numbers in ``var/bench/ingest-results.json``).
4. Drops the database unless ``--keep``.

``--profile`` instead runs one ingest under cProfile (``var/bench/ingest.prof``) and
prints the top entries by cumulative time and the own time per module.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import gzip
import hashlib
import io
import json
import os
import platform
import pstats
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
CORPUS = Path("/work/shared/corpora/ant-corpus.jsonl.gz")
SEEDS = ROOT / "seeds"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "ct_bench_ingest"

GENERATOR_VERSION = 3  # bump when the batch generator changes: cached batches are rebuilt
TARGET_RATE = 500  # articles per second, end to end
TARGET_RSS_MB = 300
REFERENCE_LOOP = 20_000_000  # iterations of the machine-speed reference (about 2.6 s here)
MB = 1024 * 1024

# Synthetic outlet names: the text is real, its attribution in the batch is not.
SOURCES = [f"Bench source {i:02d}" for i in range(1, 21)]
FIRST_DAY = datetime.date(2015, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 3, 12
MIN_PARAGRAPH_CHARS = 60  # fewer paragraphs for short articles rather than one-liners

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def _ensure_venv() -> None:
    """Re-run under the project's virtualenv when started with another interpreter."""
    try:
        import psutil  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError:
        venv = ROOT / ".venv"
        if (venv / "bin" / "python").exists() and Path(sys.prefix).resolve() != venv.resolve():
            os.execv(venv / "bin" / "python", [str(venv / "bin" / "python"), *sys.argv])
        raise SystemExit("psycopg and psutil are needed: run with .venv/bin/python") from None


# --------------------------------------------------------------------------- the batch


@dataclass
class Corpus:
    titles: list[str]  # per ANT document
    body_lengths: list[int]  # the ANT body length distribution (characters)
    unit_lengths: list[int]  # sorted; parallel to units
    units: list[tuple[int, str]]  # (document index, paragraph or sentence)


@dataclass
class Seed:
    name: str
    title: str
    lead: list[str]  # always kept: where the meeting and organizations are named
    rest: list[str]  # sampled, in order


def load_corpus(path: Path = CORPUS) -> Corpus:
    titles: list[str] = []
    body_lengths: list[int] = []
    units: list[tuple[int, int, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            body = (doc.get("body") or "").strip()
            if not body:
                continue
            index = len(titles)
            titles.append((doc.get("title") or "").strip() or body.split("\n", 1)[0][:120])
            body_lengths.append(len(body))
            for paragraph in body.split("\n"):
                paragraph = " ".join(paragraph.split())
                if len(paragraph) < 20:
                    continue
                units.append((len(paragraph), index, paragraph))
                sentences = [s for s in _SENTENCE_END.split(paragraph) if len(s) >= 40]
                if len(sentences) > 1:  # shorter units, so short articles get 3+ paragraphs
                    units.extend((len(s), index, s) for s in sentences)
    units.sort()
    return Corpus(
        titles=titles,
        body_lengths=body_lengths,
        unit_lengths=[u[0] for u in units],
        units=[(u[1], u[2]) for u in units],
    )


def load_seeds(directory: Path = SEEDS) -> list[Seed]:
    seeds = []
    for path in sorted(directory.glob("*.txt")):
        lines = [" ".join(x.split()) for x in path.read_text(encoding="utf-8").splitlines()]
        lines = [x for x in lines if x]
        title, start = None, 0
        for i, line in enumerate(lines):
            words = len(line.split())
            if 6 <= words <= 30:  # a headline
                title, start = line, i + 1
                break
            if words > 30:  # the text starts with its lead: its first words are the title
                title, start = " ".join(line.split()[:14]), i
                break
        if title is None:
            continue
        body = lines[start:]
        # The lead: up to the second real paragraph (15+ words), with the short lines
        # (captions, sharing buttons) between them, as a scraped page has them.
        substantive = [i for i, line in enumerate(body) if len(line.split()) >= 15]
        cut = substantive[1] + 1 if len(substantive) > 1 else 2
        seeds.append(Seed(name=path.name, title=title, lead=body[:cut], rest=body[cut:]))
    if not seeds:
        raise SystemExit(f"no seed articles in {directory}")
    return seeds


def _random_day(rng: random.Random) -> datetime.date:
    return FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def _story_days(seed: int, count: int) -> list[datetime.date]:
    """When each seed story happened: a day in 2015-2025, early enough in its month that
    a week of reports stays in that month ("the 29th of the current month")."""
    rng = random.Random(f"stories-{seed}")
    return [_random_day(rng).replace(day=rng.randint(1, 20)) for _ in range(count)]


def _timestamp(rng: random.Random, day: datetime.date) -> str:
    return f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+01:00"


def _corpus_units(rng: random.Random, corpus: Corpus, count: int, per: float) -> list[int]:
    """Indexes of `count` corpus units of about `per` characters each."""
    picked = []
    last = len(corpus.units) - 1
    for _ in range(count):
        at = bisect.bisect_left(corpus.unit_lengths, per * rng.uniform(0.6, 1.4))
        picked.append(min(last, max(0, at + rng.randint(-150, 150))))
    return picked


def _general_article(rng: random.Random, corpus: Corpus) -> tuple[str, list[str]]:
    target = rng.choice(corpus.body_lengths)
    count = max(MIN_PARAGRAPHS, min(rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS), target // 60))
    picked = _corpus_units(rng, corpus, count, target / count)
    return corpus.titles[corpus.units[picked[0]][0]], [corpus.units[i][1] for i in picked]


def _ct_article(rng: random.Random, corpus: Corpus, seed: Seed) -> tuple[str, list[str]]:
    count = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
    context = rng.randint(1, 3)  # background paragraphs from the corpus, unique per report
    keep = max(0, min(len(seed.rest), count - len(seed.lead) - context))
    rest = [seed.rest[i] for i in sorted(rng.sample(range(len(seed.rest)), keep))]
    extra = _corpus_units(rng, corpus, max(context, MIN_PARAGRAPHS - len(seed.lead) - keep), 250)
    # Background right after the lead: the cleaner cuts a scraped page at its "related
    # news" block, and what follows it would make two reports the same text.
    return seed.title, [*seed.lead, *(corpus.units[i][1] for i in extra), *rest]


def build_batch(path: Path, *, articles: int, seed: int, ct_share: float, ct_dates: str) -> dict:
    """Write the batch; returns its description (also stored beside it).

    ct_dates "story": the reports of one seed story are published within a week of it
    (stories spread over 2015-2025); "spread": every article gets any day of 2015-2025,
    so one meeting is reported in several years.
    """
    rng = random.Random(seed)
    corpus = load_corpus()
    seeds = load_seeds()
    stories = _story_days(seed, len(seeds))
    seen: set[bytes] = set()
    lengths: list[int] = []
    paragraphs: list[int] = []
    ct = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for index in range(articles):
            is_ct = rng.random() < ct_share
            story = rng.randrange(len(seeds)) if is_ct else None
            for _attempt in range(100):  # the same text twice would be one article
                title, parts = (
                    _ct_article(rng, corpus, seeds[story])
                    if story is not None
                    else _general_article(rng, corpus)
                )
                body = "\n\n".join(parts)
                digest = hashlib.blake2b(f"{title}\n{body}".encode(), digest_size=16).digest()
                if digest not in seen:
                    seen.add(digest)
                    break
            else:
                raise SystemExit("could not generate a unique article: too few paragraphs")
            day = _random_day(rng)
            if story is not None and ct_dates == "story":
                day = stories[story] + datetime.timedelta(days=rng.randrange(8))
            published = _timestamp(rng, day)
            source = rng.choice(SOURCES)
            slug = source.lower().replace(" ", "-")
            kind = "ct" if is_ct else "news"
            record = {
                "url": f"https://bench.invalid/{slug}/{day.year}/{kind}-{index:07d}",
                "title": title,
                "body": body,
                "published_at": published,
                "source": source,
                "language": "ar",
                "category": "ct-cooperation" if is_ct else "general",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            ct += is_ct
            lengths.append(len(body))
            paragraphs.append(len(parts))
    tmp.replace(path)
    deciles = statistics.quantiles(lengths, n=10) if len(lengths) > 1 else lengths * 9
    return {
        "generator": GENERATOR_VERSION,
        "articles": articles,
        "seed": seed,
        "ct_share": ct_share,
        "ct_dates": ct_dates,
        "ct_articles": ct,
        "bytes": path.stat().st_size,
        "body_chars_mean": round(statistics.fmean(lengths)),
        "body_chars_p50": round(deciles[4]),
        "body_chars_p90": round(deciles[8]),
        "body_chars_max": max(lengths),
        "ant_body_chars_mean": round(statistics.fmean(corpus.body_lengths)),
        "paragraphs_mean": round(statistics.fmean(paragraphs), 1),
        "corpus_units": len(corpus.units),
        "seeds": [s.name for s in seeds],
    }


def batch(path: Path, *, articles: int, seed: int, ct_share: float, ct_dates: str) -> dict:
    """The batch at `path`, rebuilt unless the one there was made with these parameters."""
    meta_path = path.with_suffix(".meta.json")
    wanted = {"generator": GENERATOR_VERSION, "articles": articles, "seed": seed}
    wanted.update(ct_share=ct_share, ct_dates=ct_dates)
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if all(meta.get(k) == v for k, v in wanted.items()) and meta.get("bytes") == (
            path.stat().st_size
        ):
            print(f"batch: reusing {_shown(path)} ({articles} articles)", flush=True)
            return meta
    started = time.perf_counter()
    meta = build_batch(path, articles=articles, seed=seed, ct_share=ct_share, ct_dates=ct_dates)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(
        f"batch: wrote {_shown(path)}: {articles} articles, "
        f"{meta['ct_articles']} CT cooperation, {meta['bytes'] / MB:.1f} MB "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return meta


# --------------------------------------------------------------------------- database


def database_url(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path="/" + name))


def recreate_database(server_url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                    sql.Identifier(name)
                )
            )


def database_facts(url: str) -> dict:
    import psycopg

    facts = {}
    with psycopg.connect(url) as conn:
        facts["server"] = conn.execute("SHOW server_version").fetchone()[0]
        for table in (
            "archive_article",
            "archive_articleorganization",
            "archive_articlecountry",
            "archive_meeting",
            "archive_articlemeeting",
            "archive_meetingrole",
        ):
            try:
                facts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            except psycopg.Error:
                conn.rollback()
        facts["database_mb"] = round(
            conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / MB, 1
        )
    return facts


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    label: str
    articles: int
    exit_code: int
    wall_s: float
    rate: float
    peak_rss_mb: float  # ru_maxrss of the ingest process
    sampled_peak_mb: float
    rss_quarters_mb: list[float]  # highest sampled RSS in each quarter of the run
    rate_quarters: list[float] = field(default_factory=list)  # items/s in each quarter
    summary: dict = field(default_factory=dict)
    item_counts: dict = field(default_factory=dict)
    interrupted: bool | None = None
    processed: int = 0  # items in the report: fewer than `articles` means it stopped early
    error: str = ""  # the last line of standard error when the process failed
    failure_reasons: list[tuple[str, int]] = field(default_factory=list)
    with_organizations: int = 0
    with_meeting: int = 0
    ct_with_organizations: int = 0
    ct_with_meeting: int = 0
    stdout_tail: str = ""
    stderr_tail: str = ""


def _tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def measure(
    cmd: list[str], *, env: dict, name: str, timeout: float | None, progress: Path | None = None
) -> tuple:
    """Run `cmd`, return (exit code, wall seconds, ru_maxrss MB, samples).

    Samples are (seconds, RSS bytes, lines written so far to `progress`): the report
    has one line per item, so its growth is the throughput during the run.
    """
    import psutil

    samples: list[tuple[float, int, int]] = []
    stop = threading.Event()
    if progress is not None:
        progress.unlink(missing_ok=True)  # never count a previous run's lines
    with (
        open(VAR / f"{name}.out", "wb") as out,
        open(VAR / f"{name}.err", "wb") as err,
    ):
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)

        def sample() -> None:
            lines = 0
            report = None
            try:
                process = psutil.Process(proc.pid)
                while not stop.is_set():
                    rss = process.memory_info().rss
                    if report is None and progress is not None and progress.exists():
                        report = open(progress, "rb")  # noqa: SIM115 - closed below
                    if report is not None:
                        lines += report.read().count(b"\n")
                    if rss:
                        samples.append((time.perf_counter() - started, rss, lines))
                    stop.wait(0.25)
            except psutil.Error:
                pass
            finally:
                if report is not None:
                    report.close()

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        killer = threading.Timer(timeout, proc.kill) if timeout else None
        if killer:
            killer.start()
        try:
            # wait4, not wait: the rusage of this one child, not the maximum over all
            # children so far (RUSAGE_CHILDREN would mix the first run into the re-run).
            _pid, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            stop.set()
            if killer:
                killer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.join()
    return proc.returncode, wall, usage.ru_maxrss / 1024, samples


def _quarters(samples: list[tuple[float, int, int]], wall: float) -> list[float]:
    peaks = [0.0] * 4
    for at, rss, _lines in samples:
        quarter = min(3, int(4 * at / wall)) if wall else 0
        peaks[quarter] = max(peaks[quarter], rss / MB)
    return [round(p, 1) for p in peaks]


def _quarter_rates(samples: list[tuple[float, int, int]], wall: float, done: int) -> list[float]:
    """Items per second in each quarter of the run (from the report's growth)."""
    if not wall or not samples:
        return []
    bounds = [wall * q / 4 for q in range(5)]
    at_bound = []
    for bound in bounds:
        before = [lines for at, _rss, lines in samples if at <= bound]
        at_bound.append(max(0, (before[-1] if before else 0) - 1))  # minus the opening line
    at_bound[-1] = done  # the last lines are flushed when the process ends
    return [round((at_bound[q + 1] - at_bound[q]) / (wall / 4), 1) for q in range(4)]


def read_report(path: Path, run: Run) -> None:
    """Counts from the --report file (streamed: one item per line)."""
    counts: Counter = Counter()
    reasons: Counter = Counter()
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        return
    with fh:
        for line in fh:
            line = line.strip()
            if line.startswith('"summary"'):
                tail = json.loads("{" + line)
                run.summary, run.interrupted = tail["summary"], tail.get("interrupted")
                continue
            if not line.startswith("{") or line.startswith('{"items"'):
                continue
            item = json.loads(line.rstrip(","))
            counts[item["status"]] += 1
            if item["status"] == "failed":
                reasons[item["reason"]] += 1
            is_ct = "/ct-" in item.get("url", "")
            if item.get("organizations"):
                run.with_organizations += 1
                run.ct_with_organizations += is_ct
            if item.get("meeting"):
                run.with_meeting += 1
                run.ct_with_meeting += is_ct
    run.item_counts = dict(counts)
    run.processed = sum(counts.values())
    run.failure_reasons = reasons.most_common(5)


def ingest_run(
    label: str, name: str, *, batch_path: Path, articles: int, env: dict, timeout, extra=()
) -> Run:
    report = VAR / f"{name}-report.json"
    cmd = [sys.executable, "manage.py", "ingest", _shown(batch_path), *extra]
    cmd += ["--no-progress", "--report", _shown(report)]
    print(f"{label}: {' '.join(cmd[1:])}", flush=True)
    code, wall, maxrss, samples = measure(cmd, env=env, name=name, timeout=timeout, progress=report)
    run = Run(
        label=label,
        articles=articles,
        exit_code=code,
        wall_s=round(wall, 2),
        rate=0.0,
        peak_rss_mb=round(maxrss, 1),
        sampled_peak_mb=round(max((s[1] for s in samples), default=0) / MB, 1),
        rss_quarters_mb=_quarters(samples, wall),
        stdout_tail=_tail(VAR / f"{name}.out"),
        stderr_tail=_tail(VAR / f"{name}.err"),
    )
    read_report(report, run)
    # Items per second over what was processed: a run that stopped early is not
    # credited with the whole batch.
    run.rate = round(run.processed / wall, 1)
    run.rate_quarters = _quarter_rates(samples, wall, run.processed)
    if code != 0 and run.stderr_tail:
        run.error = run.stderr_tail.splitlines()[-1][:300]
    summary = run.stdout_tail.splitlines()[0] if run.stdout_tail else "no summary printed"
    print(
        f"{label}: exit {code}, {run.wall_s} s, {run.rate} articles/s, "
        f"peak RSS {run.peak_rss_mb} MB, {run.processed} items reported; {summary}",
        flush=True,
    )
    if run.processed < articles:
        print(f"{label}: STOPPED EARLY: {run.error or 'see ' + name + '.err'}", flush=True)
    return run


# --------------------------------------------------------------------------- output


def code_state() -> str:
    """The commit measured, and the files that differ from it (read-only git commands)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--", "archive"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    changed = []
    for line in status:
        path = ROOT / line[3:].strip()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "-"
        changed.append(f"{line[:2].strip()} {line[3:].strip()} ({digest})")
    return head + (", with " + ", ".join(changed) if changed else ", clean")


def markdown(meta: dict, runs: list[Run], facts: dict, context: dict) -> str:
    n = meta["articles"]
    lines = [
        f"## Ingest benchmark, {context['date']}",
        "",
        f"Batch: {n:,} articles ({meta['ct_articles']:,} counter-terrorism cooperation, "
        f"{100 * meta['ct_articles'] / n:.1f}%), body {meta['body_chars_mean']:,} characters on "
        f"average (median {meta['body_chars_p50']:,}, p90 {meta['body_chars_p90']:,}, "
        f"max {meta['body_chars_max']:,}; ANT mean {meta['ant_body_chars_mean']:,}), "
        f"{meta['paragraphs_mean']} paragraphs, {meta['bytes'] / MB:.1f} MB of JSON Lines, "
        f"seed {meta['seed']}.",
        f"Machine: {context['cpus']} CPUs, Python {context['python']}, PostgreSQL "
        f"{facts.get('server', '?')} (same machine), DJANGO_DEBUG=1, fresh database. "
        f"Machine speed (reference loop, lower is faster; the same machine drifts by "
        f"10-20% over hours): {context['reference_before']:.2f} s before the runs, "
        f"{context['reference_after']:.2f} s after.",
        f"Code: {context['code']}."
        + (
            f" CHANGED during the benchmark, now: {context['code_after']}."
            if context["code_after"] != context["code"]
            else ""
        ),
        "",
        "| run | articles | wall (s) | articles/s | articles/s per quarter of the run "
        "| peak RSS (MB) | RSS max per quarter (MB) | new | updated | duplicate | failed "
        "| exit |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        s = run.summary or {}
        quarters = " / ".join(f"{q:.0f}" for q in run.rss_quarters_mb)
        rates = " / ".join(f"{q:.0f}" for q in run.rate_quarters) or "-"
        done = f"{run.articles:,}"
        if run.processed != run.articles:
            done = f"{run.processed:,} of {run.articles:,}"
        lines.append(
            f"| {run.label} | {done} | {run.wall_s:,.1f} | {run.rate:,.0f} | {rates} "
            f"| {run.peak_rss_mb:,.0f} | {quarters} | {s.get('new', '?')} "
            f"| {s.get('updated', '?')} | {s.get('duplicate', '?')} | {s.get('failed', '?')} "
            f"| {run.exit_code} |"
        )
    lines.append("")
    first = runs[0]
    complete = all(r.processed == r.articles and r.exit_code == 0 for r in runs)
    ok_rate = first.rate >= TARGET_RATE and complete
    ok_rss = max(r.peak_rss_mb for r in runs) < TARGET_RSS_MB
    lines.append(
        f"Target (>= {TARGET_RATE} articles/s end to end, peak RSS < {TARGET_RSS_MB} MB): "
        f"rate {'met' if ok_rate else 'NOT met'} on the first run "
        f"({first.rate:,.0f}/s), memory {'met' if ok_rss else 'NOT met'}."
        + ("" if complete else " A run did not go through the whole batch: see below.")
    )
    lines.append(
        f"Extraction, first run: {first.with_organizations:,} articles with organizations "
        f"({first.ct_with_organizations:,} of {meta['ct_articles']:,} CT articles), "
        f"{first.with_meeting:,} with a meeting ({first.ct_with_meeting:,} CT)."
    )
    if facts:
        rows = ", ".join(
            f"{k.removeprefix('archive_')} {v:,}"
            for k, v in facts.items()
            if k.startswith("archive_")
        )
        lines.append(f"Database after both runs: {rows}; {facts.get('database_mb', '?')} MB.")
    for run in runs:
        if run.failure_reasons:
            reasons = "; ".join(f"{r} ({c})" for r, c in run.failure_reasons)
            lines.append(f"Failures in the {run.label}: {reasons}.")
        if (
            run.summary
            and run.item_counts
            and any(run.item_counts.get(k, 0) != run.summary.get(k, 0) for k in run.summary)
        ):
            lines.append(
                f"Report of the {run.label}: items {run.item_counts} != summary {run.summary}."
            )
        if run.interrupted or not run.summary:
            lines.append(f"The {run.label} did not finish its report (exit {run.exit_code}).")
        if run.processed < run.articles:
            lines.append(
                f"The {run.label} STOPPED after {run.processed:,} of {run.articles:,} items "
                f"(exit {run.exit_code}; its rate and memory are not comparable): "
                f"`{run.error or 'no error on standard error'}`"
            )
    return "\n".join(lines) + "\n"


def _module_of(filename: str, function: str) -> str:
    if filename == "~":
        return function  # a built-in (C) function: its own name says where the time goes
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        pass
    parts = path.parts
    if "site-packages" in parts:
        rest = parts[parts.index("site-packages") + 1 :]
        depth = 3 if rest and rest[0] == "django" else 2
        return "/".join(rest[:depth])
    if "python3.11" in parts:
        return "stdlib/" + "/".join(parts[parts.index("python3.11") + 1 :][:2])
    return filename


def profile_summary(prof: Path, top: int = 25) -> str:
    stats = pstats.Stats(str(prof))
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("cumulative").print_stats(top)
    own: Counter = Counter()
    calls: Counter = Counter()
    for (filename, _line, function), (_cc, nc, tottime, _ct, _callers) in stats.stats.items():
        module = _module_of(filename, function)
        own[module] += tottime
        calls[module] += nc
    total = sum(own.values())
    buffer.write("\nOwn time per module (tottime summed):\n")
    for module, seconds in own.most_common(top):
        buffer.write(
            f"{seconds:9.2f} s {100 * seconds / total:5.1f}%  {calls[module]:>10,} calls  {module}\n"
        )
    return buffer.getvalue()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="batch size")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the batch")
    parser.add_argument("--ct-share", type=float, default=0.05, help="share of CT articles")
    parser.add_argument(
        "--ct-dates",
        choices=["story", "spread"],
        default="story",
        help="story: the reports of a CT story are dated within a week of it (default); "
        "spread: any day of 2015-2025, so one meeting is reported over several years",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="a PostgreSQL server (any database on it): the benchmark database is created there",
    )
    parser.add_argument("--database-name", default=BENCH_DATABASE)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--batch", type=Path, default=VAR / "batch.jsonl", help="where the batch is written"
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds allowed per ingest run"
    )
    parser.add_argument(
        "--dry-run-pass",
        action="store_true",
        help="also time `ingest --dry-run` on the batch (cleaning and extraction, no writes)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="one ingest under cProfile (var/bench/ingest.prof) instead of the timed runs",
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be positive")
    _ensure_venv()
    VAR.mkdir(parents=True, exist_ok=True)
    batch_path = args.batch.resolve()
    meta = batch(
        batch_path,
        articles=args.articles,
        seed=args.seed,
        ct_share=args.ct_share,
        ct_dates=args.ct_dates,
    )

    def terminated(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    url = database_url(args.database_url, args.database_name)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1", "PYTHONUNBUFFERED": "1"}
    code_at_start = code_state()
    recreate_database(args.database_url, args.database_name)
    print(f"database: created {args.database_name}", flush=True)
    try:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        print(f"database: migrated in {time.perf_counter() - started:.1f} s", flush=True)
        if args.profile:
            return profile(batch_path, env=env, timeout=args.timeout)
        reference_before = reference_seconds()
        runs = [
            ingest_run(
                "first run",
                "ingest",
                batch_path=batch_path,
                articles=args.articles,
                env=env,
                timeout=args.timeout,
            ),
            ingest_run(
                "re-run",
                "ingest-rerun",
                batch_path=batch_path,
                articles=args.articles,
                env=env,
                timeout=args.timeout,
            ),
        ]
        if args.dry_run_pass:
            runs.append(
                ingest_run(
                    "dry run",
                    "ingest-dry-run",
                    batch_path=batch_path,
                    articles=args.articles,
                    env=env,
                    timeout=args.timeout,
                    extra=["--dry-run"],
                )
            )
        facts = database_facts(url)
        context = {
            "date": datetime.date.today().isoformat(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "code": code_at_start,
            "code_after": code_state(),
            "reference_before": reference_before,
            "reference_after": reference_seconds(),
        }
        text = markdown(meta, runs, facts, context)
        (VAR / "ingest.md").write_text(text, encoding="utf-8")
        (VAR / "ingest-results.json").write_text(
            json.dumps(
                {"batch": meta, "runs": [asdict(r) for r in runs], "database": facts, **context},
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print()
        print(text)
        return 0 if all(r.exit_code == 0 for r in runs) else 1
    finally:
        if args.keep:
            print(f"database: kept {args.database_name} ({url})", flush=True)
        else:
            recreate_database(args.database_url, args.database_name, drop_only=True)
            print(f"database: dropped {args.database_name}", flush=True)


def reference_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop: the baseline that tells a slower machine
    (or a busier host) from slower code when runs of different days are compared."""
    started = time.process_time()
    total = 0
    for i in range(REFERENCE_LOOP):
        total += i
    return time.process_time() - started


def profile(batch_path: Path, *, env: dict, timeout: float | None) -> int:
    prof = VAR / "ingest.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "manage.py", "ingest"]
    cmd += [str(batch_path), "--no-progress", "--report", str(VAR / "profile-report.json")]
    print("profile: " + " ".join(cmd[1:]), flush=True)
    code, wall, maxrss, _samples = measure(cmd, env=env, name="profile", timeout=timeout)
    print(f"profile: exit {code}, {wall:.1f} s (with profiler overhead), peak RSS {maxrss:.0f} MB")
    print(_tail(VAR / "profile.out"))
    text = profile_summary(prof)
    (VAR / "ingest-profile.txt").write_text(text, encoding="utf-8")
    print(text)
    return code


if __name__ == "__main__":
    sys.exit(main())
