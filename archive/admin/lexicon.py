"""Admin for the analyzer's lexicon: every save and delete goes through archive.search.lexicon,
which re-analyses the articles the change affects."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.models import NameVariant, ProtectedWord
from archive.search import lexicon


class _LexiconAdmin(admin.ModelAdmin):
    def _report(self, request, count: int) -> None:
        self.message_user(
            request,
            ngettext(
                "%(count)d article was re-analysed with the new lexicon.",
                "%(count)d articles were re-analysed with the new lexicon.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        self._report(request, lexicon.lexicon_entry_delete(entry=obj))

    def delete_queryset(self, request, queryset):
        self._report(request, sum(lexicon.lexicon_entry_delete(entry=e) for e in queryset))


@admin.register(ProtectedWord)
class ProtectedWordAdmin(_LexiconAdmin):
    list_display = ("word", "note", "updated_at")
    search_fields = ("word", "note")

    def save_model(self, request, obj, form, change):
        instance = ProtectedWord.objects.get(pk=obj.pk) if change else None
        saved, count = lexicon.protected_word_save(word=obj.word, note=obj.note, instance=instance)
        obj.pk = saved.pk
        self._report(request, count)


@admin.register(NameVariant)
class NameVariantAdmin(_LexiconAdmin):
    list_display = ("canonical", "variants_display", "note", "updated_at")
    search_fields = ("canonical", "note")

    @admin.display(description=_("other spellings"))
    def variants_display(self, obj):
        return " | ".join(obj.variants)

    def save_model(self, request, obj, form, change):
        instance = NameVariant.objects.get(pk=obj.pk) if change else None
        saved, count = lexicon.name_variant_save(
            canonical=obj.canonical, variants=obj.variants, note=obj.note, instance=instance
        )
        obj.pk = saved.pk
        self._report(request, count)
