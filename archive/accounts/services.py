"""Writes for accounts: users with a role, saved searches, curator notes.

Every function that touches a saved search or a note takes the acting user and
only ever finds that user's own rows: another user's id is simply not found.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from archive.accounts import roles
from archive.accounts.models import CuratorNote, SavedSearch
from archive.models import Article
from archive.search.parameters import SAVED
from archive.web.forms import SearchForm

# The parameters that define a search (page is where one looked, not what).
SEARCH_PARAMETERS = SAVED


@transaction.atomic
def user_create(
    *, username: str, role: str, email: str = "", password: str | None = None
) -> AbstractBaseUser:
    """A new user in the role's group; staff (admin access) for curators and administrators.

    Raises ValidationError for an unknown role, a taken or invalid username, or a
    password the validators refuse. Without a password the account cannot log in
    until one is set (e.g. `manage.py changepassword`).
    """
    if role not in roles.GROUPS:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    User = get_user_model()
    user = User(username=username, email=email, is_staff=role in roles.STAFF_ROLES)
    user.full_clean(exclude=["password"])  # username rules and uniqueness
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    group, _created = Group.objects.get_or_create(name=roles.GROUPS[role])
    user.groups.add(group)
    return user


def normalize_query(raw: str) -> str:
    """The search parameters of a query string, validated, sorted, without the page."""
    data = QueryDict(raw or "")
    form = SearchForm(data)
    if not form.is_valid():
        raise ValidationError(form.error_message())
    pairs = sorted(
        (name, data.get(name)) for name in SEARCH_PARAMETERS if data.get(name) not in (None, "")
    )
    if not any(name not in {"level", "sort", "expand"} for name, _value in pairs):
        raise ValidationError(_("There is no search to save."))
    return urlencode(pairs)


@transaction.atomic
def saved_search_create(*, owner: AbstractBaseUser, name: str, query: str) -> SavedSearch:
    """Save a search under a name; saving again under the same name replaces the query."""
    name = name.strip()[:200]
    normalized = normalize_query(query)
    if not name:
        name = QueryDict(normalized).get("q") or _("Saved search")
    saved, _created = SavedSearch.objects.update_or_create(
        owner=owner,
        name=name,
        defaults={"query": normalized, "last_seen": timezone.now()},
    )
    return saved


@transaction.atomic
def saved_search_mark_seen(*, owner: AbstractBaseUser, pk: int) -> SavedSearch:
    saved = SavedSearch.objects.select_for_update().get(owner=owner, pk=pk)
    saved.last_seen = timezone.now()
    saved.save(update_fields=["last_seen"])
    return saved


@transaction.atomic
def saved_search_set_alert(*, owner: AbstractBaseUser, pk: int, alert: bool) -> SavedSearch:
    saved = SavedSearch.objects.get(owner=owner, pk=pk)
    saved.alert = alert
    saved.save(update_fields=["alert"])
    return saved


@transaction.atomic
def saved_search_delete(*, owner: AbstractBaseUser, pk: int) -> None:
    deleted, _rows = SavedSearch.objects.filter(owner=owner, pk=pk).delete()
    if not deleted:
        raise SavedSearch.DoesNotExist


@transaction.atomic
def note_create(*, owner: AbstractBaseUser, article: Article, text: str) -> CuratorNote:
    text = text.strip()
    if not text:
        raise ValidationError(_("The note is empty."))
    note = CuratorNote(owner=owner, article=article, text=text)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_delete(*, owner: AbstractBaseUser, pk: int) -> int:
    """Delete one's own note; returns its article's id."""
    note = CuratorNote.objects.get(owner=owner, pk=pk)
    article_id = note.article_id
    note.delete()
    return article_id
