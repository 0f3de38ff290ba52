"""Turning a raw record into a clean article: title, body, and what was removed.

No Django here. The rules come from real scraped news; each names the seed article
(``seeds/*.txt``) that shows it, and ``tests/text/test_cleaning.py`` pins them.

The invariant: **no sentence of the article itself is dropped.** Lines are removed only
when they match a boilerplate rule below, or when they follow a "read also"/"related"
heading at the end of the article. Everything removed is listed in
``CleanText.removed`` (in order) so the operator's report shows it.

Lines are the unit: each non-empty input line is a paragraph (seed 002 separates its
paragraphs by single newlines), except in hard-wrapped text (lines of at most ~100
characters broken mid-sentence inside blank-line separated paragraphs), whose lines are
joined back into paragraphs first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from archive.text import script

__all__ = ["CleanText", "clean_article", "derive_title", "fold", "strip_site_suffix"]

MAX_TITLE_CHARS = 110  # a derived title is cut at a word boundary below this
MAX_CLAUSE_TITLE_CHARS = 125  # ...or at a clause boundary ("،", ",", ";", ":") below this
MIN_CLAUSE_TITLE_CHARS = 40
TITLE_MAX_WORDS = 25  # a first line with more words is a paragraph, not a title
TITLE_MAX_CHARS_WITH_PERIOD = 150  # ...and so is a longer one ending with "."
DEDUPE_MIN_WORDS = 8  # shorter repeated lines (sub-headings, table labels) are kept
LEAD_SENTENCE_MIN_WORDS = 8  # a first line ending with "." and this long also stays in the body
TOP_LINES = 6  # how far from the top labels, captions and date lines are looked for
HEADLINE_MAX_WORDS = 20
SOURCE_MAX_WORDS = 8  # "المصدر: ..." longer than this is a sentence, not a credit


@dataclass
class CleanText:
    """A cleaned article and what cleaning took out of it."""

    title: str  # "" when the text gives none
    body: str  # paragraphs joined by "\n\n"; "" when nothing of the article is left
    # The removed lines, in their order in the text; not the title line (it is the title).
    removed: list[str] = field(default_factory=list)
    # "صحيفة الجزيرة" from "المصدر: صحيفة الجزيرة", else "RT" from a "– RT World News" title
    source_hint: str | None = None
    tags: list[str] = field(default_factory=list)  # from "كلمات دلالية:" / "Tags:" lines
    dateline: str | None = None  # a date line near the top, as written ("٢٠ ديسمبر، ٢٠١٩")


# --------------------------------------------------------------------------- folding

_NON_WORD_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)  # each line is looked at by several rules
def fold(text: str) -> str:
    """A matching key: the search analyzer's spelling normalization (``script.fold``: no
    marks, tatweel or invisible characters, one alef/hamza/yeh/heh/kaf..., ASCII digits),
    casefolded, Latin accents removed, whitespace collapsed."""
    text = script.fold(text).lower().translate(script.LATIN_FOLDS).casefold()
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def _bare(text: str) -> str:
    """``fold`` without punctuation: the key for phrase lists and repeated paragraphs."""
    return " ".join(_NON_WORD_RE.sub(" ", fold(text)).split())


def _keys(*phrases: str) -> frozenset[str]:
    return frozenset(_bare(p) for p in phrases)


# --------------------------------------------------------------------------- phrase lists

# Headings after which the page lists or quotes OTHER stories (seed 000 ends with
# "إخترنا لك" / "أخبار ذات صلة"; seed 004 has "إقرأ أيضاً:" followed by a whole other
# article and "مقالات مشابهة" followed by a bullet list of headlines).
RELATED_HEADINGS = _keys(
    "اقرأ أيضا", "إقرأ أيضاً", "اقرأ ايضا", "اقرأ المزيد", "إقرأ المزيد", "شاهد أيضا",
    "شاهد أيضاً", "شاهد ايضا", "طالع أيضا", "تابع أيضا", "أخبار ذات صلة", "أخبار ذات علاقة",
    "مواضيع ذات صلة", "مقالات ذات صلة", "روابط ذات صلة", "موضوعات ذات صلة", "ذات صلة",
    "مقالات مشابهة", "أخبار مشابهة", "مواضيع مشابهة", "أخبار متعلقة", "إخترنا لك",
    "اخترنا لك", "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تداولاً",
    "الأكثر تعليقا", "قد يهمك", "قد يهمك أيضا", "قد يعجبك أيضا", "مواضيع قد تهمك",
    "المزيد من الأخبار", "آخر الأخبار", "أخبار أخرى", "التعليقات", "تعليقات القراء",
    "Read also", "Read more", "Also read", "See also", "Related", "Related articles",
    "Related stories", "Related news", "Related posts", "Related content", "More stories",
    "More from this section", "You may also like", "You might also like", "Most read",
    "Most popular", "Recommended", "Recommended for you", "More on this story", "Comments",
    "Lire aussi", "À lire aussi", "Voir aussi", "Articles similaires", "Sur le même sujet",
    "Les plus lus",
)  # fmt: skip
# A "read also" phrase glued to a headline on the same line (seed 004:
# "اقرأ أيضاًالعالمارتفاع أسعار النفط..."): the line goes, the article goes on.
_ARABIC_READ_ALSO = tuple(
    k.replace(" ", "")
    for k in _keys("اقرأ أيضا", "اقرأ المزيد", "شاهد أيضا", "طالع أيضا", "اقرأ كذلك", "اقرأ")
    if k != "اقرا"
)
# Matched on the folded line, where "À lire aussi" is "a lire aussi".
_LATIN_READ_ALSO_RE = re.compile(
    r"^(read also|read more|also read|see also|related|more|lire aussi|a lire aussi|voir aussi)"
    r"\s*[:：»|>]"
)
# Whole lines that are widgets, prompts or page furniture (seed 001's trailer:
# "اترك تعليقاً", "زر الذهاب إلى الأعلى").
BOILERPLATE_LINES = _keys(
    "اترك تعليقا", "اترك تعليقاً", "اترك تعليق", "اترك ردا", "اترك رداً", "أضف تعليق",
    "أضف تعليقا", "أضف تعليقك", "شارك", "شارك الخبر", "شارك المقال", "شارك هذا المقال",
    "مشاركة", "مشاركة الخبر", "طباعة", "أرسل لصديق", "زر الذهاب إلى الأعلى",
    "العودة إلى الأعلى", "الذهاب إلى الأعلى", "إلى الأعلى", "للأعلى", "إعلان", "مساحة إعلانية",
    "نسخ الرابط", "تم نسخ الرابط", "تابعونا", "تابعنا", "Advertisement", "Sponsored",
    "Share", "Share this", "Share this article", "Share this story", "Share on Facebook",
    "Share on Twitter", "Print", "Email", "Leave a comment", "Leave a reply", "Back to top",
    "Subscribe", "Click here", "Copy link", "Link copied", "Publicité", "Partager", "Imprimer",
)  # fmt: skip
# Lines starting with these (and short) are boilerplate too (seed 001: "لن يتم نشر عنوان
# بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "يمكنك مشاركة هذه القصة على وسائل
# التواصل الاجتماعي:").
BOILERPLATE_PREFIXES = tuple(
    _keys(
        "لن يتم نشر عنوان بريدك الإلكتروني",
        "لن يتم نشر بريدك الإلكتروني",
        "الحقول الإلزامية مشار إليها",
        "الحقول المطلوبة",
        "يمكنك مشاركة هذه القصة",
        "يمكنك مشاركة هذا",
        "شارك هذا الخبر",
        "شارك هذه القصة",
        "شاركوا الخبر",
        "تابعونا على",
        "تابعنا على",
        "تابعوا آخر الأخبار",
        "تابعوا أخبارنا",
        "لمتابعة آخر الأخبار",
        "انضموا إلى قناتنا",
        "انضم إلى قناتنا",
        "اشترك في النشرة",
        "اشترك في قناتنا",
        "حمل تطبيق",
        "جميع الحقوق محفوظة",
        "حقوق النشر محفوظة",
        "Your email address will not",
        "Required fields are marked",
        "Share this article",
        "Share this story",
        "Share on Facebook",
        "Share on Twitter",
        "Share on WhatsApp",
        "Share on X",
        "Follow us on",
        "Sign up for our newsletter",
        "Subscribe to our newsletter",
        "All rights reserved",
        "Partager sur",
        "Suivez-nous sur",
    )  # fmt: skip
)
# Counters and share/print/report widgets are lines made only of these words and numbers
# (seed 000: "سحب 0 تعليق ارسل طباعة تبليغ حذف", "0 تعليق"; English "Comments (0)").
WIDGET_WORDS = _keys(
    "سحب", "تعليق", "تعليقات", "التعليقات", "ارسل", "أرسل", "إرسال", "طباعة", "تبليغ",
    "إبلاغ", "حذف", "مشاركة", "شارك", "حفظ", "نسخ", "الرابط", "فيسبوك", "فيس", "بوك",
    "تويتر", "واتساب", "واتس", "تلغرام", "تيليجرام", "لينكدإن", "بريد", "إعجاب", "مشاهدة",
    "مشاهدات", "قراءة", "قراءات", "زيارة", "comment", "comments", "share", "shares", "print",
    "email", "tweet", "like", "likes", "views", "facebook", "twitter", "whatsapp", "telegram",
    "linkedin", "reddit", "pinterest", "save", "report", "delete", "send", "x",
)  # fmt: skip
TAG_LABELS = _keys(
    "كلمات دلالية", "الكلمات الدلالية", "الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم",
    "وسوم", "الوسم", "هاشتاغ", "Tags", "Tag", "Keywords", "Topics", "Mots-clés", "Mots clés",
)  # fmt: skip
SOURCE_LABELS = _keys("المصدر", "مصدر", "المصادر", "Source", "Sources", "Via")
# Section names a scraper leaves above the title (seed 001: "أخبار العالم").
CATEGORY_LABELS = _keys(
    "أخبار العالم", "العالم", "أخبار عربية", "أخبار عربيه", "عربي", "عربي ودولي", "عربي و دولي",
    "عربية ودولية", "دولي", "دولية", "أخبار دولية", "شؤون دولية", "أخبار محلية", "محليات",
    "محلي", "وطني", "أخبار وطنية", "الوطن العربي", "العالم العربي", "الشرق الأوسط", "الخليج",
    "أخبار الخليج", "سياسة", "السياسة", "سياسي", "اقتصاد", "الاقتصاد", "اقتصادي", "رياضة",
    "الرياضة", "منوعات", "ثقافة", "ثقافة وفن", "فن", "فنون", "تكنولوجيا", "علوم", "صحة",
    "مجتمع", "حوادث", "أمن", "أمن وقضاء", "قضايا", "تقارير", "تقرير", "تحقيقات", "مقالات",
    "رأي", "آراء", "مقالات الرأي", "أخبار", "الأخبار", "آخر الأخبار", "عاجل", "خاص", "حصري",
    "الرئيسية", "World", "World news", "Politics", "Middle East", "News", "Business",
    "Sport", "Sports", "Opinion", "International", "Africa", "Asia", "Europe", "Home",
    "Monde", "Politique", "Actualités", "Société", "Afrique",
)  # fmt: skip
# Photo captions and credits (seed 002 starts with "صورة ارشيفية").
CAPTION_LINES = _keys(
    "صورة ارشيفية", "صورة أرشيفية", "أرشيفية", "صورة", "الصورة", "صورة تعبيرية",
    "صورة توضيحية", "صورة من الأرشيف", "صور", "فيديو", "Photo", "File photo", "Archive photo",
    "Image", "Illustration", "Photo d'archive", "Illustration photo",
)  # fmt: skip
_CAPTION_PREFIX_RE = re.compile(  # on the folded line ("Crédit photo" is "credit photo")
    r"^[(\[]?\s*(صوره|الصوره|تصوير|photo|photo credit|image|picture|credit|credit photo)\s*[:：]"
    r"|^[(\[]?\s*(getty images|afp photo|reuters photo|ap photo)\b"
)
CAPTION_MAX_WORDS = 12

# Words that may make up a date line, besides numbers (seed 003: "٢٠ ديسمبر، ٢٠١٩").
MONTHS = _keys(
    # Gregorian (Egypt and Gulf), Levant, Maghreb, Hijri
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو",
    "يوليه", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر", "كانون",
    "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "جانفي",
    "فيفري", "أفريل", "ماي", "جوان", "جويلية", "أوت", "محرم", "صفر", "ربيع", "جمادى", "رجب",
    "شعبان", "رمضان", "شوال", "القعدة", "الحجة",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
DATE_WORDS = MONTHS | _keys(
    "الأول", "الثاني", "الآخر", "الأولى", "الآخرة", "ذو", "ذي", "الأحد", "الاثنين", "الإثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "يوم", "م", "هـ", "ه", "ص", "الساعة",
    "ساعة", "منذ", "دقيقة", "دقائق", "ساعات", "نشر", "نشر في", "في", "تاريخ", "النشر",
    "آخر", "تحديث", "بتوقيت", "غرينتش", "جرينتش", "مكة", "المكرمة", "القاهرة", "أبوظبي",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm", "gmt", "utc", "published",
    "updated", "posted", "on", "at", "last", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "le", "publié", "mis", "à", "jour",
)  # fmt: skip
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b")

# Title suffixes that name the site (seed 001: "... – RT World News").
_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[-–—|•·]|::)\s*|\s*(?:[-–—|•·]|::)\s+|\s*\|\s*")
SITE_WORDS = _keys(
    "news", "world", "arabic", "online", "tv", "fm", "net", "com", "org", "times", "post",
    "daily", "herald", "tribune", "journal", "press", "agency", "network", "channel",
    "rt", "cnn", "bbc", "reuters", "afp", "ap", "sputnik", "france24", "euronews", "dw",
    "نت", "عربي", "بالعربية", "صحيفة", "جريدة", "موقع", "بوابة", "وكالة", "قناة",
    "شبكة", "الجزيرة", "العربية", "سكاي", "فرانس", "رويترز", "الأهرام", "اليوم السابع",
    "المصري اليوم", "الشرق الأوسط", "البيان الإماراتية", "الخليج أونلاين", "عكاظ", "سبق",
    "هسبريس", "الشروق أونلاين", "القدس العربي", "العربي الجديد", "روسيا اليوم", "سبوتنيك",
    "أخبار", "الأخبار", "نيوز", "برس", "أونلاين", "الإخبارية", "الإخباري", "للأنباء",
    "الأنباء",
)  # fmt: skip
# Generic words dropped from a site name to leave the outlet ("RT World News" -> "RT").
SITE_GENERIC_WORDS = _keys(
    "world", "news", "arabic", "online", "net", "com", "عربي", "نت", "بالعربية", "أونلاين",
)  # fmt: skip

_BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦‣∙■□►▶➤✓✔❖*]|[-–—](?=\s|[^\W\d_]))\s*")
_SENTENCE_END = (".", "!", "?", "؟", "…", "۔", "。")
_TERMINAL_PUNCT = _SENTENCE_END + (":", "؛", ";", '"', "”", "»", "’", "‘", "'", ")")
_LABEL_RE = re.compile(r"^\s*([^:：]{1,30}?)\s*[:：]\s*(.*)$")
_CATEGORY_SPLIT_RE = re.compile(r"\s*[>»›/|]\s*")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_DIGIT_RE = re.compile(r"\d")
_COPYRIGHT_RE = re.compile(r"^(©|copyright\s*(©|\(c\)|\d{4}))")
_FEED_FOOTER_RE = re.compile(r"^the post .+ appeared first on .+$")
_NUMERIC_LINE_RE = re.compile(r"^[\d\s.,:/()+%#-]+$")
# Invisible characters that change nothing in how a line looks (not harakat, not the joiners).
_INVISIBLE_RE = re.compile(f"[{script.char_class(script.DELETABLE_FORMAT_CHARACTERS)}]")
_ARABIC_LETTER_RE = re.compile(f"[{script.char_class(script.ARABIC_LETTERS)}]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------- lines


def _normalize_line(line: str) -> str:
    line = _CONTROL_RE.sub("", _INVISIBLE_RE.sub("", line))
    return " ".join(line.replace("\xa0", " ").split())


@lru_cache(maxsize=8192)  # each line is looked at by several rules
def _word_count(text: str) -> int:
    return len(text.split())


def _split_lines(body: str) -> list[str]:
    """Non-empty, whitespace-normalized lines; hard-wrapped paragraphs joined back."""
    blocks: list[list[str]] = [[]]
    for raw in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _normalize_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    width = _wrap_width(blocks)
    if not width:
        return [line for block in blocks for line in block]
    lines: list[str] = []
    for block in blocks:
        paragraph: list[str] = []
        for line in block:
            # Boilerplate, headings and list items are lines of their own even here.
            alone = _stands_alone(line)
            if paragraph and (alone or _BULLET_RE.match(line)):
                lines.append(" ".join(paragraph))
                paragraph = []
            paragraph.append(line)
            if alone:
                lines.append(line)
                paragraph = []
            elif len(line) < 0.75 * width or (len(line) > width and line.endswith(_TERMINAL_PUNCT)):
                # A short line ends its paragraph in wrapped text; so does a finished
                # sentence longer than the width (a line that was never wrapped).
                lines.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            lines.append(" ".join(paragraph))
    return lines


def _wrap_width(blocks: list[list[str]]) -> int:
    """The width of text wrapped at a fixed width (40 to 100 characters), or 0: lines
    inside paragraphs run close to that width and mostly stop mid-sentence."""
    inner = [line for block in blocks if len(block) > 1 for line in block[:-1]]
    if len(inner) < 4:
        return 0
    lengths = sorted(len(line) for block in blocks for line in block)
    width = lengths[max(0, int(len(lengths) * 0.9) - 1)]
    if not 40 <= width <= 100:
        return 0
    full = sum(1 for line in inner if len(line) >= 0.75 * width)
    unfinished = sum(1 for line in inner if not line.endswith(_TERMINAL_PUNCT))
    return width if full / len(inner) >= 0.7 and unfinished / len(inner) >= 0.6 else 0


def _stands_alone(line: str) -> bool:
    return (
        _is_related_heading(line)
        or _is_date_line(line)
        or _is_numeric(line)
        or _classify(line, _State())
    )


def _labelled(line: str, labels: frozenset[str]) -> str | None:
    """The text after "Label:" when the line starts with one of ``labels`` and a colon."""
    match = _LABEL_RE.match(line)
    if match and _bare(match.group(1)) in labels:
        return match.group(2).strip()
    return None


def _is_category_label(line: str) -> bool:
    parts = [p for p in _CATEGORY_SPLIT_RE.split(line) if p.strip()]
    return bool(parts) and all(_bare(p) in CATEGORY_LABELS for p in parts)


def _is_caption(line: str) -> bool:
    if _bare(line) in CAPTION_LINES:
        return True
    return _word_count(line) <= CAPTION_MAX_WORDS and bool(_CAPTION_PREFIX_RE.match(fold(line)))


def _is_date_line(line: str) -> bool:
    if len(line) > 60 or _word_count(line) > 12:
        return False
    folded = fold(line)
    has_numeric_date = bool(_NUMERIC_DATE_RE.search(folded))
    words = _LETTERS_RE.findall(folded)
    if not _DIGIT_RE.search(folded):
        return False
    has_month = any(_bare(w) in MONTHS for w in words)
    # Two-word phrases such as "نشر في" are in DATE_WORDS; single words are enough here.
    leftovers = [w for w in words if _bare(w) not in DATE_WORDS]
    return (has_month or has_numeric_date) and not leftovers


def _is_widget(line: str) -> bool:
    words = _bare(line).split()
    if not words or len(words) > 12:
        return False
    return all(w in WIDGET_WORDS or w.isdigit() for w in words) and any(
        w in WIDGET_WORDS for w in words
    )


def _is_numeric(line: str) -> bool:
    return bool(_NUMERIC_LINE_RE.match(line))


def _is_boilerplate(line: str) -> bool:
    key = _bare(line)
    if key in BOILERPLATE_LINES:
        return True
    if _word_count(line) <= 30 and key.startswith(BOILERPLATE_PREFIXES):
        return True
    if _COPYRIGHT_RE.match(fold(line)):
        return True
    # WordPress feeds: "The post <title> appeared first on <site>."
    return bool(_FEED_FOOTER_RE.match(key))


def _is_related_heading(line: str) -> bool:
    return _bare(line) in RELATED_HEADINGS and _word_count(line) <= 6


def _is_read_also_line(line: str) -> bool:
    """A "read also" phrase followed by another story's headline on the same line."""
    if _word_count(line) > 40:
        return False
    key = _bare(line)
    glued = key.replace(" ", "")
    # Arabic: the phrase may be glued to the headline (seed 004: "اقرأ أيضاًالعالمارتفاع...").
    if any(glued.startswith(p) and len(glued) > len(p) for p in _ARABIC_READ_ALSO):
        return True
    # Latin: only with a separator ("Read more: ..."), so "Related talks ..." stays.
    return bool(_LATIN_READ_ALSO_RE.match(fold(line)))


