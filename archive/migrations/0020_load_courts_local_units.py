from django.db import migrations


def load(apps, schema_editor):
    # Every state's courts (archive/data/institutions.json's "courts"): add what is missing,
    # overwrite no edit.
    from archive.facts.gazetteer import load_shipped

    load_shipped(
        Country=apps.get_model("archive", "Country"),
        City=apps.get_model("archive", "City"),
        Organization=apps.get_model("archive", "Organization"),
        OrganizationAlias=apps.get_model("archive", "OrganizationAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0019_attribution_names_media_civic")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
