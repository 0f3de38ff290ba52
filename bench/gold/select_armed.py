"""Add to the gold set 40 articles that name armed or terrorist groups (run once).

Like select.py, the choice reads only the corpus's own fields and a plain word search,
never the extractor. An article is kept when its text (title + "\\n" + body, 200..3000
characters) matches one of GROUP_WORDS; its "matched word" is the first word of the list
that it contains. The 40 are drawn with a fixed seed, round-robin over the matched word
(in list order) and, within a word, round-robin over categories, so that neither one
group word nor one category fills the stratum. Articles already in the set (any stratum
of select.py: those chosen before it, so that a re-run prints the same lines) are skipped.

    python bench/gold/select_armed.py ../shared/corpora/ant-corpus.jsonl.gz >> bench/gold/selection.jsonl
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

GROUP_WORDS = [
    "داعش",
    "تنظيم الدولة",
    "الدولة الإسلامية",
    "القاعدة",
    "أنصار الشريعة",
    "عقبة بن نافع",
    "جند الخلافة",
    "بوكو حرام",
    "الشباب الصومالية",
    "حركة الشباب",
    "جبهة النصرة",
    "النصرة",
    "طالبان",
    "الحوثي",
    "حزب الله",
    "حماس",
    "المرابطون",
    "المرابطين",
    "أنصار الدين",
    "فجر ليبيا",
    "مجلس شورى",
    "التكفيري",
    "إرهابي",
]
GROUPS = re.compile("|".join(GROUP_WORDS))
COUNT = 40
STRATUM = "armed-group"


def main(path: str) -> None:
    rng = random.Random(20261208)
    skip = _select.chosen_ids(_select.STRATA)  # drawn before it
    by_word: dict[str, dict[str, list]] = {w: {} for w in GROUP_WORDS}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            a = json.loads(line)
            if f"ant-{n}" in skip:
                continue
            text = f"{a['title']}\n{a['body']}"
            if len(text) > MAX_CHARS or len(text) < 200 or not GROUPS.search(text):
                continue
            word = next(w for w in GROUP_WORDS if w in text)
            by_word[word].setdefault(a["category"] or "", []).append((n, a))
    chosen = _select.draw(by_word, GROUP_WORDS, COUNT, rng)
    for n, a in chosen:
        print(_select.selection_line(n, a, STRATUM))


if __name__ == "__main__":
    main(sys.argv[1])
