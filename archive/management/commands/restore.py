"""`manage.py restore FILE`: replace the database's contents by a backup (make restore)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from archive.platform import backup


class Command(BaseCommand):
    help = "Restore a pg_dump archive made by `backup` (pg_restore --clean, one transaction)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, file, database, **options):
        connections[database].close()  # our own session would hold locks on the tables
        try:
            backup.restore(file, connections[database].settings_dict)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {file}")
