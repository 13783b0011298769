"""A document excerpt on a slide is limited in words, so the typed text fits the slide."""

from pathlib import Path

from problemkit import broken, line_of


def test_an_excerpt_over_the_limit_is_reported_at_the_slides_paragraph_list(tmp_path: Path) -> None:
    def tiny_limit(data: dict) -> None:
        data["exhibit.json"]["limits"] = {"document_excerpt_words": 10}
        paragraph = data["documents/testament.json"]["parts"][0]["paragraphs"][0]
        paragraph["text"]["en"] = (
            "Postscript: Stalin is too rude, and this fault, entirely supportable in relations among us Communists"
        )

    problems = broken(tmp_path, tiny_limit)
    [problem] = [p for p in problems if "words of the document" in p.message and p.message.count("'en'")]
    assert problem.file == "chapters/two.json"
    assert problem.field == "slides[0].paragraphs"
    assert problem.line == line_of(tmp_path / "chapters/two.json", '"paragraphs"')
    assert "the limit is 10" in problem.message


def test_an_excerpt_within_the_limit_passes(tmp_path: Path) -> None:
    problems = broken(tmp_path)
    assert not [p for p in problems if "words of the document" in p.message]
