"""Event nouns, verbs and cue words the meeting reader looks for."""

from __future__ import annotations

_KIND_NOUNS = {
    "مءتمر": "conference",
    "منتدي": "conference",
    "ملتقي": "conference",
    "قمه": "summit",
    "اجتماع": "meeting",
    "اجتماعات": "meeting",
    "مشاورات": "meeting",
    "محادثات": "meeting",
    "ندوه": "workshop",
    "تمرين": "exercise",
    "تمارين": "exercise",
    "مناوره": "exercise",
    "مناورات": "exercise",
    "اتفاقيه": "agreement",
    "زياره": "visit",
}
# heads that need a second word: (head) -> {second word: kind}
_TWO_WORD = {
    "ورشه": {"عمل": "workshop"},
    "ورش": {"عمل": "workshop"},
    "حلقه": {"نقاش": "workshop", "عمل": "workshop"},
    "مذكره": {"تفاهم": "agreement"},
    "مذكرات": {"تفاهم": "agreement"},
    "دوره": {"تدريبيه": "training", "تكوينيه": "training"},
    "دورات": {"تدريبيه": "training", "تكوينيه": "training"},
    "برنامج": {"تدريبي": "training"},
    "اتفاق": {"تعاون": "agreement"},
    "بروتوكول": {"تعاون": "agreement"},
    "اتصال": {"هاتفي": "call", "هاتفيا": "call"},
    "اتصالا": {"هاتفيا": "call"},
    "مكالمه": {"هاتفيه": "call"},
    "محادثه": {"هاتفيه": "call"},
}
# Verbs that report a contact by themselves ("التقى وزير الداخلية نظيره الجزائري",
# "استقبل رئيس الجمهورية..."): each is the event's noun (its kind) and a "meet" verb.
_CONTACT_VERBS = {
    "meeting": "التقي التقت يلتقي تلتقي التقيا التقوا استقبل استقبلت يستقبل تستقبل استقبلا "
    "تباحث تباحثت يتباحث تتباحث",
}
# definite nouns that refer back to the event whatever its kind
_REF_NOUNS = {
    "حدث": None,
    "فعاليه": None,
    "فعاليات": None,
    "مذكره": "agreement",
    "ورشه": "workshop",
}
_EDITION_NOUNS = frozenset({"دوره", "نسخه", "جوله"})

_NOUN_PREFIXES = (
    "",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "وب",
    "ول",
    "فب",
    "فل",
    "وك",
)


def _noun_forms(base: str) -> dict[str, tuple[int, bool]]:
    """form -> (proclitic letters, definite) for a noun: article, clitics, tanween alef,
    possessive pronouns (اجتماعه, قمتها)."""
    stems: dict[str, bool] = {base: False}
    if base.endswith("ه"):
        t = base[:-1] + "ت"
        for suf in ("ه", "ها", "هم", "هما"):
            stems[t + suf] = True
    elif not base.endswith("ات"):
        stems[base + "ا"] = False
        for suf in ("ه", "ها", "هم", "هما"):
            stems[base + suf] = True
    out: dict[str, tuple[int, bool]] = {}
    for stem, suffixed in stems.items():
        for p in _NOUN_PREFIXES:
            out.setdefault(p + stem, (len(p), suffixed))
        if not suffixed and not stem.endswith("ا") or stem == base:
            for p in ("", "و", "ف", "ب", "ك", "وب", "فب"):
                out.setdefault(p + "ال" + base, (len(p), True))
            for p in ("", "و", "ف"):
                out.setdefault(p + "لل" + base, (len(p) + 1, True))  # ل + ال
    return out


def _article_free(word: str) -> str:
    """A normalized word without its proclitics and article (best effort)."""
    for p in ("وال", "فال", "بال", "كال", "ولل", "فلل", "ال"):
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p) :]
    if word.startswith("لل") and len(word) >= 4:
        return word[2:]
    return word


