"""Choose the articles of the extraction gold set from the ANT corpus (run once; committed).

The choice reads only the corpus's own fields and plain word searches, never the
extractor: a fixed-seed sample per stratum, so that the set holds every category, articles
that report a meeting, articles that only mention a meeting word, and security news.

    python bench/gold/select.py ../shared/corpora/ant-corpus.jsonl.gz > bench/gold/selection.jsonl
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import sys

MEETING = re.compile(
    r"اجتماع|مؤتمر|قمة|ملتقى|منتدى|ندوة|ورشة|زيارة|لقاء|محادثات|اتفاقية|مذكرة تفاهم|مناورات|تمرين"
)
SECURITY = re.compile(r"إرهاب|ارهاب|داعش|القاعدة|تطرف|أمني|الأمن")
STRATA = {  # name: (how many, test)
    "meeting+security": (50, lambda a: MEETING.search(a) and SECURITY.search(a)),
    "meeting-word": (45, lambda a: MEETING.search(a) and not SECURITY.search(a)),
    "security": (30, lambda a: SECURITY.search(a) and not MEETING.search(a)),
    "other": (35, lambda a: not MEETING.search(a) and not SECURITY.search(a)),
}
SELECTION = os.path.join(os.path.dirname(os.path.abspath(__file__)), "selection.jsonl")
MAX_CHARS = 3000  # a reader labels every name; very long articles are left out


def chosen_ids(strata, selection: str = SELECTION) -> set[str]:
    """The ids selection.jsonl holds in these strata (those drawn before a later
    selector, which skips them: a re-run then prints the same lines)."""
    ids = set()
    with open(selection, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["stratum"] in strata:
                ids.add(row["id"])
    return ids


def held_aside(article_id: str) -> bool:
    """A quarter of the set, fixed by the id's hash: never tuned on."""
    return hashlib.sha256(article_id.encode()).digest()[0] < 64


def selection_line(n: int, article: dict, stratum: str) -> str:
    """One line of selection.jsonl: the corpus's n-th article, its stratum and split."""
    article_id = f"ant-{n}"
    out = {
        "id": article_id,
        "stratum": stratum,
        "split": "held" if held_aside(article_id) else "dev",
    }
    out.update(
        {k: article[k] for k in ("url", "title", "body", "published_at", "source", "category")}
    )
    return json.dumps(out, ensure_ascii=False)


def draw(
    pool: dict[str, dict[str, list]], words: list[str], count: int, rng: random.Random
) -> list:
    """`count` articles of ``pool`` ({word: {category: [(n, article)]}}): round-robin over
    the words (in list order) and, within a word, over its shuffled categories."""
    queues: dict[str, list] = {}
    for word in words:
        cats = pool[word]
        for items in cats.values():
            rng.shuffle(items)
        order = sorted(cats)
        rng.shuffle(order)
        queue = []
        while any(cats.values()):
            for cat in order:
                if cats[cat]:
                    queue.append(cats[cat].pop())
        queues[word] = queue
    chosen = []
    while len(chosen) < count and any(queues.values()):
        for word in words:
            if queues[word] and len(chosen) < count:
                chosen.append(queues[word].pop(0))
    return chosen


def main(path: str) -> None:
    rng = random.Random(20261207)
    pools: dict[str, list] = {name: [] for name in STRATA}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            a = json.loads(line)
            text = f"{a['title']}\n{a['body']}"
            if len(text) > MAX_CHARS or len(text) < 200:
                continue
            for name, (_count, test) in STRATA.items():
                if test(text):
                    pools[name].append((n, a))
                    break
    for name, (count, _test) in STRATA.items():
        pool = pools[name]
        # one category never fills a stratum: draw round-robin over categories
        by_cat: dict[str, list] = {}
        for item in pool:
            by_cat.setdefault(item[1]["category"] or "", []).append(item)
        for items in by_cat.values():
            rng.shuffle(items)
        chosen = []
        while len(chosen) < count and any(by_cat.values()):
            for cat in sorted(by_cat):
                if by_cat[cat] and len(chosen) < count:
                    chosen.append(by_cat[cat].pop())
        for n, a in chosen:
            print(selection_line(n, a, name))


if __name__ == "__main__":
    main(sys.argv[1])
