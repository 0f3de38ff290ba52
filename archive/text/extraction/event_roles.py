"""Who organizes, hosts and takes part in the event: role cues and the names after them."""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from archive.text.extraction.lexicon import (
    _EVENT_LEX,
    _EVENTISH,
    _HOST_CUES,
    _ORGANIZER_CUES,
    _PARTICIPANT_CUES,
    _ROLE_OF_VERB,
    _SUBJECT_VERBS,
    _VERBS,
)
from archive.text.extraction.matcher import _Occ

if TYPE_CHECKING:  # the sentence features the meeting reader collects
    from archive.text.extraction.meeting import _Sent

_ROLE_WINDOW = 8
# every token that can be a role cue (the others are skipped)
_ROLE_TOKENS = frozenset(
    {w for w, c in _VERBS.items() if c in _ROLE_OF_VERB}
    | _PARTICIPANT_CUES
    | _HOST_CUES
    | _ORGANIZER_CUES
    | {"نطاق", "اشراف", "بين", "ذلك", "فيهم", "قبل", "الي", "تنظيمه", "تنظيمها"}
)


def _assign_roles(
    norms: list[str],
    s: _Sent,
    tok_range: tuple[int, int],
) -> list[tuple[_Occ, str]]:
    """Roles of the occurrences of one sentence from the cues before (or after) them."""
    occs = s.occs
    if not occs:
        return []
    lo, hi = tok_range
    n = len(norms)
    agreement = any(k == "agreement" for _, k, _c, _d in s.nouns)
    out: list[tuple[_Occ, str]] = []
    role: str | None = None
    anchor = -1  # the role reaches names starting within _ROLE_WINDOW tokens of this token
    pending: list[_Occ] = []
    since_cue: list[int] = []
    oi = 0
    cues = list(compress(range(lo, hi), map(_ROLE_TOKENS.__contains__, norms[lo:hi])))
    for t in (*cues, hi):
        while oi < len(occs) and occs[oi].i <= t:
            o = occs[oi]
            if role and o.i - anchor <= _ROLE_WINDOW:
                since_cue.append(len(out))
                out.append((o, role))
                anchor = o.j - 1
            else:
                role = None
                pending.append(o)
            oi += 1
        if t == hi:
            break
        w = norms[t]
        new_role = None
        subject_role = None
        for tg in _EVENT_LEX.get(w, ()):
            if tg[0] != "verb":
                continue
            cls_name = tg[1]
            r = _ROLE_OF_VERB.get(cls_name)
            if cls_name == "participate" and t + 2 < n and norms[t + 1] == "في":
                obj = norms[t + 2]
                otags = _EVENT_LEX.get(obj, ())
                if obj in ("تنظيمه", "تنظيمها", "تنظيم"):
                    r = "organizer"
                elif not (
                    obj in _EVENTISH
                    or any(x[0] in ("noun", "ref", "edition", "head") for x in otags)
                ):
                    r = None  # "يشارك في رئاسة المركز": no participation in the event
            if r:
                new_role = r
                if cls_name in _SUBJECT_VERBS:
                    subject_role = r
            break
        if w in _PARTICIPANT_CUES:
            new_role = "participant"
        elif w in _HOST_CUES:
            new_role = "host"
        elif (
            w in _ORGANIZER_CUES
            or (w == "نطاق" and norms[t - 1] == "في")
            or (w == "اشراف" and norms[t - 1] == "تحت")
        ):
            new_role = "organizer"
        elif w == "بين" and agreement:
            new_role = "participant"
        elif w in ("ذلك", "فيهم") and t > 1 and norms[t - 2] in ("بما", "بمن"):
            new_role = role or "participant"
        elif (
            role
            and t - anchor <= _ROLE_WINDOW
            and (
                (w == "قبل" and norms[t - 1] == "من") or (w == "الي" and norms[t - 1] == "بالاضافه")
            )
        ):
            anchor = t  # "تم تنظيم هذا الحدث بشكل مشترك من قبل X", "بالإضافة إلى X"
            continue
        elif w in ("تنظيمه", "تنظيمها") and norms[t - 1] == "في":
            # "شاركت X و Y في تنظيمه": the names since the participation cue organized it
            for idx in since_cue:
                o, r = out[idx]
                if r == "participant":
                    out[idx] = (o, "organizer")
            since_cue = []
            role = None
            continue
        if new_role:
            if subject_role and pending:
                # the names right before the verb are its subjects ("X و Y تعقدان")
                nxt = t
                subjects = []
                for o in reversed(pending):
                    if nxt - o.j > 2:
                        break
                    subjects.append(o)
                    nxt = o.i
                out.extend((o, subject_role) for o in reversed(subjects))
            pending = []
            role = new_role
            anchor = t
            since_cue = []
    return out
