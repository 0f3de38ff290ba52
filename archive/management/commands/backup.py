"""`manage.py backup [--output-dir DIR]`: a pg_dump archive of the database (make backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from archive.platform import backup


class Command(BaseCommand):
    help = "Write a pg_dump custom-format archive of the database into var/backups/."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=backup.BACKUP_DIR)
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, output_dir, database, **options):
        try:
            path = backup.dump(connections[database].settings_dict, output_dir)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
