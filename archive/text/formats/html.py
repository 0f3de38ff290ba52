"""HTML pages (main text by trafilatura) and HTML fragments (feed entries, JSON bodies)."""

from __future__ import annotations

import re
from typing import Any

from archive.text.formats.base import HEAD_SIZE, InputError, RawRecord, _optional_text, _squeeze
from archive.text.formats.encodings import _decode_markup

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
        "tr", "pre", "figure", "figcaption", "address", "hr", "form", "fieldset", "nav",
    }
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry, a JSON body): block elements become paragraphs."""
    # Imported here: lxml is only needed for HTML inputs.
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _squeeze(re.sub(r"<[^>]*>", " ", fragment))
    for bad in list(root.iter(*_DROP_TAGS)):
        bad.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _squeeze("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    # iterwalk, not recursion: hostile markup can nest deeper than Python's stack.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if event == "start":
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if tag is not None and el.text:
                current.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
            if el is not root and el.tail:
                current.append(el.tail)
    flush()
    return "\n\n".join(paragraphs)


def _element_text(el: Any) -> str:
    """Text of one element of trafilatura's output, keeping its <lb/> line breaks."""
    for lb in el.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    lines = (_squeeze(line) for line in "".join(el.itertext()).split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura_paragraphs(body: Any) -> list[str]:
    """Paragraphs of trafilatura's XML body: headings, paragraphs, list items, table rows."""
    paragraphs: list[str] = []
    for el in body:
        if el.tag == "list":
            items = (_element_text(i) for i in el.iter("item"))
            paragraphs.extend(t for t in items if t)
        elif el.tag == "table":
            for row in el.iter("row"):
                cells = [_squeeze("".join(c.itertext())) for c in row.iter("cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    paragraphs.append(line)
        else:
            text = _element_text(el)
            if text:
                paragraphs.append(text)
    return paragraphs


def _extract_html(text: str, *, favor_precision: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        text,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        favor_precision=favor_precision,
        # Dates from the page's own metadata only: the "extensive" search takes a
        # copyright year ("© 2025") for the publication date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _html_record(display: str, data: bytes) -> RawRecord:
    text, encoding = _decode_markup(data)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    try:
        doc = _extract_html(text, favor_precision=False)
        paragraphs = (
            _trafilatura_paragraphs(doc.body) if doc is not None and doc.body is not None else []
        )
        # On short pages trafilatura falls back to whole-page text, navigation
        # included; its precision mode keeps to the article there.
        if paragraphs and sum(len(p) for p in paragraphs) < 600:
            precise = _extract_html(text, favor_precision=True)
            if precise is not None and precise.body is not None:
                precise_paragraphs = _trafilatura_paragraphs(precise.body)
                if precise_paragraphs:
                    doc, paragraphs = precise, precise_paragraphs
    except InputError:
        raise
    except Exception as exc:  # a third-party parser on hostile input: report, do not crash
        raise InputError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    title = _optional_text(doc.title) if doc is not None else None
    if paragraphs and title and _squeeze(paragraphs[0]) == _squeeze(title):
        paragraphs = paragraphs[1:]  # the page's <h1>, already the title
    if not paragraphs:
        raise InputError("no article text found")
    return RawRecord(
        item=display,
        title=title,
        body="\n\n".join(paragraphs),
        url=_optional_text(doc.url),
        published_at=_optional_text(doc.date),
        source=_optional_text(doc.sitename),
        language=_optional_text(doc.language) or _html_lang(text),
        format="html",
        encoding=encoding,
    )


_HTML_LANG_RE = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _html_lang(text: str) -> str | None:
    match = _HTML_LANG_RE.search(text[:HEAD_SIZE])
    return match.group(1).lower() if match else None
