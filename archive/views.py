"""Web pages; thin: reads go through archive.selectors."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from archive import search
from archive.models import Article
from archive.selectors import article_search


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    latest = Article.objects.select_related("source").by_date()[:10]
    return render(request, "archive/home.html", {"latest": latest,
                                                  "article_count": Article.objects.count()})


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    results = article_search(query=query, page=request.GET.get("page") or 1, sort=sort)
    rows = []
    if results.page:
        for article in results.page:
            rows.append({
                "article": article,
                "title": search.highlight(article.title, results.lexemes),
                "snippet": search.snippet(article.body, results.lexemes),
            })
    status = 400 if results.error else 200
    return render(request, "archive/search.html",
                  {"results": results, "rows": rows, "query": query, "sort": sort},
                  status=status)


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    return render(request, "archive/article.html", {"article": article})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
