"""Source names never show a bidi control: not from ingest, the admin, or older rows."""

import importlib

import pytest
from django.apps import apps as django_apps

from archive.models import Article, Source
from archive.text.script import clean_name

RLO = "\u202e"


def test_clean_name_removes_bidi_controls_and_collapses_spaces():
    assert clean_name(f"{RLO}okaz\u2066  \u200fdaily") == "okaz daily"
    assert clean_name(RLO) is None
    assert clean_name("عكاظ") == "عكاظ"


@pytest.mark.django_db
def test_a_source_saved_with_a_bidi_control_is_stored_without_it():
    source = Source.objects.create(name=f"{RLO}عكاظ")
    source.refresh_from_db()
    assert source.name == "عكاظ"


@pytest.mark.django_db
def test_older_rows_are_cleaned_and_a_twin_is_merged_into_its_clean_source():
    clean = Source.objects.create(name="okaz")
    dirty = Source.objects.create(name="placeholder")
    other = Source.objects.create(name="placeholder-2")
    # As stored before the rule: written around save().
    Source.objects.filter(pk=dirty.pk).update(name=f"ok{RLO}az")
    Source.objects.filter(pk=other.pk).update(name=f"{RLO}was")
    article = Article.objects.create(
        title="t", body="b", source=Source.objects.get(pk=dirty.pk), content_hash="x" * 64
    )
    migration = importlib.import_module(
        "archive.migrations.0014_source_names_without_format_characters"
    )
    migration.clean_source_names(django_apps, None)
    assert sorted(Source.objects.values_list("name", flat=True)) == ["okaz", "was"]
    article.refresh_from_db()
    assert article.source_id == clean.pk
