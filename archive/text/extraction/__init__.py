"""Entity and meeting extraction from Arabic news (pure Python, no Django).

``extract(title=..., body=..., published=..., gazetteer=...)`` returns the organizations,
countries and cities an article names (``Mention``: key, count, first sentence, spellings,
in order of first appearance) and, when the article reports an event, the facts of that
event (``MeetingFacts``: kind, name, recurring series, edition, place, dates, organizers,
hosts, participants, and the sentence each fact came from).  ``Gazetteer.from_data`` takes
the same dicts as ``archive/data/*.json`` (the database side produces them, so curators'
edits reach extraction); everything is precomputed there, nothing is compiled per call.

Matching
--------
The title and body (joined by a line break) are cut into word tokens (Arabic letter runs,
digit runs, Latin/Cyrillic runs) with one ``re.split``; each distinct word is folded once
(memoized) exactly as ``ArabicAnalyzer.normalize`` folds it: the fold table is built from
the analyzer character by character, so "الإنتربول" / "الانتربول" / "الأنتربول" and
"منظمة" / "منظمه" are one token.  Every name form (organization name_ar, name_en, acronym,
aliases; country name_ar, short_ar, aliases_ar, adjectives_ar and their plurals سعوديون /
سعوديين, ambiguous_aliases_ar; city name_ar, name_en, aliases_ar) is tokenized the same way
and indexed by its first token, then by its second (a two-level trie).  The index also
holds the first token with its proclitics:

* a name without the article takes و ف ب ك ل and their pairs (وب ول فب ...):
  "ومنظمة شنغهاي", "لكومنولث الدول المستقلة", "بأوزبكستان";
* a name with the article takes و ف ب ك (and pairs) before it ("بالإنتربول",
  "والأمم المتحدة"), and ل + ال is written لل ("للإنتربول", "وللأمم المتحدة");
* the article is never added to a name written without it (so "المالية" is not Malé),
  one-letter and two-letter names take no proclitic, and readings that are common words
  are blocked (``_BLOCKED_VARIANTS``: "وجوبا" is not "و + جوبا").

Only the first token takes proclitics; the other tokens must match exactly (normalized) and
be separated by spaces, hyphens or apostrophes only (a comma, a bracket or a line break ends
a name).  Surface forms are listed without the proclitic ("للإنتربول" -> "الإنتربول").

Nesting: at each position the longest name wins and matching resumes after it, so a name
inside a longer one never counts: "مركز مكافحة الإرهاب لرابطة الدول المستقلة" is one
mention of CIS-ATC and none of the CIS; "الهيكل الإقليمي لمكافحة الإرهاب التابع لمنظمة
شانغهاي للتعاون" is SCO RATS only (the SCO counts where it is named on its own);
"مركز الأمم المتحدة لمكافحة الإرهاب" is UNCCT, not the UN; "الأمانة العامة لمجلس وزراء
الداخلية العرب" is the secretariat, not the council; a country inside an organization's
name ("وزارة الداخلية في الإمارات العربية المتحدة") is no country mention either.  A name
repeated in brackets right after itself ("المنظمة الدولية للشرطة الجنائية (الأنتربول)")
counts once; both spellings are listed.

Latin forms: acronyms of at most 4 letters ("SCO", "GCC", "RATS", "UN", "DoD") and the
English city names match case-sensitively, other Latin names case-insensitively ("Interpol",
"INTERPOL"); a Latin token is a whole run of letters and digits, so "disco" never holds
"sco".

Ambiguity
---------
* A name shared by two organizations ("المديرية العامة للأمن الوطني": Morocco's and
  Algeria's) goes to the one whose country the article names (or the press's country,
  ``source_country``); otherwise it is dropped, never guessed.
* An ambiguous country alias (``ambiguous_aliases_ar``: "المملكة", "السلطنة", "مالي",
  "الكونغو", "عمان") counts only for a candidate country that the article names otherwise
  (by a non-ambiguous name or an adjective) or that is the press's country; with several
  such countries the most mentioned one wins (a tie: dropped); with none, the countries of
  the cities named decide ("المملكة" + "الرياض" is Saudi Arabia); an alias with a single
  candidate also counts inside a list of countries ("السعودية وقطر والكويت وعمان");
  otherwise the alias is dropped.
* An ambiguous country alias that is also a city name ("عمان": Oman / Amman) is the city
  after a city cue ("العاصمة الأردنية عمان", "مدينة"), when it opens a dateline ("عمان -
  ..."), or when the article names the city's country (Jordan) but not the other; the
  country when the article names that country (Oman, العماني) but not the city's; when both
  are named, the country inside a list of countries, else the city; with neither, nothing.
  "سلطنة عمان" is always Oman (a longer, unambiguous name).
* A country name that is also its capital's name ("الجزائر", "تونس", "الكويت", "جيبوتي")
  counts as the country, and as the city only after a city cue; when such a country is the
  place of an event, the meeting's city is that capital.
* Single-token place forms that are mostly common words ("سيول" floods, "كابل" cable,
  "مالية" -> ماليه Malé, "بنين" boys) count only after a cue ("العاصمة الكورية سيول",
  "جمهورية بنين"); a name followed by "لكرة"... is a sports body ("الاتحاد الإفريقي لكرة
  القدم"), "مسقط رأس" is a birthplace.

Meetings
--------
The main text is the article up to its boilerplate (a line "إقرأ أيضاً:", "مقالات
مشابهة", "أخبار ذات صلة", "المصدر: ..."), where related articles begin.  An *event
sentence* holds an event noun (مؤتمر, منتدى, ملتقى: conference; قمة: summit; اجتماع,
محادثات, مشاورات: meeting; ورشة عمل, ندوة, حلقة نقاش: workshop; تمرين, مناورات: exercise;
دورة تدريبية: training; مذكرة تفاهم, اتفاقية, بروتوكول تعاون: agreement; زيارة: visit;
"مؤتمر صحفي" is not one) and a reporting verb (انطلق, عقد, انعقد, اختتم, افتتح, استضاف,
نظم, أبرم, وقع, شارك, اجتمع, ضم, يجمع, أقيم, احتضن, شهد, بمشاركة ...).  The first event
sentence (the title counts) is the *primary* one and gives the kind ("السعودية تستضيف
الدورة الثانية للقمة الدولية" is a summit, though the body says "هذا الاجتماع").  The
*event region* is the event sentences, the sentences that refer back to an event ("هذا
الاجتماع", "الحدث", the definite noun of the primary kind, "المذكرة"), those with "اجتمع",
and a sentence with a participation cue right after a region sentence ("وتشارك أيضا الدول
المراقبة ...").  Facts come from the primary sentence first, then the region in order:

* name: the noun phrase at a noun of the primary kind, from an edition word before it
  ("الدورة الثانية للقمة الدولية لمراكز التميز في مكافحة الإرهاب"), up to punctuation, a
  verb or stop word, a date or time word, a place ("في الرياض", "بأوزبكستان") or a role cue
  ("بمشاركة"); a definite noun takes definite adjectives then a prepositional phrase.  The
  phrase with an edition wins, then the longest.  An agreement named only "مذكرة تفاهم"
  gets its parties: "مذكرة تفاهم بين X وY";
* edition: an ordinal after the noun, its adjectives or "في دورتها" ("المؤتمر العربي الرابع
  والعشرون", "القمة العربية الـ28", "الدورة 27 لـ...", not "الاجتماع 5 أحزاب"), read by
  ``parse_ordinal``; else one in the region on a noun of the same kind or on an edition word
  that introduces one ("الدورة الرابعة لملتقى ...", "المنتدى ... في دورته السابعة عشر");
* series: the name without the ordinal ("المؤتمر العربي للمسؤولين عن مكافحة الإرهاب",
  "الدورة الثانية للقمة X" -> "القمة X", "الاجتماع الرابع للفريق" -> "اجتماع الفريق");
  the key is the kind plus up to ten normalized content words (article, proclitics,
  function words, event and edition nouns removed): the 23rd and 24th editions, and two
  wordings of one edition, share it.  Only events with an edition or a recurring marker
  (السنوي, الدوري) get a series; one-off events get None;
* place: the first city named in the primary sentence, then in the region, then a city
  opening a dateline near the top ("أبوظبي (الإمارات العربية المتحدة) -"); the country is
  the city's, else a country named as the place ("في السعودية", "بالأردن") or as host
  ("السعودية تستضيف");
* an event dated more than 60 days before the article is a past one mentioned in passing:
  no meeting (and no timeline stretched back over decades);
* dates: ``find_date_ranges(reference=published)`` on windows around date words (digits,
  months, weekdays, أمس, غدا) of the region, the primary sentence first (no published date
  and no written year: no date; a year is never invented); a single day is extended by a
  duration stated in the region ("الحدث الذي يستمر يومين");
* roles: a cue gives its role to the organizations named within 8 tokens after it, and to
  the list that follows (each name within 8 tokens of the previous, "بالإضافة إلى" and
  "من قبل" relaying): organizers (نظم, بتنظيم, تم تنظيم ... من قبل, في نطاق, تحت إشراف,
  بدعوة من, عقد/تعقدان), hosts (استضاف, تستضيف, بمقر, احتضن), participants (بمشاركة, شارك
  في <event>, ممثلون عن, بحضور, أبرم/وقع, بين (agreements), اجتمع, بما في ذلك).  Names right
  before a verb cue are its subjects ("رابطة الدول المستقلة ومنظمة شنغهاي تعقدان مؤتمرا":
  organizers).  "شاركت X و Y في تنظيمه" makes X and Y organizers; "يشارك في رئاسة المركز"
  is no participation.  The body named in the event's name takes part in it.  An
  organization may be organizer and host; participants are the others.  Countries named
  after a participation cue are the participating states, the host country excluded.
* An article that reads as sport (three sport words or more) gets no meeting unless its
  event region names an organization of the gazetteer that is no club or federation
  ("القمة الـ28 للاتحاد الإفريقي").
* An event brings parties together, or it is none: two organizations named where it is
  reported, participating countries, or one party from abroad there or in the article's
  lead (a country other than the press's, an organization of another country or an
  international one), unless its name says it is international ("المنتدى الدولي",
  "المناورات المشتركة"). One body's own gathering at home ("اجتماع استثنائي" of a party's
  council, "زيارة ميدانية" of a governor) is no meeting. A media outlet is never a party.
"""

