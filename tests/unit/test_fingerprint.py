"""The same story from two outlets is recognised; different stories are not."""

from archive.text.arabic import ArabicAnalyzer
from archive.text.fingerprint import NEAR_DUPLICATE_JACCARD, bands, jaccard, shingles
from tests.conftest import SEEDS

norm = ArabicAnalyzer.default().normalize


def _seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_a_lightly_edited_copy_is_a_near_duplicate():
    original = _seed("002")
    # Another outlet: its own first line, a sentence dropped, a different ending.
    copy = "نقلا عن وكالة الأنباء\n" + original.replace("صورة ارشيفية\n", "") + "\nللمزيد تابعونا."
    a, b = shingles(norm(original)), shingles(norm(copy))
    assert jaccard(a, b) >= NEAR_DUPLICATE_JACCARD
    assert set(bands(a)) & set(bands(b))


def test_different_stories_on_the_same_topic_are_not():
    a, b = shingles(norm(_seed("002"))), shingles(norm(_seed("004")))
    assert jaccard(a, b) < 0.1
    assert not set(bands(a)) & set(bands(b))


def test_bands_are_stable_and_fit_a_bigint():
    a = shingles(norm(_seed("001")))
    assert bands(a) == bands(set(a))
    assert all(0 <= v < 2**63 for v in bands(a)) and len(bands(a)) == 8


def test_short_texts_get_no_fingerprint():
    assert bands(shingles(norm("خبر قصير عن الإنتربول"))) == []
