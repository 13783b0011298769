"""Proving quotations verbatim: what normalising forgives, and how a mismatch is explained."""

from __future__ import annotations

import pytest

from kiosk.core.content.quotes import Mismatch, find_mismatch, normalise

SOURCE = (
    "Stalin is too rude, and this fault, entirely supportable in relations among us Communists,\n"
    "becomes insupportable in the office of General Secretary.   Therefore I propose to the comrades\n\n"
    "to find a way to remove Stalin from that position."
)

# --- normalise ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a \t b\n\nc  ", "a b c"),
        ("\u201cquoted\u201d \u201eGerman\u201c \u00abRussian\u00bb", '"quoted" "German" "Russian"'),
        ("it\u2019s \u2018single\u2019 \u201alow\u2019", "it's 'single' 'low'"),
        (
            "1923\u20131924 \u2014 dash \u2012 fig \u2011 nb \u2010 hy \u2212 minus",
            "1923-1924 - dash - fig - nb - hy - minus",
        ),
        ("no\u00a0break\u202fnarrow\u2009thin\u2007figure", "no break narrow thin figure"),
        ("sup\u00adport\u00adable", "supportable"),  # soft hyphens vanish
        ("6\u20323\u2033 and \u02bcapostrophe", "6'3\" and 'apostrophe"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_keeps_letters_case_and_ellipsis() -> None:
    # Words, capitals and the ellipsis matter: only keyboard-versus-print differences are forgiven.
    assert normalise("Stalin STALIN stalin \u2026 ...") == "Stalin STALIN stalin \u2026 ..."


def test_normalise_is_idempotent() -> None:
    once = normalise("\u201cA\u201d \u2014  b\u00a0c\u00ad")
    assert normalise(once) == once


# --- find_mismatch: what is accepted -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "Stalin is too rude",
        "Stalin is too rude, and this fault, entirely supportable in relations among us Communists, becomes",
        "insupportable in the office of General Secretary. Therefore I propose",  # runs of spaces collapse
        "comrades to find a way",  # a paragraph break in the source is just a space
        "  Stalin   is\ntoo rude  ",
        "Stalin is too rude \u2026 General Secretary.",
        "Stalin is too rude ... General Secretary.",
        "Stalin is too rude...General Secretary.",
        "\u2026 among us Communists \u2026",
        "Stalin \u2026 rude \u2026 fault \u2026 remove Stalin",
        "\u2026",  # an ellipsis alone has nothing to prove
    ],
)
def test_verbatim_quotes_are_accepted(quote: str) -> None:
    assert find_mismatch(quote, SOURCE) is None


def test_typographic_and_straight_punctuation_match_either_way() -> None:
    typeset = "He wrote \u201cthe \u2018testament\u2019\u201d \u2014 it\u2019s short."
    straight = "He wrote \"the 'testament'\" - it's short."

    assert find_mismatch(straight, typeset) is None
    assert find_mismatch(typeset, straight) is None
    assert find_mismatch("it\u2019s short", straight) is None


def test_soft_hyphen_and_no_break_space_in_the_source_are_forgiven() -> None:
    assert find_mismatch("entirely supportable", "entirely\u00a0sup\u00adportable") is None


# --- find_mismatch: what is refused, and how it is explained ------------------------------------------------


def test_one_changed_word_names_the_nearest_mismatch() -> None:
    mismatch = find_mismatch("Stalin is too crude, and this fault", SOURCE)

    assert mismatch == Mismatch(
        matched="Stalin is too",
        quote_continues="crude, and this fault",
        source_continues="rude, and this fault, entirely supportable in relations amon",  # 60 characters
    )


def test_mismatch_is_reported_at_a_word_boundary() -> None:
    # "rud" matches "rude" letter by letter; the report still starts at the whole word.
    mismatch = find_mismatch("Stalin is too rudely frank", SOURCE)

    assert mismatch is not None
    assert mismatch.matched == "Stalin is too"
    assert mismatch.quote_continues == "rudely frank"
    assert mismatch.source_continues.startswith("rude, and this fault")


def test_a_change_late_in_a_long_quote_is_found_there() -> None:
    quote = "entirely supportable in relations among us Communists, becomes tolerable in the office"
    mismatch = find_mismatch(quote, SOURCE)

    assert mismatch is not None
    assert mismatch.matched.endswith("among us Communists, becomes")
    assert mismatch.quote_continues == "tolerable in the office"
    assert mismatch.source_continues.startswith("insupportable in the office")


def test_case_matters() -> None:
    mismatch = find_mismatch("stalin is too rude", SOURCE)

    assert mismatch is not None
    assert mismatch.matched == ""
    assert mismatch.quote_continues == "stalin is too rude"


def test_a_quote_not_in_the_source_at_all() -> None:
    mismatch = find_mismatch("Trotsky is too clever", SOURCE)

    assert mismatch == Mismatch(matched="", quote_continues="Trotsky is too clever", source_continues="")
    assert mismatch.describe() == "not found in the source: no passage starts like \u201cTrotsky is too clever\u201d"


def test_the_piece_after_an_ellipsis_is_checked_too() -> None:
    mismatch = find_mismatch("Stalin is too rude \u2026 the office of General Director", SOURCE)

    assert mismatch is not None
    assert mismatch.matched == "the office of General"
    assert mismatch.quote_continues == "Director"
    assert mismatch.source_continues.startswith("Secretary.")


def test_ellipsis_pieces_must_appear_in_order() -> None:
    mismatch = find_mismatch("General Secretary \u2026 Stalin is too rude", SOURCE)

    # "Stalin is too rude" is only before "General Secretary"; after it, only the later "Stalin" matches.
    assert mismatch == Mismatch(matched="Stalin", quote_continues="is too rude", source_continues="from that position.")


def test_an_omission_without_an_ellipsis_is_refused() -> None:
    mismatch = find_mismatch("Stalin is too rude, entirely supportable", SOURCE)

    assert mismatch is not None
    assert mismatch.matched == "Stalin is too rude,"
    assert mismatch.quote_continues == "entirely supportable"
    assert mismatch.source_continues.startswith("and this fault")


def test_an_empty_source_proves_nothing() -> None:
    assert find_mismatch("Stalin", "") == Mismatch(matched="", quote_continues="Stalin", source_continues="")


def test_describe_shows_the_last_words_that_matched_and_both_continuations() -> None:
    mismatch = Mismatch(
        matched="one two three four five six seven eight nine ten eleven twelve",
        quote_continues="thirteen fourteen fifteen sixteen seventeen",
        source_continues="13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28",
    )

    # The tail of what matched (40 characters) and the first 30 characters of each continuation.
    assert mismatch.describe() == (
        "differs from the source after \u201c\u2026e six seven eight nine ten eleven twelve\u201d: the quote has "
        "\u201cthirteen fourteen fifteen sixt\u201d where the source has \u201c13 14 15 16 17 18 19 20 21 22 \u201d"
    )
