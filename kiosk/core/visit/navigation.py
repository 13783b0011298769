"""Where the visitor is, how they got there, and where they can go: the exhibit's navigation, without Qt.

A :class:`Location` is a value (screen + what it shows), so history is a plain list of them and any
location can be opened directly by a deep link ("chapter/dictation/the-letter", "person/krupskaya").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum


class Screen(str, Enum):
    ATTRACT = "attract"
    HOME = "home"
    CHAPTER = "chapter"
    DOCUMENT = "document"
    TIMELINE = "timeline"
    PEOPLE = "people"
    PERSON = "person"
    MYTH = "myth"


READING_SCREENS = frozenset({Screen.DOCUMENT})


@dataclass(frozen=True)
class Location:
    screen: Screen
    item: str = ""  # chapter id, person id or document id
    index: int = 0  # slide index within a chapter, or paragraph index within a document

    @property
    def link(self) -> str:
        parts = [self.screen.value, self.item, str(self.index)] if self.item else [self.screen.value]
        return "/".join(parts)


@dataclass(frozen=True)
class Link:
    """A deep link taken apart: "document/testament/letter-7" is (DOCUMENT, "testament", "letter-7")."""

    screen: Screen
    item: str = ""
    position: str = ""  # a slide or paragraph number, or a paragraph id

    @property
    def index(self) -> int | None:
        """The position as a number (0 when there is none); None when it is not a number."""
        try:
            return int(self.position) if self.position else 0
        except ValueError:
            return None


def parse_link(link: str) -> Link | None:
    """The parts of a deep link such as "chapter/dictation/2" or "person/stalin"; None for an unknown screen."""
    screen, item, position, *_ = [*link.strip("/").split("/"), "", ""]
    try:
        return Link(Screen(screen), item, position)
    except ValueError:
        return None


ATTRACT = Location(Screen.ATTRACT)
HOME = Location(Screen.HOME)
MAX_HISTORY = 50  # a visitor never needs more; the bound keeps a day of unattended use from growing


class Navigator:
    """The visitor's position and history. Chapters are given as (id, slide count) in story order."""

    def __init__(self, chapters: Sequence[tuple[str, int]], on_change: Callable[[Location], None] | None = None):
        self._chapters = list(chapters)
        self._history: list[Location] = []
        self._location = ATTRACT
        self._on_change = on_change

    # --- reading state ---------------------------------------------------------------------------------

    @property
    def location(self) -> Location:
        return self._location

    @property
    def can_go_back(self) -> bool:
        return bool(self._history)

    def chapter_index(self, chapter_id: str) -> int:
        return next((i for i, (cid, _) in enumerate(self._chapters) if cid == chapter_id), -1)

    def slide_count(self, chapter_id: str) -> int:
        index = self.chapter_index(chapter_id)
        return self._chapters[index][1] if index >= 0 else 0

    @property
    def next_chapter(self) -> str | None:
        if self._location.screen is not Screen.CHAPTER:
            return None
        index = self.chapter_index(self._location.item)
        return self._chapters[index + 1][0] if 0 <= index < len(self._chapters) - 1 else None

    # --- moving ----------------------------------------------------------------------------------------

    def begin(self) -> None:
        """From Attract to Home: the start of a visit."""
        self._history.clear()
        self._set(HOME)

    def go(self, location: Location) -> bool:
        """Open a location, remembering the current one for Back. False if it does not exist."""
        target = self._clamped(location)
        if target is None:
            return False
        if target == self._location:
            return True
        if self._location.screen is not Screen.ATTRACT:
            self._history.append(self._location)
            del self._history[:-MAX_HISTORY]
        self._set(target)
        return True

    def open_link(self, link: str) -> bool:
        """Open a deep link such as "chapter/dictation/2", "person/stalin" or "timeline"."""
        parsed = parse_link(link)
        if parsed is None or parsed.index is None:
            return False
        return self.go(Location(parsed.screen, parsed.item, parsed.index))

    def home(self) -> None:
        self.go(HOME)

    def back(self) -> bool:
        if not self._history:
            if self._location != HOME and self._location.screen is not Screen.ATTRACT:
                self._set(HOME)
                return True
            return False
        self._set(self._history.pop())
        return True

    def show_slide(self, index: int) -> bool:
        """Move within the current chapter (a swipe): not a history step, so Back leaves the chapter."""
        location = self._location
        if location.screen is not Screen.CHAPTER or not 0 <= index < self.slide_count(location.item):
            return False
        if index != location.index:
            self._set(replace(location, index=index))
        return True

    def next_slide(self) -> bool:
        return self.show_slide(self._location.index + 1)

    def previous_slide(self) -> bool:
        return self.show_slide(self._location.index - 1)

    def set_position(self, index: int) -> None:
        """Remember a position within the current screen (reading position), without a history step."""
        if index != self._location.index and index >= 0:
            self._set(replace(self._location, index=index))

    def select(self, item: str) -> None:
        """Remember what the timeline has open (an event id, or "" for none), without a history step."""
        if self._location.screen is Screen.TIMELINE and item != self._location.item:
            self._set(replace(self._location, item=item))

    def open_next_chapter(self) -> bool:
        following = self.next_chapter
        return following is not None and self.go(Location(Screen.CHAPTER, following, 0))

    def reset(self) -> None:
        """End of a visit: back to Attract with no history."""
        self._history.clear()
        self._set(ATTRACT)

    def replace_chapters(self, chapters: Sequence[tuple[str, int]]) -> None:
        """New content: keep the visitor where they are if that place still exists, else go Home."""
        self._chapters = list(chapters)
        self._history = [loc for loc in (self._clamped(h) for h in self._history) if loc is not None]
        current = self._clamped(self._location)
        self._set(current if current is not None else HOME)

    # --- internals -------------------------------------------------------------------------------------

    def _clamped(self, location: Location) -> Location | None:
        if location.screen is Screen.CHAPTER:
            count = self.slide_count(location.item)
            if count == 0:
                return None
            return replace(location, index=min(max(location.index, 0), count - 1))
        if location.screen in (Screen.PERSON, Screen.DOCUMENT) and not location.item:
            return None
        return location

    def _set(self, location: Location) -> None:
        self._location = location
        if self._on_change:
            self._on_change(location)