def _is_headline_like(line: str) -> bool:
    return _word_count(line) <= HEADLINE_MAX_WORDS and not line.endswith(_SENTENCE_END)


def _is_bullet(line: str) -> bool:
    return bool(_BULLET_RE.match(line))


# --------------------------------------------------------------------------- titles


def _split_site_suffix(title: str) -> tuple[str, str | None]:
    """("headline", "site name") when the title ends with " – Site" / " | Site"."""
    matches = list(_TITLE_SEPARATOR_RE.finditer(title))
    if not matches:
        return title, None
    last = matches[-1]
    head, suffix = title[: last.start()].strip(), title[last.end() :].strip()
    if not suffix or _word_count(head) < 3 or _word_count(suffix) > 5 or len(suffix) > 40:
        return title, None
    words = _bare(suffix).split()
    site_like = any(w in SITE_WORDS for w in words) or _bare(suffix) in SITE_WORDS
    # An all-Latin suffix on an Arabic headline is a site name ("CNN Arabic").
    latin_on_arabic = bool(_ARABIC_LETTER_RE.search(head)) and not _ARABIC_LETTER_RE.search(suffix)
    is_pipe = "|" in last.group(0)
    if site_like or latin_on_arabic or is_pipe:
        return head, suffix
    return title, None


def strip_site_suffix(title: str) -> tuple[str, str | None]:
    """Remove site names from the end of a title: ``(title, outlet)``; ``outlet`` is the first one removed."""
    outlet = None
    for _ in range(2):  # "Headline | Section | Site"
        head, suffix = _split_site_suffix(title)
        if suffix is None:
            break
        outlet = outlet or _outlet_name(suffix)
        title = head
    return title, outlet


