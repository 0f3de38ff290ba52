"""Organizations no list holds yet: phrases built on an organization's head noun.

"المرصد التونسي لحقوق الإنسان", "هيئة مكافحة الفساد", "جمعية النهضة الخيرية": a head
noun (مرصد, هيئة, جمعية, وزارة, مركز, مجلس, لجنة, منظمة, قوات, وكالة, جهاز, اتحاد, حركة,
جماعة, تنظيم, منتدى...) followed by what names it. When no organization of the gazetteer
was matched there, the phrase is an *unresolved mention*: kept with its sentence, so a
curator sees the phrases that recur and turns one into a gazetteer entry (or an alias of
an existing one), after which the articles that name it are extracted again.

The phrase: the head (with its proclitics و ف ب ل ك and the article, "وللمرصد" ->
"المرصد"), then its complement, word by word, while a word can continue an Arabic name:

* a definite word (the article, "والـ" for a coordinated one): "المرصد التونسي";
* a word with the preposition ل (للـ, لـ): "لحقوق", "لمكافحة";
* an indefinite word right after the head, after ل + noun or after another indefinite
  word (a construct chain: "هيئة مكافحة الفساد"); after a definite word an indefinite
  one (a verb, most often: "الوزارة الفلانية تعلن") ends the name.

A name ends at punctuation, a line break, a digit or Latin word, a function word or a
time word (``_STOP``), a word with ب ("بتونس": where, not who), an organization of the
gazetteer, and after eight words. It needs one complement word at least ("الوزارة" alone
names nothing new); a head that also is an action noun ("تنظيم المؤتمر": organizing
the conference; "إدارة الأزمات") is no organization when its complement is an event, a
generic object, or an ordinal ("المركز الثاني": second place) (``_NOT_AN_ORGANIZATION``),
and trailing indefinite adjectives are no part of a name ("مجموعة مسلحة"). Countries and cities inside the phrase stay in
it ("المرصد التونسي"). Pure: no Django imports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archive.text.extraction.matcher import _gap_ok
from archive.text.extraction.tokens import _drop_proclitic, _norm, _Tokens

# Nouns that head an organization's name (singular, as written with no article).
HEAD_NOUNS = """
وزارة هيئة مركز مجلس لجنة جامعة منظمة قوات قوة وكالة جهاز إدارة مديرية اتحاد حركة
جماعة تنظيم منتدى جمعية مؤسسة رابطة حزب معهد ديوان مكتب مرصد نقابة شركة بنك مصرف صندوق
محكمة جبهة ائتلاف تحالف كتيبة كتائب لواء فيلق ميليشيا مليشيا نادي أكاديمية مجموعة شبكة
مفوضية أمانة سلطة عمادة كلية مستشفى مجمع تجمع ألوية سرايا كونفدرالية فدرالية
""".split()  # noqa: SIM905

# Words that end a name: function words, time words, the words of a clause.
_STOP_WORDS = """
في من على إلى الى عن مع أن ان إن أنه انه إنه التي الذي الذين اللذين هذا هذه ذلك تلك قد
لقد لم لن لا ما كما حيث بعد قبل خلال ضد حول أمس امس اليوم غدا منذ عبر لدى او أو ثم كل
بين عند حتى وقد وكان كان كانت يوم مساء صباح الجاري المقبل الماضي أيضا ايضا وذلك إطار
التابع التابعة التابعين التابعتين
اطار بشأن بخصوص نحو أكثر اكثر حوالي وفق وفقا طبقا حسب بحسب بهدف عقب إثر اثر لدعم لتعزيز
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت جانفي فيفري مارس أفريل ماي جوان
جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر يناير فبراير أبريل مايو يونيو يوليو أغسطس
""".split()  # noqa: SIM905

# Complements after which a head that is also an action noun names no organization.
_NOT_AN_ORGANIZATION = """
المؤتمر مؤتمر الندوة ندوة الاجتماع اجتماع الدورة دورة الحدث المهرجان مهرجان الملتقى
ملتقى القمة الانتخابات انتخابات الأزمة الأزمات ازمة أزمة المرور السير الملف الملفات
الأعمال اعمال الوقت المدينة العاصمة المباراة مباراة البطولة الحفل الزيارة زيارة التظاهرة
تظاهرة الموارد المخاطر الحدود الشأن الشؤون المشاريع المشروع الحوار حوار الإنتاج النقل
الاحتجاجات احتجاجات المسيرة مسيرة الوقفة وقفة الدراسات الأسعار الأموال التجارة البيانات
الإدارة إدارة الإنترنت الانترنت الانترنات الأول الأولى الثاني الثانية الثالث الثالثة الرابع
الرابعة الخامس الأخير الأخيرة المتقدم المتقدمة الأنشطة الأنشطه أنشطة التظاهرات
""".split()  # noqa: SIM905

MAX_WORDS = 8

# Adjectives that refer back to a body rather than name one: "الأمانة العامة" (the
# general secretariat of what the sentence is about), "المركز المعني", "الهيئة الجديدة".
_REFERRING = """
العامة العام المعني المعنية المختص المختصة المذكور المذكورة الجديد الجديدة الحالي الحالية
السابق السابقة المعنيين المعنيون نفسه نفسها
""".split()  # noqa: SIM905


@dataclass(frozen=True)
class UnresolvedMention:
    key: str  # normalized words of the phrase, the head with the article if written with it
    phrase: str  # as first written, proclitics removed ("المرصد التونسي لحقوق الإنسان")
    head: str  # the head noun as listed in HEAD_NOUNS ("مرصد", "هيئة")
    count: int
    evidence: str  # the first sentence it appears in


# Heads that, with the article, are mostly something else: "اللواء" before a name is the
# rank (a general), not a brigade.
_INDEFINITE_ONLY = frozenset({"لواء"})


def _forms() -> dict[str, tuple[str, int, bool]]:
    """normalized written form -> (head as listed, proclitic letters to drop, definite)."""
    out: dict[str, tuple[str, int, bool]] = {}
    for noun in HEAD_NOUNS:
        base = _norm(noun)
        for p in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"):
            out.setdefault(p + base, (noun, len(p), False))
        if noun in _INDEFINITE_ONLY:
            continue
        for p in ("", "و", "ف", "ب", "ك", "وب", "فب"):
            out.setdefault(p + "ال" + base, (noun, len(p), True))
        for p in ("", "و", "ف"):
            out.setdefault(p + "لل" + base, (noun, len(p) + 1, True))  # ل + ال
    return out


_HEAD_FORMS = _forms()
_STOP = frozenset(map(_norm, _STOP_WORDS))
_NOT_ORG = frozenset(map(_norm, _NOT_AN_ORGANIZATION))
_REFERS = frozenset(map(_norm, _REFERRING))
# One-letter proclitics on a complement word that keep it in the name.
_DEFINITE = ("ال", "وال")
# Endings of an indefinite adjective (feminine ة, folded ه; the nisba ي): "مجموعة قديمة",
# "محكمة ألمانية", "مركز تجاري" describe, they do not name.
_ADJECTIVE_ENDINGS = ("ه", "ي")


def _complement(norm: str, previous: str) -> str | None:
    """How a word continues a name ("definite", "lam", "indefinite"), or None: it ends it.
    ``previous`` is how the word before continued it ("head" for the head noun)."""
    if norm in _STOP or not ("\u0621" <= norm[0] <= "\u064a"):
        return None
    if norm.startswith(_DEFINITE) and len(norm) > 3:
        return "definite"
    if norm.startswith("لل") and len(norm) > 3:
        return "definite"  # ل + ال: "للاستهلاك"
    if norm[0] == "ل" and len(norm) > 3:
        return "lam"  # ل + a construct: "لمكافحة الإرهاب"
    if norm[0] == "ب":
        return None
    if previous in ("head", "lam", "indefinite") and not norm.startswith("و"):
        return "indefinite"
    return None


def find_unresolved(
    text: str,
    toks: _Tokens,
    taken: Sequence[tuple[int, int]],
    sentences: list[tuple[int, int]],
    sent_of: Callable[[int], int],
) -> tuple[UnresolvedMention, ...]:
    """The head-noun phrases of ``text`` outside the gazetteer's matches.

    ``taken``: the token spans ``(i, j)`` of the organizations matched (a phrase never
    starts inside one and ends before the next)."""
    norms, words, seps = toks.norms, toks.words, toks.seps
    n = len(norms)
    org_at = [False] * (n + 1)
    for i, j in taken:
        for k in range(i, min(j, n)):
            org_at[k] = True
    groups: dict[str, list] = {}
    i = 0
    while i < n:
        form = _HEAD_FORMS.get(norms[i]) if not org_at[i] else None
        if form is None:
            i += 1
            continue
        head, cut, definite = form
        j, previous, kinds = i + 1, "head", {}
        while j < n and j - i < MAX_WORDS and not org_at[j] and _gap_ok(seps[j]):
            how = _complement(norms[j], previous)
            if how is None:
                break
            previous = kinds[j] = how
            j += 1
        end = j
        # Trailing indefinite adjectives describe a body ("مجموعة مسلحة", "شركة طيران
        # أميركية"): a name of indefinite words ends on a noun.
        while (
            end - 1 > i
            and kinds[end - 1] == "indefinite"
            and norms[end - 1].endswith(_ADJECTIVE_ENDINGS)
        ):
            end -= 1
        if (
            end - i < 2
            or norms[i + 1] in _NOT_ORG
            or (end - i == 2 and definite and norms[i + 1] in _REFERS)
        ):
            i += 1
            continue
        base = _norm(head)
        key_words = [("ال" + base) if definite else base, *norms[i + 1 : end]]
        key = " ".join(key_words)
        start = toks.starts[i]
        # the words as written, one space apart (no quotes or dashes of the sentence)
        phrase = " ".join([_drop_proclitic(words[i], cut, norms[i]), *words[i + 1 : end]])
        g = groups.get(key)
        if g is None:
            si = sent_of(start)
            ev = text[sentences[si][0] : sentences[si][1]] if si >= 0 else phrase
            g = groups[key] = [0, phrase, head, ev]
        g[0] += 1
        i = end
    return tuple(
        UnresolvedMention(key, phrase, head, count, ev)
        for key, (count, phrase, head, ev) in groups.items()
    )
