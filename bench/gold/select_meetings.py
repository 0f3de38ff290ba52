"""Add to the gold set 160 articles for the meetings measure (run once; committed).

Like select.py, the choice reads only the corpus's own fields and a plain word search,
never the extractor. An article (title + "\\n" + body, 200..3000 characters) is a
candidate when it contains one of EVENT_WORDS: the words of every kind of event the
meetings issue names (meeting, conference, summit, forum, workshop, signing, exercise,
training, visit, talks, call). Two strata: 110 that also name terrorism or security
("meeting-security-2", so that the held quarter holds enough events with security on
the agenda) and 50 that do not ("meeting-only-2": domestic meetings, festivals,
fixtures, past events, the non-events the measure needs). Within a stratum the draw is
round-robin over the matched word (list order) and, within a word, over categories,
with a fixed seed. Articles already in the set (any other stratum) are skipped.

    python bench/gold/select_meetings.py ../shared/corpora/ant-corpus.jsonl.gz >> bench/gold/selection.jsonl
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# bench/gold/select.py, loaded by path: "select" is also a standard-library module
_spec = importlib.util.spec_from_file_location("gold_select", os.path.join(HERE, "select.py"))
_select = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_select)
MAX_CHARS = _select.MAX_CHARS

EVENT_WORDS = [
    "اجتماع",
    "مؤتمر",
    "قمة",
    "ملتقى",
    "منتدى",
    "ندوة",
    "ورشة",
    "زيارة",
    "لقاء",
    "محادثات",
    "مكالمة",
    "اتصال هاتفي",
    "اتفاقية",
    "مذكرة تفاهم",
    "توقيع",
    "مناورات",
    "تمرين",
    "دورة تدريبية",
]
EVENTS = re.compile("|".join(EVENT_WORDS))
SECURITY = re.compile(r"إرهاب|ارهاب|داعش|تطرف|أمني|الأمن|عسكري|الدفاع")
STRATA = {  # name: (how many, test)
    "meeting-security-2": (110, lambda text: bool(SECURITY.search(text))),
    "meeting-only-2": (50, lambda text: not SECURITY.search(text)),
}


def main(path: str) -> None:
    rng = random.Random(20261209)
    skip = _select.chosen_ids({*_select.STRATA, "armed-group"})  # drawn before it
    pools = {name: {w: {} for w in EVENT_WORDS} for name in STRATA}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            a = json.loads(line)
            if f"ant-{n}" in skip:
                continue
            text = f"{a['title']}\n{a['body']}"
            if len(text) > MAX_CHARS or len(text) < 200 or not EVENTS.search(text):
                continue
            word = next(w for w in EVENT_WORDS if w in text)
            for name, (_count, test) in STRATA.items():
                if test(text):
                    pools[name][word].setdefault(a["category"] or "", []).append((n, a))
                    break
    for name, (count, _test) in STRATA.items():
        for n, a in _select.draw(pools[name], EVENT_WORDS, count, rng):
            print(_select.selection_line(n, a, name))


if __name__ == "__main__":
    main(sys.argv[1])