def _outlet_name(site: str) -> str:
    words = site.split()
    while len(words) > 1 and _bare(words[-1]) in SITE_GENERIC_WORDS:
        words.pop()
    return " ".join(words)


def _is_paragraph(line: str) -> bool:
    """A first line that is a paragraph, not a title (seeds 002 and 004 have no title line)."""
    return _word_count(line) > TITLE_MAX_WORDS or (
        line.endswith(".") and len(line) > TITLE_MAX_CHARS_WITH_PERIOD
    )


def derive_title(paragraph: str) -> str:
    """A title from a lead paragraph: its first sentence, else a clause, else cut at a word, with "…"."""
    match = re.match(r"^(.{20,}?[.!?؟])(?=\s|$)", paragraph)
    sentence = (match.group(1) if match else paragraph).strip()
    sentence = sentence.rstrip(".").strip()
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence
    clause_ends = [
        m.start()
        for m in re.finditer(r"[،,;؛:]", sentence)
        if MIN_CLAUSE_TITLE_CHARS <= m.start() <= MAX_CLAUSE_TITLE_CHARS
    ]
    if clause_ends:
        return sentence[: clause_ends[-1]].strip() + "…"
    cut = sentence[: MAX_TITLE_CHARS + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:MAX_TITLE_CHARS]
    return cut.rstrip(" ،,;:-–") + "…"


