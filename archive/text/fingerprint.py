"""Near-duplicate fingerprints: MinHash over word shingles, banded for lookup (no Django).

Two outlets running the same agency story produce texts whose 3-word shingles overlap
heavily (Jaccard ≥ ~0.6) while unrelated articles share almost none. Each text gets
NUM_HASHES MinHash values by one-permutation hashing (Li, Owen and Zhang 2012): every
shingle hash is sent to one of NUM_HASHES bins by its top bits and each bin keeps its
smallest hash, so a text is hashed once instead of once per hash function, and two texts
agree on a bin with probability about their Jaccard similarity. BANDS bands of ROWS
values each are hashed into one 63-bit integer apiece (a band holding an empty bin is
left out). Articles sharing a band are candidates (an indexed array overlap). With 8
bands of 2 rows, a pair at Jaccard 0.6 shares a band with probability
1 - (1 - 0.36)^8 ≈ 0.97; unrelated pairs almost never do.

Candidates are confirmed by the Jaccard similarity estimated from a finer signature of
SIGNATURE_BINS one-permutation MinHash values, stored with the article, so confirming
never re-reads nor re-analyses another article's text: the share of bins (non-empty in
either) where two signatures agree estimates their Jaccard similarity, within about
±0.06 (one standard error) around the threshold.

A shingle's hash is computed from its three words' hashes (each word hashed once per
text), so the cost is one multiplication per shingle rather than one digest.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections.abc import Sequence

SHINGLE = 3
ROWS, BANDS = 2, 8
NUM_HASHES = ROWS * BANDS
NEAR_DUPLICATE_JACCARD = 0.6
SIGNATURE_BINS = 64
MIN_WORDS = 40  # shorter texts are too thin to call near-duplicates

_MASK = (1 << 64) - 1
_EMPTY = 1 << 64  # above any hash: a bin no shingle fell into
# Odd 64-bit multipliers (the golden ratio's and two of SplitMix64's): the shingle hash
# a*K1 + b*K2 + c is uniform because the word hash c is, and order-sensitive.
_K1, _K2 = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9


# Word hashes of a batch: the same words recur from one text to the next.
@functools.lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")


def word_shingles(words: Sequence[str]) -> set[int]:
    """64-bit hashes of the overlapping 3-word shingles of a normalized word sequence."""
    if len(words) < MIN_WORDS:
        return set()
    seq = [_word_hash(word) for word in words]
    k1, k2, mask = _K1, _K2, _MASK
    return {(a * k1 + b * k2 + c) & mask for a, b, c in zip(seq, seq[1:], seq[2:], strict=False)}


def _minima(shingle_set: set[int] | frozenset[int], bins: int) -> list[int]:
    """One-permutation MinHash: each shingle hash goes to one of `bins` bins (a power of
    two) by its top bits; each bin keeps its smallest hash (_EMPTY if none fell in)."""
    mins = [_EMPTY] * bins
    shift = 64 - (bins - 1).bit_length()
    for s in shingle_set:
        b = s >> shift
        if s < mins[b]:
            mins[b] = s
    return mins


def bands(shingle_set: set[int] | frozenset[int]) -> list[int]:
    """At most BANDS integers (fit a PostgreSQL bigint); [] when the text is too short."""
    if not shingle_set:
        return []
    return _bands(_minima(shingle_set, NUM_HASHES))


def bands_and_signature(shingle_set: set[int] | frozenset[int]) -> tuple[list[int], list[int]]:
    """bands() and signature() of a text from one pass over its shingles: a bin of
    NUM_HASHES is the union of SIGNATURE_BINS // NUM_HASHES consecutive signature bins
    (the next bits of the same hash), so its minimum is theirs."""
    if not shingle_set:
        return [], []
    fine = _minima(shingle_set, SIGNATURE_BINS)
    step = SIGNATURE_BINS // NUM_HASHES
    coarse = [min(fine[i : i + step]) for i in range(0, SIGNATURE_BINS, step)]
    return _bands(coarse), _signature(fine)


def _bands(mins: list[int]) -> list[int]:
    out = []
    for b in range(BANDS):
        rows = mins[b * ROWS : (b + 1) * ROWS]
        if _EMPTY in rows:
            continue  # an empty bin says nothing about the text
        packed = struct.pack(f">{ROWS}Q", *rows)
        value = int.from_bytes(hashlib.blake2b(packed + bytes([b]), digest_size=8).digest(), "big")
        out.append(value >> 1)  # non-negative 63-bit
    return out


_EMPTY_BIN = -(1 << 63)  # a signature bin no shingle fell into (PostgreSQL's smallest bigint)


def signature(shingle_set: set[int] | frozenset[int]) -> list[int]:
    """SIGNATURE_BINS MinHash values (signed 64-bit, to fit a PostgreSQL bigint);
    [] when the text is too short."""
    if not shingle_set:
        return []
    return _signature(_minima(shingle_set, SIGNATURE_BINS))


def _signature(mins: list[int]) -> list[int]:
    # The bin is in the top bits: the low 63 bits (offset to be signed) are what differs.
    low = (1 << 63) - 1
    return [_EMPTY_BIN if m == _EMPTY else (m & low) - (1 << 62) for m in mins]


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity of two texts estimated from their signatures."""
    if len(a) != SIGNATURE_BINS or len(b) != SIGNATURE_BINS:
        return 0.0
    empty = _EMPTY_BIN
    used = agree = 0
    for x, y in zip(a, b, strict=True):
        if x == empty and y == empty:
            continue
        used += 1
        agree += x == y
    return agree / used if used else 0.0


def jaccard(a: set[int] | frozenset[int], b: set[int] | frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)
