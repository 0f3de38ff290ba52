"""Admin for the organizations no list holds yet: the phrases ranked by how many articles
name them, and the page that resolves one (a new organization, an alias of an existing
one, or "not an organization"). Every write goes through archive.curation.unresolved."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.curation import unresolved as service
from archive.models import (
    Country,
    DismissedPhrase,
    MeetingRole,
    Organization,
    OrganizationKind,
    UnresolvedMention,
)

PER_PAGE = 50


class ResolveForm(forms.Form):
    """What a curator decides about one phrase."""

    ACTIONS = (
        ("create", _("It is a new organization: add it")),
        ("alias", _("It is another name of an existing organization")),
        ("dismiss", _("It is not an organization")),
    )
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    name_ar = forms.CharField(label=_("Arabic name"), max_length=300, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=300, required=False)
    acronym = forms.CharField(label=_("acronym"), max_length=40, required=False)
    kind = forms.ChoiceField(
        label=_("kind"), choices=OrganizationKind.choices, initial=OrganizationKind.OTHER
    )
    country = forms.ModelChoiceField(
        label=_("country"), queryset=Country.objects.all(), required=False
    )
    parent = forms.ModelChoiceField(
        label=_("belongs to"), queryset=Organization.objects.all(), required=False
    )
    organization = forms.ModelChoiceField(
        label=_("existing organization"), queryset=Organization.objects.all(), required=False
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's autocomplete (the gazetteer holds thousands of organizations); a
        # widget set after the form is built takes the field's choices explicitly.
        org_field = MeetingRole._meta.get_field("organization")
        widgets = {
            "parent": AutocompleteSelect(org_field, admin_site),
            "organization": AutocompleteSelect(org_field, admin_site),
            "country": AutocompleteSelect(Organization._meta.get_field("country"), admin_site),
        }
        for name, widget in widgets.items():
            widget.choices = self.fields[name].choices
            self.fields[name].widget = widget

    def clean(self):
        data = super().clean()
        if data.get("action") == "alias" and not data.get("organization"):
            self.add_error("organization", _("Choose the organization this phrase names."))
        if data.get("action") == "create" and not (data.get("name_ar") or "").strip():
            self.add_error("name_ar", _("Give the organization's Arabic name."))
        return data


@admin.register(UnresolvedMention)
class UnresolvedMentionAdmin(admin.ModelAdmin):
    """The list is the phrases, not the rows: one line per phrase, most articles first."""

    def has_add_permission(self, request):
        return False  # written by extraction only

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "resolve/",
                self.admin_site.admin_view(self.resolve_view),
                name="archive_unresolvedmention_resolve",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        head = request.GET.get("head", "")[:40]
        text = request.GET.get("q", "")[:200]
        paginator = Paginator(service.unresolved_ranked(head=head, text=text), PER_PAGE)
        page = paginator.get_page(request.GET.get("p"))
        for row in page.object_list:
            row["url"] = (
                reverse("admin:archive_unresolvedmention_resolve")
                + "?"
                + urlencode({"key": row["key"]})
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unresolved organizations"),
            "opts": self.model._meta,
            "page": page,
            "heads": service.unresolved_heads(),
            "head": head,
            "q": text,
            "can_resolve": self._can_resolve(request),
        }
        return TemplateResponse(request, "admin/archive/unresolved/list.html", context)

    def _can_resolve(self, request) -> bool:
        return request.user.has_perm("archive.add_organization") and request.user.has_perm(
            "archive.change_organization"
        )

    def resolve_view(self, request):
        key = (request.POST.get("key") or request.GET.get("key") or "")[:300]
        phrase = service.unresolved_phrase(key=key)
        if phrase is None:
            raise Http404(_("No such unresolved phrase."))
        can_resolve = self._can_resolve(request)
        if request.method == "POST":
            if not can_resolve:
                raise PermissionDenied
            form = ResolveForm(request.POST, admin_site=self.admin_site)
            if form.is_valid():
                return self._resolve(request, key, form.cleaned_data)
        else:
            form = ResolveForm(
                initial={"action": "create", "name_ar": phrase.phrase}, admin_site=self.admin_site
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Resolve an unresolved organization"),
            "opts": self.model._meta,
            "phrase": phrase,
            "form": form,
            "media": self.media + form.media,
            "mentions": service.unresolved_articles(key=key)[:20],
            "can_resolve": can_resolve,
        }
        return TemplateResponse(request, "admin/archive/unresolved/resolve.html", context)

    def _resolve(self, request, key: str, data: dict):
        back = reverse("admin:archive_unresolvedmention_changelist")
        if data["action"] == "dismiss":
            service.unresolved_dismiss(key=key, user=request.user)
            self.message_user(
                request, _("The phrase is no longer listed as an organization."), messages.SUCCESS
            )
            return HttpResponseRedirect(back)
        organization, n = service.unresolved_resolve(
            key=key,
            organization=data["organization"] if data["action"] == "alias" else None,
            name_ar=data["name_ar"],
            name_en=data["name_en"],
            acronym=data["acronym"],
            kind=data["kind"],
            country=data["country"],
            parent=data["parent"],
            user=request.user,
        )
        self.message_user(
            request,
            ngettext(
                "%(organization)s: %(n)d article extracted again.",
                "%(organization)s: %(n)d articles extracted again.",
                n,
            )
            % {"organization": organization.name_ar, "n": n},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(back)


@admin.register(DismissedPhrase)
class DismissedPhraseAdmin(admin.ModelAdmin):
    """Deleting a dismissal lists the phrase again."""

    list_display = ["phrase", "dismissed_by", "created_at"]
    search_fields = ["phrase"]
    readonly_fields = ["key", "phrase", "dismissed_by"]

    def has_add_permission(self, request):
        return False