# --------------------------------------------------------------------------- cleaning


@dataclass
class _State:
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line index, line)
    tags: list[str] = field(default_factory=list)
    source_hint: str | None = None
    dateline: str | None = None
    article_ended: bool = False  # seen a source, tags, share or comment-form line

    def remove(self, index: int, line: str) -> None:
        self.removed.append((index, line))


def _split_tags(text: str) -> list[str]:
    # Seed 004 separates its tags by spaces only; others use commas, "|" or "#".
    separated = re.search(r"[,،|#؛;]", text)
    parts = re.split(r"\s*[,،|#؛;]\s*", text) if separated else text.split()
    return [p.strip(" .-") for p in parts if p.strip(" .-")]


def _classify(line: str, state: _State) -> bool:
    """Whether ``line`` is boilerplate wherever it stands; tags and source go into ``state``."""
    tags = _labelled(line, TAG_LABELS)
    if tags is not None and _word_count(line) <= 40:
        # Seed 004: "كلمات دلالية: كورونا بريطانيا ..." -> tags, not body.
        state.tags.extend(t for t in _split_tags(tags) if t not in state.tags)
        state.article_ended = True
        return True
    source = _labelled(line, SOURCE_LABELS)
    if source is not None and 0 < _word_count(source) <= SOURCE_MAX_WORDS:
        # Seed 004: "المصدر: صحيفة الجزيرة" -> source_hint.
        state.source_hint = state.source_hint or source.rstrip(" .")
        state.article_ended = True
        return True
    if _is_boilerplate(line):
        # Seed 001: share prompt, "اترك تعليقاً", e-mail notice, "زر الذهاب إلى الأعلى".
        state.article_ended = True
        return True
    # Seed 000: "سحب 0 تعليق ارسل طباعة تبليغ حذف"; seed 004: "اقرأ أيضاًالعالم...".
    # (Lines of bare numbers are judged by their neighbours: see clean_article.)
    return _is_widget(line) or _is_caption(line) or _is_read_also_line(line)


