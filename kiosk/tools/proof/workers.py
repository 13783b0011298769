"""A proof run split across processes: each renders some of the screen shapes with a renderer of its own, reused
for all of its views (a QML engine belongs to one thread, and the checks hold Python's lock, so processes, not
threads), and draws those shapes' contact sheets. The parent merges what they found in the order one process
would have found it, so the report does not depend on how the work was split.

Shapes are split rather than languages: the check for untranslated text compares the languages of one view at
one shape, and the images a shape decodes serve every language of it.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from kiosk import paths
from kiosk.tools.proof.render import Shape
from kiosk.tools.proof.run import ProofResult

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Job:
    content_dir: Path
    media_roots: tuple[Path, ...] | None
    out: Path
    languages: tuple[str, ...]
    shapes: tuple[Shape, ...]
    only: tuple[str, ...] | None
    detail: frozenset[str] | None
    mounting_height_mm: float | None = None


def process_count(shapes: list[Shape], cpus: int | None) -> int:
    """How many processes to render ``shapes`` with: one per processor, at most one per shape. A frozen build
    renders in one: its executable cannot be started as a worker (that needs multiprocessing.freeze_support in
    the frozen entry point)."""
    if paths.is_frozen():
        return 1
    return max(1, min(len(shapes), cpus or 1))


def split_shapes(shapes: list[Shape], groups: int) -> list[list[Shape]]:
    """``shapes`` in ``groups`` of about equal work (pixels), largest first onto the least loaded group; each
    group keeps the given order. Deterministic."""
    loads = [0] * groups
    members: list[list[int]] = [[] for _ in range(groups)]
    for index in sorted(range(len(shapes)), key=lambda i: (-shapes[i].width * shapes[i].height, i)):
        lightest = min(range(groups), key=lambda g: (loads[g], g))
        loads[lightest] += shapes[index].width * shapes[index].height
        members[lightest].append(index)
    return [[shapes[i] for i in sorted(group)] for group in members if group]


def run_in_processes(
    content,
    out: Path,
    *,
    languages: list[str],
    shapes: list[Shape],
    processes: int,
    only: list[str] | None = None,
    progress=None,
    media_roots=None,
    detail: set[str] | None = None,
    mounting_height_mm: float | None = None,
    narration=None,
) -> ProofResult:
    """:func:`kiosk.tools.proof.run.run_proof` over ``processes`` processes (the content is loaded again in each, from
    ``content.root``). The contact sheets are drawn (``result.sheets``); the thumbnails stay in the workers."""
    from kiosk.core.content.sources import TextIndex
    from kiosk.tools.proof.run import add_narration, content_findings

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    groups = split_shapes(shapes, processes)
    context = multiprocessing.get_context("spawn")  # never fork a process that may have Qt running
    messages = context.Queue()
    workers = []
    for number, group in enumerate(groups):
        job = Job(
            Path(content.root), tuple(media_roots) if media_roots else None, out, tuple(languages), tuple(group),
            tuple(only) if only else None, frozenset(detail) if detail is not None else None, mounting_height_mm,
        )
        worker = context.Process(target=_work, args=(number, job, messages), name=f"kiosk-proof-{number}", daemon=True)
        worker.start()
        workers.append(worker)
    results: dict[int, ProofResult] = {}
    totals: dict[int, int] = {}
    bar, done = None, 0
    try:
        while len(results) < len(workers):
            try:
                number, kind, value = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [w.name for n, w in enumerate(workers) if n not in results and not w.is_alive()]
                if dead:
                    raise RuntimeError(f"proof worker {', '.join(dead)} stopped without a result") from None
                continue
            if kind == "total":
                totals[number] = value
                if progress is not None and len(totals) == len(workers):
                    bar = progress(sum(totals.values()))
                    if done:
                        bar.advance(done)
            elif kind == "shot":
                done += 1
                if bar is not None:
                    bar.advance()
            elif kind == "result":
                results[number] = value
            else:
                raise RuntimeError(f"proof worker {number} failed:\n{value}")
    finally:
        if bar is not None and hasattr(bar, "close"):
            bar.close()
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()
    merged = merge([results[n] for n in range(len(workers))], languages, shapes)
    index = TextIndex(content.root, content.languages)
    merged.findings[:0] = content_findings(index, merged.views, content.languages)
    merged.mounting_height_mm = mounting_height_mm
    add_narration(merged, content, narration)
    merged.seconds = time.perf_counter() - started
    return merged


def merge(parts: list[ProofResult], languages: list[str], shapes: list[Shape]) -> ProofResult:
    """One result from the workers' results, ordered as one process orders it: shape by shape as given."""
    first = parts[0]
    place = {shape.name: number for number, shape in enumerate(shapes)}
    language_place = {language: number for number, language in enumerate(languages)}
    merged = ProofResult(first.content_root, list(languages), list(shapes), first.views, first.detail,
                         first.screen_types)
    for part in parts:
        merged.shots += part.shots
        merged.findings += part.findings
        merged.qml_warnings += [w for w in part.qml_warnings if w not in merged.qml_warnings]
        merged.sheets += part.sheets
        merged.render_seconds = max(merged.render_seconds, part.render_seconds)
    # sorting is stable: within a shape, each worker's own order stands
    merged.shots.sort(key=lambda shot: place[shot.shape.name])
    merged.findings.sort(key=lambda finding: place.get(finding.shape, -1))
    merged.sheets.sort(key=lambda sheet: (place[sheet.shape], language_place[sheet.language]))
    return merged


def _work(number: int, job: Job, messages) -> None:
    """A worker process: load the content, render its shapes, draw their sheets, send the result back."""
    try:
        from kiosk.qt.offscreen import use_offscreen

        use_offscreen(keep_chosen=True)
        from kiosk.core.content.loader import load_content
        from kiosk.tools.proof.run import run_proof
        from kiosk.tools.proof.sheets import draw_sheets

        media_roots = list(job.media_roots) if job.media_roots else None
        content = load_content(job.content_dir, media_roots=media_roots)
        result = run_proof(
            content, job.out, languages=list(job.languages), shapes=list(job.shapes),
            only=list(job.only) if job.only else None, progress=_Reporter.factory(number, messages),
            media_roots=media_roots, detail=set(job.detail) if job.detail is not None else None,
            content_checks=False, mounting_height_mm=job.mounting_height_mm,
        )
        if result.views:
            result.sheets = draw_sheets(result, job.out)
        for shot in result.shots:
            shot.thumb = None  # drawn into the sheets already; not worth sending back
        messages.put((number, "result", result))
    except BaseException:  # whatever it was, the parent must hear of it rather than wait
        messages.put((number, "error", traceback.format_exc()))


class _Reporter:
    """The progress a worker reports to its parent: its total, then one message per image."""

    def __init__(self, number: int, messages):
        self.number, self.messages = number, messages

    @classmethod
    def factory(cls, number: int, messages):
        def make(total: int) -> _Reporter:
            messages.put((number, "total", total))
            return cls(number, messages)

        return make

    def advance(self) -> None:
        self.messages.put((self.number, "shot", 1))