from __future__ import annotations

import datetime as dt

from archive.text.extraction.matcher import Gazetteer, _match
from archive.text.extraction.meeting import _meeting
from archive.text.extraction.resolve import (
    _mark_bracket_repeats,
    _mentions,
    _resolve,
    _sentence_locator,
)
from archive.text.extraction.results import Extraction, MeetingFacts, Mention
from archive.text.extraction.security import SecurityRelevance, security_relevance
from archive.text.extraction.sources import _attributed

# _norm is re-exported for tests/text/test_script.py (one fold, checked against the analyzer).
from archive.text.extraction.tokens import _norm as _norm
from archive.text.extraction.tokens import _tokenize, split_sentences
from archive.text.extraction.unresolved import UnresolvedMention, find_unresolved

__all__ = [
    "Extraction",
    "Gazetteer",
    "MeetingFacts",
    "Mention",
    "SecurityRelevance",
    "UnresolvedMention",
    "extract",
    "split_sentences",
]


def extract(
    *,
    title: str,
    body: str,
    published: dt.date | None,
    gazetteer: Gazetteer,
    source_country: str | None = None,
) -> Extraction:
    """Organizations, countries and cities named in an article, and the event it reports.

    ``source_country`` (optional, iso2) is the country of the press that published the
    article: it resolves ambiguous aliases ("المملكة" in the Saudi press)."""
    title = title or ""
    body = body or ""
    text = f"{title}\n{body}" if title.strip() else body
    if isinstance(published, dt.datetime):
        published = published.date()
    toks = _tokenize(text)
    starts, ends, norms = toks.starts, toks.ends, toks.norms
    sentences = split_sentences(text)
    sent_of = _sentence_locator(sentences)
    occs = _match(toks, gazetteer)
    # What the gazetteer knows, resolved or not, is never an unresolved phrase.
    taken = [(o.i, o.j) for o in occs if any(t.etype == "org" for t in o.targets)]
    _resolve(text, occs, norms, gazetteer, source_country)
    occs = _attributed(text, toks, [o for o in occs if o.key], gazetteer)
    _mark_bracket_repeats(text, occs)

    orgs, ctrs, cits = _mentions(text, occs, sentences, sent_of)
    meeting = _meeting(
        text=text,
        toks=toks,
        title_end=len(title) if title.strip() else -1,
        starts=starts,
        ends=ends,
        norms=norms,
        sentences=sentences,
        sent_of=sent_of,
        # A media outlet is the article's source, never a party to its event.
        occs=[o for o in occs if not (o.etype == "org" and o.key in gazetteer.media)],
        published=published,
        gaz=gazetteer,
        source_country=source_country,
    )
    unresolved = find_unresolved(text, toks, taken, sentences, sent_of)
    security = security_relevance(
        norms, toks.words, {m.key: (gazetteer.org_kind.get(m.key, ""), m.count) for m in orgs}
    )
    return Extraction(orgs, ctrs, cits, meeting, unresolved, security)
