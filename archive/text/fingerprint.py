"""Near-duplicate fingerprints: MinHash over word shingles, banded for lookup (no Django).

Two outlets running the same agency story produce texts whose 3-word shingles overlap
heavily (Jaccard ≥ ~0.6) while unrelated articles share almost none. Each text gets
NUM_HASHES MinHash values; BANDS bands of ROWS values each are hashed into one 63-bit
integer apiece. Articles sharing a band are candidates (an indexed array overlap), and
candidates are confirmed by their exact shingle Jaccard. With 8 bands of 2 rows, a pair
at Jaccard 0.6 shares a band with probability 1 - (1 - 0.36)^8 ≈ 0.97; unrelated pairs
almost never do.
"""

from __future__ import annotations

import hashlib
import re
import struct

SHINGLE = 3
ROWS, BANDS = 2, 8
NUM_HASHES = ROWS * BANDS
NEAR_DUPLICATE_JACCARD = 0.6
MIN_WORDS = 40  # shorter texts are too thin to call near-duplicates

_MASK = (1 << 64) - 1
_SALTS = [
    int.from_bytes(hashlib.blake2b(bytes([i]), digest_size=8).digest(), "big")
    for i in range(NUM_HASHES)
]
_WORD = re.compile(r"[^\W_]+")


def shingles(normalized_text: str) -> set[int]:
    """64-bit hashes of the text's overlapping 3-word shingles (text already normalized)."""
    words = _WORD.findall(normalized_text)
    if len(words) < MIN_WORDS:
        return set()
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        digest = hashlib.blake2b(" ".join(words[i : i + SHINGLE]).encode(), digest_size=8).digest()
        out.add(int.from_bytes(digest, "big"))
    return out


def bands(shingle_set: set[int]) -> list[int]:
    """BANDS integers (fit a PostgreSQL bigint); [] when the text is too short."""
    if not shingle_set:
        return []
    mins = [min((s ^ salt) & _MASK for s in shingle_set) for salt in _SALTS]
    out = []
    for b in range(BANDS):
        packed = struct.pack(f">{ROWS}Q", *mins[b * ROWS : (b + 1) * ROWS])
        value = int.from_bytes(hashlib.blake2b(packed + bytes([b]), digest_size=8).digest(), "big")
        out.append(value >> 1)  # non-negative 63-bit
    return out


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
