"""What the timeline shows: every event in date order on two lanes, the era bands and the year ticks, on a
time scale that widens where events crowd.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from kiosk.core.content.exhibit import Content
from kiosk.core.content.model import (
    Event,
    PartialDate,
    SourcePassage,
)
from kiosk.core.presentation.dates import format_date, month_label
from kiosk.core.presentation.slides import View, slide_label, text_in

EVENT_KEYS = (
    "eventId",
    "index",
    "dateLabel",
    "title",
    "body",
    "cardX",  # left edge of the card, in card widths from the timeline's start
    "axisX",  # where the date is on the axis, same units
    "lane",
    "sources",
    "slideLink",
    "slideLabel",
    "people",
)
ERA_KEYS = ("eraId", "title", "begin", "span", "row")  # begin and span in card widths
TICK_KEYS = ("at", "label", "year", "major", "room")  # room: to the next tick (or the end), in card widths

LANES = 2
CARD_GAP = 0.12  # between cards in one lane, in card widths
MIN_MONTH = 0.14  # an empty month, in card widths: a year without events is under two cards wide


def _month_number(date: PartialDate) -> int:
    year, month, _ = date.sort_key
    return year * 12 + max(month, 1) - 1


def _month_of(number: int) -> tuple[int, int]:
    return number // 12, number % 12 + 1


@dataclass(frozen=True)
class TimeScale:
    """Time to position: every month has its own width (in card widths), wide where events crowd and narrow
    where nothing happens; within a month, days are spaced evenly. Months are the bands of the scale."""

    first: int  # month number of the first month
    starts: tuple[float, ...]  # x of each month's start; one more entry for the end

    @property
    def width(self) -> float:
        return self.starts[-1]

    def x(self, date: PartialDate) -> float:
        month = min(max(_month_number(date) - self.first, 0), len(self.starts) - 2)
        year, number = _month_of(month + self.first)
        day = date.sort_key[2]
        fraction = (day - 1) / calendar.monthrange(year, number)[1] if day else 0.0
        return self.starts[month] + fraction * (self.starts[month + 1] - self.starts[month])

    def month_start(self, month_number: int) -> float:
        return self.starts[min(max(month_number - self.first, 0), len(self.starts) - 1)]


def time_scale(start: PartialDate, end: PartialDate, dates: list[PartialDate]) -> TimeScale:
    first, last = _month_number(start), _month_number(end)
    counts = [0] * (last - first + 1)
    for date in dates:
        counts[min(max(_month_number(date) - first, 0), len(counts) - 1)] += 1
    need = [n * (1 + CARD_GAP) / LANES for n in counts]
    widths = []
    for i, own in enumerate(need):
        # half the width of a busy neighbour, so the scale steps rather than jumps between busy and empty months
        neighbours = max(need[i - 1] if i > 0 else 0.0, need[i + 1] if i + 1 < len(need) else 0.0)
        widths.append(max(MIN_MONTH, own, neighbours / 2))
    starts = [0.0]
    for width in widths:
        starts.append(starts[-1] + width)
    return TimeScale(first, tuple(starts))


def place_in_lanes(axis: list[float], lanes: int = LANES) -> list[tuple[float, int]]:
    """(x, lane) for cards one card wide whose dates are at ``axis`` (sorted): each goes in the lane where it
    can sit closest to its date without overlapping the card before it in that lane; ties go to the lane
    used longest ago, so neighbours alternate."""
    free = [float("-inf")] * lanes
    used = [-1] * lanes
    placed = []
    for i, x in enumerate(axis):
        lane = min(range(lanes), key=lambda k: (max(x, free[k]), used[k]))
        left = max(x, free[lane])
        free[lane] = left + 1 + CARD_GAP
        used[lane] = i
        placed.append((left, lane))
    return placed


def _passages(content: Content, passages: list[SourcePassage], language: str) -> list[View]:
    sources = {s.id: s for s in content.sources.sources}
    rows = []
    for passage in passages:
        source = sources.get(passage.source)
        rows.append(
            {
                "excerpt": passage.excerpt,
                "locator": passage.locator,
                "source": text_in(source.title, language, content) if source else passage.source,
                "author": text_in(source.author, language, content) if source else "",
                "citation": text_in(source.citation, language, content) if source else "",
                "otherLanguage": source is not None and source.language != language,
            }
        )
    return rows


def _people_names(content: Content, ids: list[str], language: str) -> list[View]:
    people = []
    for person_id in ids:
        person = content.person(person_id)
        if person is not None:
            people.append({"personId": person_id, "name": text_in(person.name, language, content)})
    return people


def sorted_events(content: Content) -> list[Event]:
    order = {id(e): i for i, e in enumerate(content.timeline.events)}
    return sorted(content.timeline.events, key=lambda e: (e.date.sort_key, order[id(e)]))


def timeline_layout(content: Content, language: str) -> View:
    """The timeline laid out: events (in date order, on ``LANES`` lanes), era bands, ticks, total width."""
    timeline = content.timeline
    events = sorted_events(content)
    scale = time_scale(timeline.start, timeline.end, [e.date for e in events])
    axis = [scale.x(e.date) for e in events]
    placed = place_in_lanes(axis)
    rows = []
    for index, (event, at, (left, lane)) in enumerate(zip(events, axis, placed, strict=True)):
        link, label = ("", "")
        if event.slide is not None:
            link, label = slide_label(content, event.slide.chapter, event.slide.slide, language)
        rows.append(
            {
                "eventId": event.id,
                "index": index,
                "dateLabel": format_date(event.date, language),
                "title": text_in(event.title, language, content),
                "body": text_in(event.body, language, content),
                "cardX": left,
                "axisX": at,
                "lane": lane,
                "sources": _passages(content, event.based_on, language),
                "slideLink": link,
                "slideLabel": label,
                "people": _people_names(content, event.people, language),
            }
        )
    eras: list[View] = []
    for era in timeline.eras:
        x0 = scale.month_start(_month_number(era.start))
        x1 = scale.month_start(_month_number(era.end) + (12 if era.end.precision == "year" else 1))
        eras.append({"eraId": era.id, "title": text_in(era.title, language, content), "begin": x0, "span": x1 - x0})
    # eras that overlap (one ends in the month the next begins) take turns between two rows
    for i, band in enumerate(eras):
        overlaps = i > 0 and eras[i - 1]["begin"] + eras[i - 1]["span"] > band["begin"] + 1e-9
        band["row"] = 1 - eras[i - 1]["row"] if overlaps else 0
    ticks: list[View] = []
    first, last = _month_number(timeline.start), _month_number(timeline.end)
    for number in range(first, last + 1):
        year, month = _month_of(number)
        wide = scale.month_start(number + 1) - scale.month_start(number) >= 0.3
        if month == 1 or number == first:
            ticks.append({"at": scale.month_start(number), "label": str(year), "year": year, "major": True})
        elif wide:
            ticks.append({"at": scale.month_start(number), "label": month_label(month, language), "year": year,
                          "major": False})
    width = scale.width + 1 + CARD_GAP
    # how far a tick's label may run: the screen leaves off a month's name where it would reach the next tick
    for tick, end in zip(ticks, [t["at"] for t in ticks[1:]] + [width], strict=True):
        tick["room"] = end - tick["at"]
    return {"events": rows, "eras": eras, "ticks": ticks, "width": width}


def event_index(content: Content, event_id: str) -> int:
    return next((i for i, e in enumerate(sorted_events(content)) if e.id == event_id), -1)
