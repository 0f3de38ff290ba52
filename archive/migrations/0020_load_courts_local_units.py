from django.db import migrations


def load(apps, schema_editor):
    # Every state's courts (archive/data/institutions.json's "courts"): add what is missing,
    # overwrite no edit.
    from archive.facts.gazetteer import load_shipped_from

    load_shipped_from(apps)


class Migration(migrations.Migration):
    dependencies = [("archive", "0019_attribution_names_media_civic")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