# verbs: normalized form -> class
_VERB_CLASSES = {
    "hold": "عقد عقدت يعقد تعقد يعقدان تعقدان عقدا عقدوا يعقدون انعقد انعقدت ينعقد تنعقد "
    "انعقاد انعقاده انعقادها التامت يلتءم تلتءم",
    "start": "انطلق انطلقت ينطلق تنطلق انطلاق انطلاقه افتتح افتتحت يفتتح تفتتح افتتاح بدات "
    "تبدا يبدا",
    "close": "اختتم اختتمت يختتم تختتم اختتام اختتمت",
    "host": "استضاف استضافت يستضيف تستضيف استضافه يستضيفه تستضيفه احتضن احتضنت يحتضن تحتضن "
    "احتضان يحتضنه تحتضنه شهد شهدت يشهد تشهد",
    "organize": "نظم نظمت ينظم تنظم نظمته نظمها ينظمه تنظمه تنظيم",
    "sign": "ابرم ابرمت يبرم تبرم ابرام ابرما وقع وقعت يوقع توقع توقيع وقعا وقعتا",
    "participate": "شارك شاركت يشارك تشارك يشاركون مشاركه شاركوا",
    "meet": "اجتمع اجتمعت يجتمع تجتمع اجتمعوا",
    "include": "ضم ضمت يضم تضم جمع يجمع تجمع",
    "held": "اقيم اقيمت يقام تقام اقامه",
    "visit": "زار زارت يزور تزور",
    "contact": "تلقي تلقت يتلقي اجري اجرت",
}
_VERBS: dict[str, str] = {}
for _cls_name, _words in _VERB_CLASSES.items():
    for _w in _words.split():
        for _p in ("", "و", "ف"):
            _VERBS.setdefault(_p + _w, _cls_name)
_VERBS["بمشاركه"] = "participate"
_VERBS["باستضافه"] = "host"
_VERBS["بتنظيم"] = "organize"

# role cues (normalized token -> role); verb classes map too (see _ROLE_OF_VERB)
_ROLE_OF_VERB = {
    "hold": "organizer",
    "organize": "organizer",
    "host": "host",
    "sign": "participant",
    "participate": "participant",
    "meet": "participant",
}
_SUBJECT_VERBS = frozenset({"hold", "organize", "host", "sign", "participate", "meet"})
_PARTICIPANT_CUES = frozenset(
    {
        "ممثلون",
        "ممثلين",
        "ممثلي",
        "ممثلو",
        "وممثلون",
        "وممثلين",
        "بحضور",
        "وبحضور",
        "حضر",
        "حضرت",
        "حضره",
        "وحضر",
        "وحضرت",
        "وفد",
        "وفود",
        "وفدا",
        "ووفد",
    }
)
_HOST_CUES = frozenset({"بمقر", "مقر", "وبمقر", "بمقرها", "بمقره"})
_ORGANIZER_CUES = frozenset({"باشراف", "بدعوه"})  # and "في نطاق", "تحت اشراف"
_EVENTISH = frozenset(
    {
        "اعمال",
        "فعاليات",
        "الحدث",
        "حدث",
        "الفعاليه",
        "تنظيم",
        "تنظيمه",
        "تنظيمها",
    }
)
_PRESS = frozenset(
    """صحفي صحفيه صحافي صحافيه الصحفي الصحفيه الصحافي الصحافيه اعلامي اعلاميه الاعلامي
    الاعلاميه صحفيا صحافيا اعلاميا""".split()  # noqa: SIM905
)
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "وهذا", "وهذه", "ذلك", "تلك"})

# Tokens that end an event name.
_NAME_STOP = frozenset(
    """
    اعماله اعمالها امس اليوم غدا خلال يوم يومي الذي التي الذين اللذين والذي والتي بمشاركه
    بحضور برءاسه برعايه تحت بمقر بمدينه بالعاصمه اكثر نحو حوالي وذلك حيث بهدف لبحث لمناقشه
    لتعزيز لدراسه وسط ضمن بتنظيم قد كان كانت ان انه انها مساء صباح الجاري المقبل القادم
    الماضي المنصرم الاخير هذا هذه الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت يناير
    فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر جانفي فيفري افريل
    ماي جوان جويليه اوت بين الطرفين والذين الي علي عبر وفق وفقا ممثلون ممثلين بشكل من لدي
    وقد ثم اذ كما ايضا وتشارك وشارك ويشارك بالتعاون بعنوان بعد قبل منذ حتي ظل اطار اعلن
    اعلنت اكد اكدت قال قالت اشار اشارت اوضح اوضحت افاد افادت كشف كشفت خلالها خلاله بالتنسيق
    يتم تم سيتم ستتم هو هي هم وهو وهي وهم المنعقده المنعقد المقامه المقام المزمع المقرر
    المرتقب المرتقبه والمنعقده الجاريه
    """.split()  # noqa: SIM905
)
_NAME_KEEP_AFTER_STOP = frozenset({"بين"})  # "المشترك بين بلدان" stays in a name
_TRAILING_FUNCTION = frozenset({"في", "عن", "من", "علي", "حول", "و", "ل", "ب", "مع", "الي", "بين"})
_KEY_DROP = frozenset(
    {"في", "عن", "من", "علي", "حول", "و", "ل", "ب", "مع", "الي", "بين", "دوره", "نسخه", "جوله"}
)
_RECURRING = frozenset({"سنوي", "سنويه", "دوري", "دوريه"})

