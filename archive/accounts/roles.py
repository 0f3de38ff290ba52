"""The three roles, as Django groups, and the permissions each one carries.

Roles are defined here, in code: the roles migration creates the groups and every
`migrate` resets them to these permissions (models added later are covered). For
rights beyond these, make another group rather than editing these three.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db.models import Q

ANALYST, CURATOR, ADMINISTRATOR = "analyst", "curator", "administrator"
GROUPS = {ANALYST: "analysts", CURATOR: "curators", ADMINISTRATOR: "administrators"}
# Staff may enter the admin; analysts read and search on the site only.
STAFF_ROLES = frozenset({CURATOR, ADMINISTRATOR})

# The archive models curators edit (add/change/delete). Names missing from the
# schema (e.g. before a migration) are skipped.
CURATED_MODELS = (
    "article",
    "organization",
    "organizationalias",
    "meeting",
    "meetingrole",
    "meetingseries",
    "articleorganization",
    "articlecountry",
    "articlemeeting",
    "country",
    "city",
    "source",
    "protectedword",
    "namevariant",
)


def _role_filters() -> dict[str, Q | None]:
    archive_view = Q(content_type__app_label="archive", codename__startswith="view_")
    own_searches = Q(content_type__app_label="accounts", content_type__model="savedsearch")
    notes = Q(content_type__app_label="accounts", content_type__model="curatornote")
    curated = Q(content_type__app_label="archive", content_type__model__in=CURATED_MODELS) & (
        Q(codename__startswith="add_")
        | Q(codename__startswith="change_")
        | Q(codename__startswith="delete_")
    )
    return {
        ANALYST: archive_view | own_searches,
        CURATOR: archive_view | own_searches | curated | notes,
        ADMINISTRATOR: None,  # everything
    }


def sync_roles(apps=global_apps) -> None:
    """Create the role groups and set their permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, condition in _role_filters().items():
        group, _created = Group.objects.get_or_create(name=GROUPS[role])
        permissions = Permission.objects.all()
        if condition is not None:
            permissions = permissions.filter(condition)
        group.permissions.set(permissions)


def sync_after_migrate(sender, using="default", **kwargs) -> None:
    apps = kwargs.get("apps") or global_apps
    try:
        apps.get_model("auth", "Group")
    except LookupError:  # migrating backwards past auth
        return
    sync_roles(apps)


def has_access(user) -> bool:
    """SECURITY INVARIANT: an account has access while it is active and holds a role
    (or is a superuser); sessions and saved-search feed tokens work only while it does,
    so deactivating an account or taking its role away ends its access at once."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=GROUPS.values()).exists()


def sees_candidates(user) -> bool:
    """May this account see candidate meetings (below the confidence threshold: not
    public records)? Curators may: they decide on them."""
    return bool(user is not None and user.is_active and user.has_perm("archive.change_meeting"))
