from django.db import migrations


def load(apps, schema_editor):
    # The towns of Tunisia, Libya, Algeria and Morocco from 5,000 inhabitants, with the
    # Arabic names their press writes (archive/data/city_names_ar.json): add what is
    # missing, overwrite no edit.
    from archive.facts.gazetteer import load_shipped_from

    load_shipped_from(apps)


class Migration(migrations.Migration):
    dependencies = [("archive", "0021_article_security_relevance")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