_ORDINAL_WORDS = frozenset(
    w2
    for w in """اول اولي ثاني ثانيه ثالث ثالثه رابع رابعه خامس خامسه سادس سادسه سابع سابعه
    ثامن ثامنه تاسع تاسعه عاشر عاشره حادي حاديه عشر عشره عشرون عشرين ثلاثون ثلاثين اربعون
    اربعين خمسون خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين ماءه مءه""".split()  # noqa: SIM905
    for w2 in (w, "ال" + w, "وال" + w)
)

# Words of sport reports (not of politics: "هدف" is also an aim, "مقابلة" an interview).
_SPORT_WORDS = frozenset(
    """مباراه مباريات المباراه بمباراه لمباراه الدوري دوري لاعب اللاعب لاعبين اللاعبين لاعبي
    لاعبا المنتخب منتخب البطوله بطوله ببطوله الملعب ملعب بملعب المدرب مدرب لكره كره الكره
    القدم النادي نادي الترجي الصفاقسي النجم الساحلي كاس الكاس التتويج الودي كلاسيكو التنس
    للتنس الملاكمه للملاكمه الاولمبيه الاولمبي للرياضه الرياضه الرياضي الرياضيه الاحباء
    جماهير الجماهير الكاف الفيفا المنستيري ميركاتو الليغا الليجا التشكيله الفريقين للفريقين
    ريال مقابلات الجوله""".split()  # noqa: SIM905
)
_SPORT_MIN = 3

_BOILERPLATE_END = (
    ("اقرا", "ايضا"),
    ("مقالات", "مشابهه"),
    ("مقالات", "ذات", "صله"),
    ("اخبار", "ذات", "صله"),
    ("اخبار", "متعلقه"),
    ("مواضيع", "ذات", "صله"),
    ("المصدر",),
    ("كلمات", "دلاليه"),
    ("الكلمات", "الدلاليه"),
    ("اخترنا", "لك"),
    ("شاهد", "ايضا"),
    ("تابعونا",),
    ("اترك", "تعليقا"),
    ("يمكنك", "مشاركه"),
    ("ذات", "صله"),
)


def _build_event_lexicon() -> dict[str, tuple]:
    """normalized token -> tags: ("noun", kind, cut, definite) / ("head", base, cut, definite)
    / ("ref", kind) / ("edition", cut) / ("verb", class)."""
    lex: dict[str, list[tuple]] = {}

    def put(form: str, tag: tuple) -> None:
        lst = lex.setdefault(form, [])
        if tag not in lst:
            lst.append(tag)

    for base, kind in _KIND_NOUNS.items():
        for form, (cut, definite) in _noun_forms(base).items():
            put(form, ("noun", kind, cut, definite))
    for head in _TWO_WORD:
        for form, (cut, definite) in _noun_forms(head).items():
            put(form, ("head", head, cut, definite))
    for base, kind in _REF_NOUNS.items():
        for form, (_cut, definite) in _noun_forms(base).items():
            if definite:
                put(form, ("ref", kind))
    for base in _EDITION_NOUNS:
        for form, (cut, _definite) in _noun_forms(base).items():
            put(form, ("edition", cut))
    for form, cls_name in _VERBS.items():
        put(form, ("verb", cls_name))
    for kind, words in _CONTACT_VERBS.items():
        for word in words.split():
            for p in ("", "و", "ف"):
                put(p + word, ("noun", kind, len(p), False))
                put(p + word, ("verb", "meet"))
    for form in _PARTICIPANT_CUES:
        put(form, ("pcue",))
    for form in _SPORT_WORDS:
        if form not in lex:
            lex[form] = [("sport",)]
    return {k: tuple(v) for k, v in lex.items()}


_EVENT_LEX = _build_event_lexicon()