def clean_article(*, title: str | None, body: str) -> CleanText:
    """Clean one article: find or tidy its title, drop boilerplate, keep every sentence of the article."""
    lines = _split_lines(body)
    state = _State()
    given_title = _normalize_line(title or "")
    found_title = ""
    title_index: int | None = None  # the body line used as the title, if any

    # 1. The top of the text. Category labels, captions, date lines and widgets come
    #    before (or right below) the title: seed 001 starts with "أخبار العالم", seed
    #    002 with "صورة ارشيفية", seed 003 has "٢٠ ديسمبر، ٢٠١٩" below its title. The
    #    first other line is the title, unless it is a paragraph (seeds 002 and 004):
    #    the title is then derived from its first sentence and the paragraph stays.
    given_keys = {_bare(given_title), _bare(strip_site_suffix(given_title)[0])} - {""}
    title_done = bool(given_title)
    i = 0
    while i < min(len(lines), TOP_LINES):
        line = lines[i]
        if title_index is None and given_keys and _bare(line) in given_keys:
            title_index = i  # the given title repeated as the first line (HTML, feeds)
        elif _is_category_label(line) or _is_caption(line):
            state.remove(i, line)
        elif state.dateline is None and _is_date_line(line):
            state.dateline = line
            state.remove(i, line)
        elif _is_numeric(line) or _classify(line, state):
            state.remove(i, line)  # widgets, "read also" lines, a source credit, tags
        elif not title_done:
            title_done = True
            if _is_paragraph(line):
                found_title = derive_title(line)
                break
            if line.endswith(".") and _word_count(line) >= LEAD_SENTENCE_MIN_WORDS:
                # A whole lead sentence: it is the title and stays in the body too.
                found_title = line.rstrip(". ")
                break
            found_title, title_index = line, i
        else:
            break
        i += 1
    top_end = i
    state.article_ended = False  # a source credit above the text does not end it

    raw_title = given_title or found_title
    clean_title, outlet = strip_site_suffix(raw_title) if raw_title else ("", None)

    # 2. The body. Boilerplate lines go wherever they are; a related/"read also" heading
    #    takes the lines after it that are not this article (see _trailer_end).
    kept: list[tuple[int, str]] = []
    # junk_tail[k]: lines[k:] hold nothing but headlines, bullets and boilerplate
    # (computed once from the end, so each heading is judged in constant time).
    junk_tail = [True] * (len(lines) + 1)
    for k in range(len(lines) - 1, top_end - 1, -1):
        junk_tail[k] = junk_tail[k + 1] and _is_trailer_line(lines[k])
        if not junk_tail[k]:
            junk_tail[top_end:k] = [False] * (k - top_end)
            break
    total_chars = sum(len(line) for line in lines[top_end:]) or 1
    seen_chars = 0
    j = top_end
    while j < len(lines):
        line = lines[j]
        seen_chars += len(line)
        if j == title_index:
            j += 1
            continue
        if _is_related_heading(line):
            end = _trailer_end(lines, j, state, seen_chars / total_chars, junk_tail[j + 1])
            for k in range(j, end):
                state.remove(k, lines[k])
            j = end
            continue
        if _classify(line, state):
            state.remove(j, line)
        else:
            kept.append((j, line))
        j += 1

    # 3. Lines of bare numbers are counters ("0" under a comment widget) when they
    #    stand next to removed lines or trail the article, but content when a line
    #    ending with ":" introduces them (phone numbers in the ANT corpus).
    removed_at = {index for index, _ in state.removed}
    counters: set[int] = set()
    for pos in range(len(kept) - 1, -1, -1):  # trailing numbers, from the end
        index, line = kept[pos]
        if not _is_numeric(line):
            break
        counters.add(index)
    previous = ""  # the last kept line that is not a number
    for index, line in kept:
        if not _is_numeric(line):
            previous = line
            continue
        if index - 1 in removed_at or index + 1 in removed_at:
            counters.add(index)
        if previous.endswith((":", "：")):
            counters.discard(index)

    # 4. Repeated paragraphs are kept once (seed 003 repeats two paragraphs verbatim).
    #    Short lines and list items may repeat (sub-headings, table labels, two spec
    #    lists of two phone models in the ANT corpus).
    body_lines: list[str] = []
    seen: set[str] = set()
    for index, line in kept:
        if index in counters:
            state.remove(index, line)
            continue
        key = _bare(line)
        if _word_count(line) >= DEDUPE_MIN_WORDS and not _is_bullet(line) and key in seen:
            state.remove(index, line)
            continue
        seen.add(key)
        body_lines.append(line)

    return CleanText(
        title=clean_title,
        body="\n\n".join(body_lines),
        removed=[line for _, line in sorted(state.removed, key=lambda pair: pair[0])],
        source_hint=state.source_hint or outlet,
        tags=state.tags,
        dateline=state.dateline,
    )


