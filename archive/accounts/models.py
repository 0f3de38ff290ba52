"""What belongs to one user: saved searches (with their alerts) and curator notes.

Both are private: every read and write goes through the owner (see selectors and
services); nobody else, not even a curator, sees them on the site.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class SavedSearch(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=200)
    # The search parameters as a normalized query string (q=...&organization=...).
    query = models.TextField(_("query"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Articles ingested after this moment are the alert's "new matches".
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    alert = models.BooleanField(_("alert"), default=True)
    # Bearer secret for the private Atom feed (a feed reader cannot log in).
    feed_token = models.CharField(
        _("feed token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_search_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("search") + "?" + self.query


class CuratorNote(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="curator_notes",
        verbose_name=_("owner"),
    )
    article = models.ForeignKey(
        "archive.Article",
        on_delete=models.CASCADE,
        related_name="curator_notes",
        verbose_name=_("article"),
    )
    text = models.TextField(_("text"), max_length=5000)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("curator note")
        verbose_name_plural = _("curator notes")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["owner", "article"], name="curator_note_owner_article")]

    def __str__(self) -> str:
        return self.text[:60]
