"""python manage.py reanalyze — rebuild search vectors made by an older analyzer."""

from django.core.management.base import BaseCommand

from archive.ingest.services import articles_reanalyze
from archive.search import config as search_config
from archive.search import lexicon


class Command(BaseCommand):
    help = (
        "Rebuild the search vectors of articles analysed by an older version of the Arabic "
        "analyzer (after an upgrade). Safe to stop and run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size=500, **options):
        lexicon.ensure_current(force=True)
        count = articles_reanalyze(batch_size=batch_size)
        self.stdout.write(
            f"reanalyzed {count} articles (analyzer {search_config.analyzer_version()})"
        )
