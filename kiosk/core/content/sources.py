"""Where a text shown on screen comes from: its content file, field path, line and column.

The proof sheets and the curator overlay find problems in rendered items (a heading that does not fit, a caption
too small); a curator needs to know what to edit. :class:`TextIndex` reads the content folder's JSON files with
positions (:mod:`kiosk.core.content.jsonpos`) and finds, for a string shown in a language, the field it was taken
from: exactly, through an interface string with placeholders ("{n} of {m}"), or as the longest content text
contained in it (a quotation between quote marks, an attribution after a dash).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from kiosk.core.content import jsonpos
from kiosk.core.content.parsed import field_path
from kiosk.core.content.scan import image_objects

JsonPath = tuple[str | int, ...]

# keys whose string values are identifiers or file names, never shown as text
_NOT_SHOWN = frozenset(
    {
        "$schema", "id", "src", "kind", "source", "text_file", "external_file", "document", "slide", "person",
        "from_language", "code", "style", "default_language", "sort_name",
    }
)
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9/_-]*$")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|table)\b[^>]*>", re.IGNORECASE)
_HIDDEN = re.compile(r"<(style|head|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
MIN_CONTAINED = 8  # a content text shorter than this is not looked for inside a longer shown text
MIN_PART = 30  # a shown text shorter than this is not looked for inside a longer content text (a date would be)


MIN_SIMILAR = 40  # texts at least this long are matched by their words when they do not match exactly
SIMILAR = 0.85  # share of words in common (Jaccard) for a match
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _WORD.findall(text))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def normalise(text: str) -> str:
    """What a string says, for comparison: rich-text tags and entities resolved, spaces collapsed."""
    if "<" in text and ">" in text:
        text = _HIDDEN.sub(" ", text)
        text = _BLOCK_TAG.sub(" ", text)  # a line or paragraph break separates words; inline tags (a link) do not
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


def parse_field_path(text: str) -> JsonPath:
    """"slides[2].body.ru" -> ("slides", 2, "body", "ru") (the inverse of parsed.field_path)."""
    path: list[str | int] = []
    for part in re.finditer(r"\[(\d+)\]|([^.\[\]]+)", text):
        path.append(int(part.group(1)) if part.group(1) is not None else part.group(2))
    return tuple(path)


@dataclass(frozen=True)
class FieldRef:
    """A place in the content: file, field path (with the language), line and column."""

    file: str
    path: JsonPath
    line: int
    column: int

    @property
    def field(self) -> str:
        return field_path(self.path)

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column} {self.field}"


@dataclass(frozen=True)
class TextNode:
    """A text in every language ({"en": ..., "ru": ...}) at ``path`` of ``file``."""

    file: str
    path: JsonPath
    values: dict[str, str]


@dataclass(frozen=True)
class Match:
    ref: FieldRef
    node: TextNode | None  # None for a plain string (a name written once for all languages)
    how: str  # "exact", "template", "contains" (the content text is inside the shown one) or "part"


@dataclass(frozen=True)
class _Entry:
    file: str
    path: JsonPath  # of the string itself (including the language key for a text)
    language: str | None
    text: str  # normalised
    node: TextNode | None


class TextIndex:
    """Every visitor-facing string of a content folder, findable by what it says."""

    def __init__(self, root: Path, languages: list[str]):
        self.root = Path(root)
        self.languages = list(languages)
        self.documents: dict[str, jsonpos.LocatedJson] = {}
        self.nodes: list[TextNode] = []
        self._entries: list[_Entry] = []
        self._exact: dict[tuple[str | None, str], list[_Entry]] = {}
        self._templates: list[tuple[re.Pattern[str], _Entry]] = []
        self._by_file: dict[str, list[_Entry]] = {}
        self._cache: dict[tuple[str, str, tuple[str, JsonPath] | None], Match | None] = {}
        self._word_cache: dict[int, frozenset[str]] = {}
        self._images: list[tuple[str, JsonPath, dict[str, Any]]] | None = None
        for path in sorted(self.root.glob("*.json")) + sorted(self.root.glob("chapters/*.json")) + sorted(
            self.root.glob("documents/*.json")
        ):
            relpath = path.relative_to(self.root).as_posix()
            try:
                located = jsonpos.parse(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, jsonpos.JsonSyntaxError, RecursionError):
                continue  # the validator reports it; nothing to index
            self.documents[relpath] = located
            self._walk(relpath, located.value, ())

    # --- building --------------------------------------------------------------------------------------------

    @property
    def images(self) -> list[tuple[str, JsonPath, dict[str, Any]]]:
        """Every image entry of the content (a dict with "src" and "credit"): (file, path, entry)."""
        if self._images is None:
            self._images = []
            for file, located in self.documents.items():
                self._images.extend(
                    (file, path, node) for path, node in image_objects(located.value) if "credit" in node
                )
        return self._images

    def _is_text(self, node: object) -> TypeGuard[dict[str, str]]:
        return (
            isinstance(node, dict)
            and bool(node)
            and all(isinstance(k, str) and k in self.languages for k in node)
            and all(isinstance(v, str) for v in node.values())
        )

    def _walk(self, file: str, node: object, path: JsonPath) -> None:
        if self._is_text(node):
            text_node = TextNode(file, path, dict(node))
            self.nodes.append(text_node)
            for language, value in node.items():
                self._add(_Entry(file, (*path, language), language, normalise(value), text_node), value)
            return
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _NOT_SHOWN and not isinstance(value, dict | list):
                    continue
                self._walk(file, value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._walk(file, value, (*path, index))
        elif isinstance(node, str):
            text = normalise(node)
            if text and not _IDENTIFIER.match(text) and any(ch.isalpha() for ch in text):
                self._add(_Entry(file, path, None, text, None), node)

    def _add(self, entry: _Entry, raw: str) -> None:
        if not entry.text:
            return
        self._entries.append(entry)
        self._by_file.setdefault(entry.file, []).append(entry)
        self._exact.setdefault((entry.language, entry.text), []).append(entry)
        if _PLACEHOLDER.search(raw):
            parts = _PLACEHOLDER.split(normalise(raw))
            pattern = "(.{1,24}?)".join(re.escape(p) for p in parts)  # a number, a date, a short name
            self._templates.append((re.compile(f"^{pattern}$", re.DOTALL), entry))

    # --- finding ---------------------------------------------------------------------------------------------

    def ref(self, file: str, path: JsonPath) -> FieldRef:
        located = self.documents.get(file)
        line, column = located.locate(tuple(path)) if located else (1, 1)
        return FieldRef(file, tuple(path), line, column)

    def _match(self, entry: _Entry, how: str) -> Match:
        return Match(self.ref(entry.file, entry.path), entry.node, how)

    def locate(self, shown: str, language: str, prefer: tuple[str, JsonPath] | None = None) -> Match | None:
        """The content field ``shown`` (a string on screen in ``language``) was taken from, or None. Among equal
        candidates, one in ``prefer`` (a file and a path prefix: the view's own content) wins."""
        text = normalise(shown)
        if not text:
            return None
        key = (text, language, prefer)
        if key not in self._cache:
            found = self._locate(text, language, prefer)
            if found is None:
                # shown in another language: a missing translation falls back to the default language
                for other in self.languages:
                    if other != language:
                        found = self._locate(text, other, prefer)
                        if found is not None and found.node is not None and language not in found.node.values:
                            found = Match(found.ref, found.node, "other-language")
                            break
                        found = None
            self._cache[key] = found
        return self._cache[key]

    def _rank(self, entry: _Entry, prefer: tuple[str, JsonPath] | None) -> int:
        if prefer is None:
            return 2
        file, prefix = prefer
        if entry.file == file and entry.path[: len(prefix)] == prefix:
            return 0
        return 1 if entry.file == file else 2

    def _best(self, entries: list[_Entry], prefer: tuple[str, JsonPath] | None) -> _Entry:
        """The candidate nearest to ``prefer`` among ``entries`` (not empty)."""
        return min(entries, key=lambda e: self._rank(e, prefer))

    def _locate(self, text: str, language: str, prefer: tuple[str, JsonPath] | None) -> Match | None:
        exact = self._exact.get((language, text), []) + self._exact.get((None, text), [])
        if exact:
            return self._match(self._best(exact, prefer), "exact")
        for pattern, entry in self._templates:
            if entry.language in (language, None) and pattern.match(text):
                return self._match(entry, "template")
        pools = [self._by_file.get(prefer[0], []), self._entries] if prefer else [self._entries]
        if len(text) >= MIN_SIMILAR:
            # a long text shown with marks added (note numbers, a name made a link): the most similar one
            words = _words(text)
            for pool in pools:
                low, high = len(text) * 0.6, len(text) * 1.6
                scored = [
                    (similarity(words, self._words(e)), e)
                    for e in pool
                    if e.language in (language, None) and low <= len(e.text) <= high
                ]
                best_score = max((score for score, _ in scored), default=0.0)
                if best_score >= SIMILAR:
                    tied = [e for score, e in scored if score == best_score]
                    return self._match(self._best(tied, prefer), "similar")
        for pool in pools:
            candidates = [e for e in pool if e.language in (language, None)]
            inside = [e for e in candidates if len(e.text) >= MIN_CONTAINED and e.text in text]
            if inside:
                longest = max(len(e.text) for e in inside)
                return self._match(self._best([e for e in inside if len(e.text) == longest], prefer), "contains")
            if len(text) >= MIN_PART:
                around = [e for e in candidates if text in e.text]
                if around:
                    return self._match(self._best(around, prefer), "part")
        return None

    def _words(self, entry: _Entry) -> frozenset[str]:
        words = self._word_cache.get(id(entry))
        if words is None:
            words = self._word_cache[id(entry)] = _words(entry.text)
        return words

    def occurs_in(self, text: str, language: str) -> bool:
        """Whether ``text`` is (exactly) some content text in ``language`` or a language-free string."""
        text = normalise(text)
        return bool(self._exact.get((language, text)) or self._exact.get((None, text)))

    def nodes_under(self, file: str, prefix: JsonPath) -> list[TextNode]:
        return [n for n in self.nodes if n.file == file and n.path[: len(prefix)] == tuple(prefix)]


