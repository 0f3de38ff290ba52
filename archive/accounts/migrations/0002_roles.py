"""The three role groups: analysts, curators, administrators (see archive.accounts.roles)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from archive.accounts.roles import sync_roles

    # Permissions are normally created after all migrations (post_migrate); create
    # them now so that the groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


def drop_roles(apps, schema_editor):
    from archive.accounts.roles import GROUPS

    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, drop_roles)]
