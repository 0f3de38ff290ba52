"""python manage.py ingest PATH... — load news articles into the archive."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from archive.ingest import ingest


class Command(BaseCommand):
    help = (
        "Ingest news articles from files and directories (recursive). Exit status: 0 when "
        "everything was ingested, 1 when some inputs failed (the rest were ingested), 2 for a "
        "usage error."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
        parser.add_argument("--report", metavar="FILE", help="write the report as JSON to FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and extract without writing anything"
        )

    def handle(self, *args, paths, report=None, dry_run=False, **options):
        result = ingest(paths, dry_run=dry_run)
        for item in result.items:
            if item.status == "failed":
                self.stderr.write(f"failed: {item.item}: {item.reason}")
            elif options["verbosity"] > 1:
                self.stdout.write(f"{item.status}: {item.item}")
        if report:
            try:
                with open(report, "w", encoding="utf-8") as fh:
                    json.dump(result.as_json(), fh, ensure_ascii=False, indent=2)
            except OSError as error:
                raise CommandError(f"cannot write the report: {error}", returncode=2) from error
        self.stdout.write(result.summary())
        if result.failed:
            sys.exit(1)
