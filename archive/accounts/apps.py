from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "archive.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from archive.accounts import roles

        # After every migrate: models added since the roles migration (history tables,
        # new curation models) get their permissions in the role groups too.
        post_migrate.connect(roles.sync_after_migrate, sender=self, dispatch_uid="accounts-roles")
