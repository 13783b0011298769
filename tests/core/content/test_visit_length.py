"""A visit's default text is limited: each slide before More, and all chapters together in the default language."""

from pathlib import Path

from problemkit import broken, errors, line_of

from kiosk.core.content.model import ComparisonSlide, NarrativeSlide, adapter
from kiosk.core.content.visit_length import default_words


def words(n: int) -> str:
    return " ".join(["word"] * n)


def test_a_slide_over_the_limit_is_reported_at_the_slide_in_each_language_over_it(tmp_path: Path) -> None:
    def long_body(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"slide_default_words": 10}
        data["chapters/one.json"]["slides"][0]["body"] = {"en": words(11), "ru": words(10)}

    problems = [p for p in errors(broken(tmp_path, long_body)) if "before More" in p.message]
    [problem] = [p for p in problems if p.file == "chapters/one.json"]
    assert problem.field == "slides[0]"
    assert "11 words" in problem.message and "'en'" in problem.message and "the limit is 10" in problem.message
    assert problem.line == line_of(tmp_path / "chapters/one.json", '"id": "narrative"') - 1


def test_text_behind_more_is_not_counted(tmp_path: Path) -> None:
    def long_more(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"slide_default_words": 10, "chapters_default_words": 100}
        data["chapters/one.json"]["slides"][0]["more"] = {"en": words(500), "ru": words(500)}

    assert not [p for p in broken(tmp_path, long_more) if "before More" in p.message]


def test_all_chapters_together_are_held_to_the_visit_limit_in_the_default_language(tmp_path: Path) -> None:
    def short_visit(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"slide_default_words": 400, "chapters_default_words": 100}
        data["chapters/one.json"]["slides"][0]["body"] = {"en": words(60), "ru": words(5)}
        data["chapters/two.json"]["slides"][0]["commentary"] = {"en": words(60), "ru": words(5)}

    problems = [p for p in errors(broken(tmp_path, short_visit)) if "before More" in p.message]
    [problem] = problems
    assert problem.file == "exhibit.json" and problem.field == "limits.chapters_default_words"
    assert "'en'" in problem.message and "the limit for a visit is 100" in problem.message


def test_quotations_count_headings_and_labels_do_not() -> None:
    passage = {"source": "s", "locator": "l", "excerpt": "e"}
    narrative = adapter(NarrativeSlide).validate_python({
        "kind": "narrative", "id": "n", "heading": {"en": words(20)}, "body": {"en": words(3)},
        "image": {"src": "a.jpg", "kind": "illustration", "alt": {"en": "a"}, "caption": {"en": "c"},
                  "credit": {"en": "c"}},
        "based_on": [passage], "more": {"en": words(50)},
    })
    quote = {"text": {"en": words(7)}, "source": "s", "locator": "l", "attribution": {"en": words(9)}}
    comparison = adapter(ComparisonSlide).validate_python({
        "kind": "comparison", "id": "c", "heading": {"en": "h"}, "based_on": [passage],
        "left": {"label": {"en": words(4)}, "text": {"en": words(2)}},
        "right": {"label": {"en": words(4)}, "quote": quote},
        "conclusion": {"en": words(5)},
    })
    assert default_words(narrative, "en") == 3
    assert default_words(comparison, "en") == 2 + 7 + 5
