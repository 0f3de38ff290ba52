from django.db import migrations


def load(apps, schema_editor):
    from archive.facts.gazetteer import load_shipped

    load_shipped(
        Country=apps.get_model("archive", "Country"),
        City=apps.get_model("archive", "City"),
        Organization=apps.get_model("archive", "Organization"),
        OrganizationAlias=apps.get_model("archive", "OrganizationAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
