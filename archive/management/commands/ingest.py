"""python manage.py ingest PATH... — load news articles into the archive."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.pipeline import IngestReport, JsonReportWriter, ingest

# Without a terminal, a progress line this often (the log of a long batch shows it moves).
PROGRESS_SECONDS = 10.0


class Command(BaseCommand):
    help = (
        "Ingest news articles from files, directories (recursive) and '-' (standard input): "
        "plain text, HTML, JSON, JSON Lines, RSS and Atom; UTF-8, UTF-16 or windows-1256. "
        "Exit status: 0 when everything was ingested, 1 when some inputs failed (the rest "
        "were ingested), 2 for a usage error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="files, directories (recursive), or - for standard input",
        )
        parser.add_argument(
            "--report", metavar="FILE", help="write a JSON report with one entry per input item"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and extract without writing anything"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="plain log lines even on a terminal"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            metavar="N",
            help="processes that clean and analyse the articles (default: one per CPU; "
            "0: all in this process). The result is the same for any N.",
        )

    def handle(
        self, *args, paths, report=None, dry_run=False, no_progress=False, workers=None, **options
    ):
        if workers is not None and workers < 0:
            raise CommandError("--workers must be 0 or more", returncode=2)
        writer = None
        if report:
            try:
                fh = open(report, "w", encoding="utf-8")  # noqa: SIM115 - closed below
            except OSError as error:
                raise CommandError(
                    f"cannot write the report {report}: {error.strerror}", returncode=2
                ) from error
            writer = JsonReportWriter(fh)
        result = IngestReport(sink=writer)
        progress = self._progress(no_progress, options["verbosity"])
        interrupted = False
        try:
            ingest(paths, dry_run=dry_run, report=result, progress=progress, workers=workers)
        except KeyboardInterrupt:
            interrupted = True
            self.stderr.write("interrupted: the articles written so far are kept")
        finally:
            if getattr(progress, "close", None):
                progress.close()
            if writer:
                writer.close(result, interrupted=interrupted)
                writer.fh.close()
        self.stdout.write(result.summary())
        for reason, count in result.reasons().most_common(20):
            self.stdout.write(f"  failed ({count}): {reason}")
        if interrupted:
            sys.exit(130)
        if result.failed:
            sys.exit(1)

    def _progress(self, no_progress: bool, verbosity: int):
        """A bar on a terminal (rate and failures in it, each failure listed after it);
        otherwise a plain line every PROGRESS_SECONDS, for logs and CI."""
        failures: list[str] = []
        counts = {"items": 0, "failed": 0}
        started = time.monotonic()

        def note(item) -> None:
            counts["items"] += 1
            if item.status == "failed":
                counts["failed"] += 1
                failures.append(f"failed: {item.item}: {item.reason}")

        if sys.stderr.isatty() and not no_progress and verbosity > 0:
            from tqdm import tqdm

            bar = tqdm(unit=" items", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

            def on_item(item):
                note(item)
                bar.update(1)
                if item.status == "failed":
                    bar.set_postfix(failed=counts["failed"], refresh=False)

            def close():
                bar.close()
                for line in failures:  # after the bar, never inside it
                    self.stderr.write(line)

            on_item.close = close
            return on_item

        last = [started]

        def log(item):
            note(item)
            if item.status == "failed":
                self.stderr.write(failures[-1])
            elif verbosity > 1:
                self.stdout.write(f"{item.status}: {item.item}")
            now = time.monotonic()
            if verbosity > 0 and now - last[0] >= PROGRESS_SECONDS:
                last[0] = now
                rate = counts["items"] / max(now - started, 1e-9)
                self.stderr.write(
                    f"progress: {counts['items']} items, {counts['failed']} failed, "
                    f"{rate:.0f} items/s"
                )

        return log
