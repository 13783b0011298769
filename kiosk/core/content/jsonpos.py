"""A JSON reader that remembers where every value and key sits in the file.

The standard ``json`` module gives values but forgets positions, so a schema error could only name the file.
Curators need the line and column of the offending value, so this small recursive-descent reader records the
offset of every value (and of every object key) under its path, e.g. ``("slides", 2, "body", "ru")``. It also
reports duplicate keys, which ``json`` silently collapses.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

Path = tuple[str | int, ...]

_WS = re.compile(r"[ \t\n\r]*")
_NEWLINE = re.compile("\n")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
# Reads one string at a time; strict, so a raw line break inside a string is an error as in any JSON file.
_STRING_DECODER = json.JSONDecoder(strict=True)


class JsonSyntaxError(ValueError):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class LocatedJson:
    """A parsed document with the offset of each value and key, and a way to turn offsets into line/column."""

    text: str
    value: object = None
    value_offsets: dict[Path, int] = field(default_factory=dict)
    key_offsets: dict[Path, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, int]] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]  # 10x the old loop
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def locate(self, path: Path, *, prefer_key: bool = False) -> tuple[int, int]:
        """Line/column of the value at ``path``, or of its nearest existing ancestor."""
        probe = tuple(path)
        while True:
            if prefer_key and probe in self.key_offsets:
                return self.line_column(self.key_offsets[probe])
            if probe in self.value_offsets:
                return self.line_column(self.value_offsets[probe])
            if not probe:
                return 1, 1
            probe = probe[:-1]

    def get(self, path: Path) -> object:
        """The value at ``path``; KeyError when there is none."""
        node = self.value
        for part in path:
            node, found = child(node, part)
            if not found:
                raise KeyError(path)
        return node


def child(node: object, part: str | int) -> tuple[object, bool]:
    """The value under ``part`` of a JSON object or list, and whether there is one."""
    if isinstance(node, dict) and part in node:
        return node[part], True
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part], True
    return None, False


def parse(text: str) -> LocatedJson:
    """Parse ``text`` strictly (no comments, no trailing commas), raising JsonSyntaxError with an offset."""
    doc = LocatedJson(text=text)
    if text.startswith("\ufeff"):
        # Windows editors often save a byte-order mark; tolerate it rather than confuse the curator.
        text = " " + text[1:]
        doc.text = text
    parser = _Parser(text, doc)
    end = parser.skip_ws(0)
    if end == len(text):
        raise JsonSyntaxError("the file is empty: expected a JSON object", end)
    doc.value, end = parser.value(end, ())
    end = parser.skip_ws(end)
    if end != len(text):
        raise JsonSyntaxError("unexpected text after the end of the JSON value", end)
    return doc


class _Parser:
    def __init__(self, text: str, doc: LocatedJson):
        self.text = text
        self.doc = doc

    def skip_ws(self, pos: int) -> int:
        whitespace = _WS.match(self.text, pos)
        return whitespace.end() if whitespace else pos

    def value(self, pos: int, path: Path) -> tuple[object, int]:
        text = self.text
        pos = self.skip_ws(pos)
        self.doc.value_offsets[path] = pos
        if pos >= len(text):
            raise JsonSyntaxError("unexpected end of file: a value is missing", pos)
        ch = text[pos]
        if ch == "{":
            return self.obj(pos + 1, path)
        if ch == "[":
            return self.array(pos + 1, path)
        if ch == '"':
            return self.string(pos)
        for literal, result in (("true", True), ("false", False), ("null", None)):
            if text.startswith(literal, pos):
                return result, pos + len(literal)
        match = _NUMBER.match(text, pos)
        if match and match.end() > pos:
            number = match.group()
            is_float = match.group(1) or match.group(2)
            try:
                return (float(number) if is_float else int(number)), match.end()
            except ValueError:  # int() refuses more than 4300 digits
                raise JsonSyntaxError("this number is far too long", pos) from None
        if ch in "'":
            raise JsonSyntaxError('strings must use double quotes "...", not single quotes', pos)
        if ch in "}]":
            raise JsonSyntaxError(f"unexpected '{ch}': a value is missing (trailing comma?)", pos)
        if text.startswith("//", pos) or text.startswith("/*", pos):
            raise JsonSyntaxError("comments are not allowed in JSON", pos)
        raise JsonSyntaxError(f"unexpected character {ch!r}: expected a value", pos)

    def string(self, pos: int) -> tuple[str, int]:
        """The string whose opening quote is at ``pos``, and the offset after its closing quote."""
        decoded: str  # a JSON value that starts with a double quote is a string
        try:
            decoded, end = _STRING_DECODER.raw_decode(self.text, pos)
        except json.JSONDecodeError as exc:
            offset, message = exc.pos, exc.msg
            if "Invalid control character" in message:
                message = "a line break or control character inside a string (use \\n, or close the quote)"
            elif "Unterminated string" in message:
                message = "a string is not closed with a double quote"
            raise JsonSyntaxError(message, offset) from None
        return decoded, end

    def obj(self, pos: int, path: Path) -> tuple[dict[str, object], int]:
        text = self.text
        result: dict[str, object] = {}
        pos = self.skip_ws(pos)
        if pos < len(text) and text[pos] == "}":
            return result, pos + 1
        while True:
            pos = self.skip_ws(pos)
            if pos >= len(text):
                raise JsonSyntaxError("unexpected end of file: an object is not closed with '}'", pos)
            if text[pos] == "}":
                raise JsonSyntaxError("trailing comma before '}'", pos)
            if text[pos] != '"':
                self.refuse_comment(pos)
                raise JsonSyntaxError("expected a key in double quotes", pos)
            key_offset = pos
            key, pos = self.string(pos)
            child = (*path, key)
            if key in result:
                self.doc.duplicate_keys.append((child, key_offset))
            self.doc.key_offsets[child] = key_offset
            pos = self.skip_ws(pos)
            if pos >= len(text) or text[pos] != ":":
                raise JsonSyntaxError(f"expected ':' after the key \"{key}\"", pos)
            result[key], pos = self.value(pos + 1, child)
            pos = self.skip_ws(pos)
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if pos < len(text) and text[pos] == "}":
                return result, pos + 1
            if pos >= len(text):
                raise JsonSyntaxError("unexpected end of file: an object is not closed with '}'", pos)
            self.refuse_comment(pos)
            raise JsonSyntaxError("expected ',' or '}' after a value (missing comma?)", pos)

    def array(self, pos: int, path: Path) -> tuple[list[object], int]:
        text = self.text
        result: list[object] = []
        pos = self.skip_ws(pos)
        if pos < len(text) and text[pos] == "]":
            return result, pos + 1
        while True:
            pos = self.skip_ws(pos)
            if pos < len(text) and text[pos] == "]":
                raise JsonSyntaxError("trailing comma before ']'", pos)
            item, pos = self.value(pos, (*path, len(result)))
            result.append(item)
            pos = self.skip_ws(pos)
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if pos < len(text) and text[pos] == "]":
                return result, pos + 1
            if pos >= len(text):
                raise JsonSyntaxError("unexpected end of file: a list is not closed with ']'", pos)
            self.refuse_comment(pos)
            raise JsonSyntaxError("expected ',' or ']' after a list item (missing comma?)", pos)

    def refuse_comment(self, pos: int) -> None:
        if self.text.startswith(("//", "/*"), pos):
            raise JsonSyntaxError("comments are not allowed in JSON", pos)
