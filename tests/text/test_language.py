"""Language detection: Arabic, English, French, and "und" when there is nothing to go on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text.language import SAMPLE_CHARS, detect_language

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

ENGLISH = (
    "The United Nations Office of Counter-Terrorism said on Monday that cooperation between "
    "the two countries has improved, and that it will hold a joint workshop in Tunis."
)
FRENCH = (
    "Le ministre de l'Intérieur a annoncé lundi que la coopération antiterroriste avec "
    "l'Algérie sera renforcée dans les prochains mois, selon un communiqué."
)
ARABIC = "أكد الوزير أن التعاون الأمني بين البلدين في مجال مكافحة الإرهاب حقق نتائج ملموسة."


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_is_arabic(path):
    assert detect_language(path.read_text(encoding="utf-8")) == "ar"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ARABIC, "ar"),
        (ENGLISH, "en"),
        (FRENCH, "fr"),
        ("Counter-terrorism talks in Riyadh", "und"),  # no function words to tell by
        ("The talks are over.", "en"),
        ("Les pourparlers sont terminés.", "fr"),
        ("Die Regierung hat am Montag neue Maßnahmen gegen den Terrorismus beschlossen.", "und"),
        # seed 004 writes "الإسلامی" with a Persian yeh: still Arabic
        ("التحالف الإسلامی لمحاربة الإرهاب يوقع مذكرة تفاهم مع الأمم المتحدة", "ar"),
        ("سازمان ملل متحد روز دوشنبه اعلام کرد که همکاری در زمینه مبارزه با تروریسم بهبود یافته است.", "fa"),
        ("اقوام متحدہ نے پیر کو کہا کہ دونوں ممالک کے درمیان انسداد دہشت گردی کے تعاون میں بہتری آئی ہے۔", "ur"),
    ],
)  # fmt: skip
def test_languages(text, language):
    assert detect_language(text) == language


def test_mixed_text_goes_by_the_majority_script():
    arabic_with_english = f"{ARABIC} وقال المتحدث إن «Operation Shield» مستمرة. {ARABIC}"
    assert detect_language(arabic_with_english) == "ar"
    english_with_arabic_name = f"{ENGLISH} The minister, عبد الله, attended."
    assert detect_language(english_with_arabic_name) == "en"
    assert detect_language(f"{FRENCH} {ENGLISH} {FRENCH}") == "fr"


@pytest.mark.parametrize("text", ["", "   \n\t", "2019-12-20 10:30", "— … ! ?", "OK", "صح"])
def test_nothing_to_go_on_is_und(text):
    assert detect_language(text) == "und"


def test_only_the_start_of_a_long_text_is_read():
    text = ARABIC * 5 + ENGLISH * 10_000
    assert len(ARABIC * 5) < SAMPLE_CHARS
    long_text = ARABIC * 40 + ENGLISH * 100_000
    # The decision rests on the sample alone: what follows it cannot change the answer.
    assert detect_language(long_text) == detect_language(long_text[:SAMPLE_CHARS]) == "ar"
    assert detect_language(text) in ("ar", "en")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_text_gets_a_known_code(text):
    assert detect_language(text) in {"ar", "en", "fr", "fa", "ur", "und"}
