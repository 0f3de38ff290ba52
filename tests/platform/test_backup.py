"""make backup / make restore: a seeded archive dumped and restored elsewhere has the same rows."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from archive.models import (
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    Meeting,
    Organization,
)
from archive.platform import backup

# migrated_data: a transactional test starts from the migrated data (gazetteer,
# lexicon, roles) even when an earlier transactional test's flush removed it.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_data"),
    pytest.mark.slow,
]

TABLES = [Article, Organization, Meeting, ArticleOrganization, ArticleCountry, ArticleMeeting]


def _conninfo(db, name):
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=name,
    )


@pytest.fixture
def second_database():
    db = dict(connection.settings_dict)
    name = f"{db['NAME']}_restore"
    with psycopg.connect(_conninfo(db, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**db, "NAME": name}
    with psycopg.connect(_conninfo(db, "postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _counts(conninfo):
    with psycopg.connect(conninfo) as conn:
        return {
            model.__name__: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(model._meta.db_table))
            ).fetchone()[0]
            for model in TABLES
        }


def test_a_backup_restored_into_another_database_has_the_same_rows(
    seeded, second_database, tmp_path
):
    expected = {model.__name__: model.objects.count() for model in TABLES}
    assert expected["Article"] >= 5 and expected["ArticleOrganization"] > 0

    call_command("backup", output_dir=tmp_path)
    (archive,) = tmp_path.glob("*.dump")
    assert archive.stat().st_size > 0

    backup.restore(archive, second_database)
    assert _counts(_conninfo(second_database, second_database["NAME"])) == expected

    # Restoring again over existing rows (the --clean path) gives the same rows, not twice.
    Article.objects.filter(pk=Article.objects.order_by("pk").first().pk).delete()
    backup.restore(archive, second_database)
    assert _counts(_conninfo(second_database, second_database["NAME"])) == expected


def test_restore_of_a_missing_or_broken_file_changes_nothing(seeded, tmp_path):
    before = Article.objects.count()
    with pytest.raises(backup.BackupError):
        backup.restore(tmp_path / "missing.dump", connection.settings_dict)
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP not really")
    connection.close()
    with pytest.raises(backup.BackupError):
        backup.restore(broken, connection.settings_dict)
    assert Article.objects.count() == before
