from django.db import migrations


def load(apps, schema_editor):
    # The shipped gazetteer grew (armed groups, media, every state's institutions, the
    # GeoNames cities): add what is missing, fill the new fields, overwrite no edit.
    from archive.facts.gazetteer import load_shipped

    load_shipped(
        Country=apps.get_model("archive", "Country"),
        City=apps.get_model("archive", "City"),
        Organization=apps.get_model("archive", "Organization"),
        OrganizationAlias=apps.get_model("archive", "OrganizationAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0015_organization_kinds_institutions_populations")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
