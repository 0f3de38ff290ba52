"""The registry of fact kinds (archive/facts/kinds.py) is the one list of them.

A kind of fact is a concrete subclass of archive.models.Fact; these tests fail when one
has no registry entry, and when a consumer (the batch writer, the facets, curation, the
admin, the API) leaves out a kind the registry lists: adding a kind is then one entry
in the registry plus its model, and whatever the entry cannot derive shows up here.
"""

from __future__ import annotations

import dataclasses

import pytest
from django.apps import apps
from django.contrib import admin

from archive.admin import ArticleAdmin, MeetingAdmin, review_queue_counts
from archive.curation.services import FACT_MODELS
from archive.facts.kinds import ARTICLE_KINDS, FACET_KINDS, KINDS
from archive.ingest import services as ingest
from archive.models import ArticleFact, Fact
from archive.search.selectors import facets
from archive.text.extraction import Extraction
from archive.web.api import _ARTICLE_FACTS, ArticleOut


def _concrete(base) -> set[type]:
    return {m for m in apps.get_app_config("archive").get_models() if issubclass(m, base)}


def test_every_fact_model_has_one_registry_entry():
    assert sorted(k.model.__name__ for k in KINDS) == sorted(m.__name__ for m in _concrete(Fact))
    assert {k.model for k in ARTICLE_KINDS} == _concrete(ArticleFact)
    for attribute in ("name", "plural", "model"):
        values = [getattr(k, attribute) for k in KINDS]
        assert len(set(values)) == len(values), attribute
    codes = [k.code for k in ARTICLE_KINDS]
    assert all(codes) and len(set(codes)) == len(codes)


def test_every_kind_links_to_a_real_target_and_field():
    for kind in KINDS:
        assert kind.target_field.is_relation
        for name, _value in kind.fixed:
            kind.model._meta.get_field(name)
    for kind in FACET_KINDS:
        target = kind.target_field.related_model._meta
        for column in (kind.facet.value, kind.facet.label, kind.facet.label_en):
            target.get_field(column)


def test_ingest_finds_and_writes_every_article_kind():
    extracted = {f.name for f in dataclasses.fields(Extraction)}
    for kind in ARTICLE_KINDS:
        assert kind.extracted in extracted
        if kind.refs_ids is None:
            assert kind.name in ingest._FINDERS
        else:
            assert callable(getattr(ingest.IngestRefs, kind.refs_ids))
        assert f"INSERT INTO {kind.table} " in ingest._FACT_CTES[kind.code]
    # and the unresolved organization phrases ("u"), written with the facts
    assert set(ingest._FACT_CTES) == {k.code for k in ARTICLE_KINDS} | {"u"}
    assert len(ingest._facts_found(None, ingest.IngestRefs())) == len(ARTICLE_KINDS)


def test_every_kind_keeps_its_history():
    for kind in KINDS:
        assert hasattr(kind.model, "history"), kind.name


def test_curation_reviews_every_kind():
    assert set(FACT_MODELS) == _concrete(Fact)


def test_the_admin_shows_every_kind():
    assert [i.model for i in ArticleAdmin.inlines if i.model in _concrete(ArticleFact)] == [
        k.model for k in ARTICLE_KINDS
    ]
    assert any(i.model is kind.model for kind in KINDS for i in MeetingAdmin.inlines)
    for kind in KINDS:
        assert admin.site.is_registered(kind.model)


def test_the_api_article_document_holds_every_article_kind():
    assert {k.plural for k in ARTICLE_KINDS} <= set(ArticleOut.model_fields)
    assert set(_ARTICLE_FACTS) == {k.name for k in ARTICLE_KINDS}


@pytest.mark.django_db
def test_facets_and_the_review_queue_count_every_kind():
    assert set(facets([], rows=[])) >= {k.name for k in FACET_KINDS}
    assert set(review_queue_counts()) >= {k.plural for k in KINDS}


@pytest.mark.django_db
def test_the_review_queue_lists_every_kind(admin_client):
    page = admin_client.get("/admin/archive/article/review-queue/")
    html = page.content.decode()
    for kind in KINDS:
        assert f"/admin/archive/{kind.model._meta.model_name}/?status__exact=automatic" in html
