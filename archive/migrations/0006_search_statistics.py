"""Finer planner statistics on the search vector.

With the default statistics target the planner guesses thousands of matches for a
rare word and, for a date-sorted search, walks the whole date index backwards testing
each row (seconds at a million articles; ../shared/notes/search-performance.md). A
target of 1,000 keeps the most common lexemes' frequencies, so rare words are known to
be rare and the GIN index is used.
"""

from django.db import migrations

STATISTICS_TARGET = 1000


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_history")]

    operations = [
        migrations.RunSQL(
            f"ALTER TABLE archive_article ALTER COLUMN search_vector "
            f"SET STATISTICS {STATISTICS_TARGET}",
            "ALTER TABLE archive_article ALTER COLUMN search_vector SET STATISTICS -1",
        ),
    ]
