"""A small, complete, valid exhibit written into a temporary folder, for tests to break in specific ways."""

from __future__ import annotations

import json
import wave
from pathlib import Path

from PIL import Image as PilImage

from kiosk.core.content.exhibit import UI_STRING_KEYS
from kiosk.core.content.schema import schema_reference

SOURCE_TEXT = (
    "Postscript: Stalin is too rude, and this fault, entirely supportable in relations among us Communists, "
    "becomes insupportable in the office of General Secretary.\n\nJanuary 4, 1923\n"
)


def t(en: str, ru: str | None = None) -> dict[str, str]:
    return {"en": en, "ru": ru if ru is not None else f"{en} (ru)"}


def image(src: str = "photos/paper.png", kind: str = "illustration") -> dict:
    return {
        "src": src,
        "kind": kind,
        "alt": t("A typed sheet of paper"),
        "caption": t("A typed sheet"),
        "credit": t("Illustration made for the exhibit"),
    }


def passage() -> dict:
    return {"source": "testament", "locator": "Postscript", "excerpt": "Stalin is too rude"}


def quote() -> dict:
    return {
        "text": t("Stalin is too rude, and this fault", "Сталин слишком груб, и этот недостаток"),
        "source": "testament",
        "locator": "Postscript",
        "attribution": t("V. I. Lenin, January 4, 1923"),
        "translations": {"ru": {"from_language": "en"}},
    }


def files() -> dict[str, dict]:
    """relative path -> JSON data of a minimal valid exhibit."""
    data = {
        "exhibit.json": {
            "id": "test-exhibit",
            "title": t("The Testament", "Завещание"),
            "subtitle": t("A test exhibit"),
            "languages": [{"code": "en", "name": "English"}, {"code": "ru", "name": "Русский"}],
            "default_language": "en",
            "chapters": ["one", "two"],
            "attract": {"images": [image()]},
            "credits": [{"role": t("Curator"), "text": t("The museum")}],
        },
        "strings.json": {"strings": {key: t(key.replace("_", " ")) for key in sorted(UI_STRING_KEYS)}},
        "sources/sources.json": {
            "sources": [
                {
                    "id": "testament",
                    "title": t("Letter to the Congress"),
                    "author": t("V. I. Lenin"),
                    "date": "1923-01-04",
                    "language": "en",
                    "citation": t("Lenin, letter, 1922-23"),
                    "text_file": "testament.en.txt",
                },
                {
                    "id": "article",
                    "title": t("An article"),
                    "author": t("L. Trotsky"),
                    "language": "en",
                    "citation": t("Trotsky, 1932"),
                    "external_file": "article.txt",
                },
            ]
        },
        "people.json": {
            "people": [
                {
                    "id": "stalin",
                    "name": t("Joseph Stalin", "Иосиф Сталин"),
                    "role": t("General Secretary"),
                    "bio": t("General Secretary of the party from 1922."),
                    "portrait": image(),
                    "based_on": [passage()],
                }
            ]
        },
        "timeline.json": {
            "start": "1922-09",
            "end": "1932-12",
            "eras": [{"id": "illness", "title": t("Illness"), "start": "1922-12", "end": "1923-03"}],
            "events": [
                {
                    "id": "postscript",
                    "date": "1923-01-04",
                    "title": t("The postscript"),
                    "body": t("Lenin adds a postscript."),
                    "based_on": [passage()],
                    "slide": "one/narrative",
                    "people": ["stalin"],
                }
            ],
        },
        "documents/testament.json": {
            "id": "testament",
            "title": t("The Testament"),
            "description": t("Lenin's letter"),
            "source": "testament",
            "translations": {"ru": {"from_language": "en"}},
            "facsimile": [image()],
            "parts": [
                {
                    "id": "postscript",
                    "title": t("Postscript"),
                    "date": "1923-01-04",
                    "date_label": t("January 4, 1923", "4 января 1923 г."),
                    "paragraphs": [
                        {
                            "id": "ps-1",
                            "text": t(
                                "Postscript: Stalin is too rude, and this fault",
                                "Добавление: Сталин слишком груб, и этот недостаток",
                            ),
                            "page": 1,
                            "mentions": [{"person": "stalin", "text": t("Stalin", "Сталин")}],
                        }
                    ],
                }
            ],
        },
        "chapters/one.json": {
            "id": "one",
            "title": t("Dictation"),
            "dates": t("December 1922"),
            "summary": t("Lenin dictates a letter."),
            "image": image(),
            "slides": [
                {
                    "id": "narrative",
                    "kind": "narrative",
                    "heading": t("A letter"),
                    "body": t("Lenin dictates a letter."),
                    "image": image(),
                    "based_on": [passage()],
                    "people": ["stalin"],
                },
                {
                    "id": "quote",
                    "kind": "quote",
                    "heading": t("The postscript"),
                    "quote": quote(),
                    "based_on": [passage()],
                },
            ],
        },
        "chapters/two.json": {
            "id": "two",
            "title": t("Reading"),
            "dates": t("May 1924"),
            "summary": t("The letter is read."),
            "image": image(),
            "slides": [
                {
                    "id": "excerpt",
                    "kind": "document",
                    "heading": t("The text"),
                    "document": "testament",
                    "paragraphs": ["ps-1"],
                    "commentary": t("The words."),
                    "based_on": [passage()],
                },
                {
                    "id": "compare",
                    "kind": "comparison",
                    "heading": t("Two versions"),
                    "left": {"label": t("Story"), "text": t("A story.")},
                    "right": {"label": t("Document"), "quote": quote()},
                    "based_on": [passage()],
                },
            ],
        },
    }
    for relpath, document in data.items():
        document["$schema"] = schema_reference(relpath)
    return data


def write_content(root: Path, data: dict[str, dict] | None = None, *, with_media: bool = True) -> Path:
    data = files() if data is None else data
    for relpath, document in data.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "testament.en.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    if with_media:
        photos = root / "media" / "photos"
        photos.mkdir(parents=True, exist_ok=True)
        PilImage.new("RGB", (64, 48), (239, 230, 210)).save(photos / "paper.png")
    return root


def write_wav(path: Path, seconds: float = 0.5, rate: int = 16_000) -> Path:
    """A curator's recording: a quiet square tone, 16-bit mono."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = int(rate * seconds)
    tone = b"".join((1000 if (n // 20) % 2 else -1000).to_bytes(2, "little", signed=True) for n in range(frames))
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(tone)
    return path


def retitle(root: Path, title: str) -> None:
    """Edit the exhibit's English title in a written content folder, as a curator would."""
    exhibit = root / "exhibit.json"
    data = json.loads(exhibit.read_text(encoding="utf-8"))
    data["title"]["en"] = title
    exhibit.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