def _is_trailer_line(line: str) -> bool:
    """A line that may follow a related heading when nothing of the article is left."""
    return (
        _is_headline_like(line)
        or _is_bullet(line)
        or _is_numeric(line)
        or _classify(line, _State())
    )


def _trailer_end(
    lines: list[str], j: int, state: _State, position: float, only_junk_follows: bool
) -> int:
    """Where the lines removed with the related heading at ``j`` end (exclusive).

    * Only headlines, bullets and boilerplate follow it (seed 000's "إخترنا لك",
      "أخبار ذات صلة", "0 تعليق"): to the end; their tags and source are kept.
    * The article had already ended (a source, tags or share line came before: seed
      004's "إقرأ أيضاً:" below "المصدر:" and "كلمات دلالية:"): to the end, since
      another story follows.
    * A bullet list follows (seed 004's "مقالات مشابهة"): the heading and the list.
    * In the last third of the text: to the end.
    * Otherwise (mid-article, "اقرأ أيضا" above one headline): the heading and that
      headline; the article goes on.
    """
    if only_junk_follows:
        scratch = _State()
        for line in lines[j + 1 :]:
            _classify(line, scratch)  # keep their tags and source credit
        state.tags.extend(t for t in scratch.tags if t not in state.tags)
        state.source_hint = state.source_hint or scratch.source_hint
        return len(lines)
    if state.article_ended or position >= 2 / 3:
        return len(lines)
    end = j + 1
    while end < len(lines) and _is_bullet(lines[end]):
        end += 1
    if end > j + 1:
        return end
    if end < len(lines) and _is_headline_like(lines[end]):
        return j + 2
    return j + 1
