"""Reads: the search used by the page, the API and the admin."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from archive import search
from archive.models import Article
from archive.text.query_parser import QueryError, parse

PAGE_SIZE = 20


@dataclass
class SearchResults:
    query: str
    page: Page | None
    lexemes: frozenset[str]
    error: str = ""

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


def article_search(*, query: str, page: int = 1, sort: str = "relevance") -> SearchResults:
    """Articles matching an analyst's query, ranked, one page at a time."""
    try:
        parsed = parse(query)
    except QueryError as error:
        return SearchResults(query=query, page=None, lexemes=frozenset(), error=str(error))
    compiled = search.compile_query(parsed)
    if compiled is None:
        return SearchResults(query=query, page=None, lexemes=frozenset())
    qs = Article.objects.search(compiled).select_related("source")
    qs = qs.by_date() if sort == "date" else qs.by_relevance()
    paginator = Paginator(qs, PAGE_SIZE)
    return SearchResults(
        query=query, page=paginator.get_page(page), lexemes=compiled.lexemes
    )
