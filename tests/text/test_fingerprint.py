"""The same story from two outlets is recognised; different stories are not."""

from archive.text.arabic import ArabicAnalyzer
from archive.text.fingerprint import (
    NEAR_DUPLICATE_JACCARD,
    SIGNATURE_BINS,
    bands,
    bands_and_signature,
    estimated_jaccard,
    jaccard,
    signature,
    word_shingles,
)
from tests.conftest import SEEDS


def shingles(text):
    """The shingles of a text's words as the vector's analysis gives them (as ingest
    computes them, archive.search.analyze_article)."""
    return word_shingles([token.normalized for token in ArabicAnalyzer.default().analyze(text)])


def _seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_a_lightly_edited_copy_is_a_near_duplicate():
    original = _seed("002")
    # Another outlet: its own first line, a sentence dropped, a different ending.
    copy = "نقلا عن وكالة الأنباء\n" + original.replace("صورة ارشيفية\n", "") + "\nللمزيد تابعونا."
    a, b = shingles(original), shingles(copy)
    assert jaccard(a, b) >= NEAR_DUPLICATE_JACCARD
    assert set(bands(a)) & set(bands(b))
    assert estimated_jaccard(signature(a), signature(b)) >= NEAR_DUPLICATE_JACCARD


def test_different_stories_on_the_same_topic_are_not():
    a, b = shingles(_seed("002")), shingles(_seed("004"))
    assert jaccard(a, b) < 0.1
    assert not set(bands(a)) & set(bands(b))
    assert estimated_jaccard(signature(a), signature(b)) < 0.2


def test_bands_are_stable_and_fit_a_bigint():
    a = shingles(_seed("001"))
    assert bands(a) == bands(set(a))
    assert all(0 <= v < 2**63 for v in bands(a)) and len(bands(a)) == 8


def test_short_texts_get_no_fingerprint():
    assert bands(shingles("خبر قصير عن الإنتربول")) == []


def test_the_signature_estimates_jaccard_within_its_error():
    # Texts made of the seeds' sentences with a known overlap: the estimate from the
    # stored signatures stays within three standard errors of the exact Jaccard.
    sentences = [s for n in ("000", "001", "002", "003", "004") for s in _seed(n).split(".")]
    sentences = [s for s in sentences if len(s.split()) >= 4]
    whole = shingles(" . ".join(sentences))
    for keep in (0.3, 0.6, 0.9):
        part = shingles(" . ".join(sentences[: int(len(sentences) * keep)]))
        exact = jaccard(whole, part)
        estimate = estimated_jaccard(signature(whole), signature(part))
        error = 3 * (exact * (1 - exact) / SIGNATURE_BINS) ** 0.5 + 0.02
        assert abs(estimate - exact) <= error, (keep, exact, estimate)


def test_signatures_fit_a_bigint_and_short_texts_have_none():
    values = signature(shingles(_seed("001")))
    assert len(values) == SIGNATURE_BINS and all(-(2**63) <= v < 2**63 for v in values)
    assert signature(shingles("خبر قصير عن الإنتربول")) == []
    assert estimated_jaccard([], values) == 0.0


def test_ingest_gets_the_same_bands_and_signature_from_one_pass():
    # Ingest computes both at once (the coarse bins from the fine ones): a stored
    # fingerprint must equal what bands() gives, or lookups would miss their twins.
    for n in ("000", "001", "002", "003", "004"):
        a = shingles(_seed(n))
        assert bands_and_signature(a) == (bands(a), signature(a))
    assert bands_and_signature(set()) == ([], [])
