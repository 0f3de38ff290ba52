"""python manage.py load_gazetteer — add shipped gazetteer entries that are missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive import models
from archive.facts.gazetteer import load_shipped


class Command(BaseCommand):
    help = (
        "Add the countries, cities, organizations and aliases shipped in archive/data/ that "
        "the database lacks. Existing rows (and curators' edits) are left as they are."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            added = load_shipped(
                Country=models.Country,
                City=models.City,
                Organization=models.Organization,
                OrganizationAlias=models.OrganizationAlias,
            )
        self.stdout.write(", ".join(f"{k} +{v}" for k, v in added.items()))
