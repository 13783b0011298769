"""A proof run: every view × language × shape rendered, checked, saved; the findings gathered for the report.

The loop is shape → language → view: a resize re-lays out everything and a language switch re-evaluates every
binding of every screen (both cost more than showing a view), so each happens once per pass. Frames are
written to PNG on worker threads (zlib releases the GIL) while the next view renders, unless the previous run
left the same pixels in the file (:mod:`kiosk.tools.proof.manifest`). :mod:`kiosk.tools.proof.workers` runs this in
several processes at once, each with its own shapes.
"""

from __future__ import annotations

import fnmatch
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.content.sources import TextIndex
from kiosk.core.content.waiting import waiting_slots
from kiosk.core.presentation.narration import ViewNarration, views_narration
from kiosk.core.presentation.screens import DETAIL_SCREENS, ProofView, proof_views
from kiosk.core.proof.findings import ERROR, WARNING, Finding
from kiosk.tools.proof import manifest
from kiosk.tools.proof.render import Renderer, Shape

THUMB_BOX = 360  # the longer side of a contact-sheet thumbnail, in pixels


@dataclass
class Shot:
    view: ProofView
    language: str
    shape: Shape
    path: str  # relative to the output folder, e.g. en/1920x1080/02-home.png
    thumb: object  # a Pillow image
    opened: bool
    blank: bool
    problems: int = 0  # findings of error severity on this shot
    warnings: int = 0
    record: dict = field(default_factory=dict)  # its entry in the manifest (kiosk.tools.proof.manifest)


@dataclass
class ProofResult:
    content_root: Path
    languages: list[str]
    shapes: list[Shape]
    views: list[ProofView]
    detail: set[str]
    screen_types: dict[str, str]
    shots: list[Shot] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    render_seconds: float = 0.0
    qml_warnings: list[str] = field(default_factory=list)
    sheets: list = field(default_factory=list)  # contact sheets already drawn (kiosk.tools.proof.sheets.Sheet)
    waiting: list[dict[str, str]] = field(default_factory=list)  # slots still waiting for a photograph
    mounting_height_mm: float | None = None  # rendered in low reach, the screen's bottom edge this high
    # (view name, language) -> what is spoken on it (kiosk.core.presentation.narration.ViewNarration)
    narration: dict[tuple[str, str], ViewNarration] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


def shot_path(language: str, shape: Shape, view: ProofView) -> str:
    return f"{language}/{shape.name}/{view.name}.png"


def select_views(views: list[ProofView], only: list[str] | None) -> list[ProofView]:
    if not only:
        return views
    return [v for v in views if any(fnmatch.fnmatch(v.name, pattern) or v.link == pattern for pattern in only)]


def run_proof(
    content,
    out: Path,
    *,
    languages: list[str],
    shapes: list[Shape],
    only: list[str] | None = None,
    progress=None,
    media_roots=None,
    renderer: Renderer | None = None,
    detail: set[str] | None = None,
    content_checks: bool = True,
    mounting_height_mm: float | None = None,
    narration=None,
) -> ProofResult:
    """Render and check every selected view; PNGs go to ``out``. ``renderer`` may be passed to reuse one;
    ``detail`` limits which screens get a view per item (default: every screen the interface has built);
    ``content_checks`` off leaves out the checks of the content files themselves (texts missing a language),
    which do not depend on the shapes: a process rendering some of the shapes leaves them to its parent; so is
    the narration of each view (``narration``: item id, language -> seconds or None; default: the kiosk's
    NarrationLibrary). ``mounting_height_mm`` renders in low reach and checks reach (kiosk.core.visit.reach)."""
    from kiosk.core.proof import checks

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    own_renderer = renderer is None
    renderer = renderer or Renderer(
        content, shape=shapes[0], media_roots=media_roots, start_language=languages[0],
        mounting_height_mm=mounting_height_mm,
    )
    index = TextIndex(content.root, content.languages)
    detail = set(DETAIL_SCREENS) if detail is None else set(detail) & DETAIL_SCREENS
    views = select_views(proof_views(content, detail), only)
    result = ProofResult(content.root, languages, shapes, views, detail, renderer.screen_types())
    result.waiting = waiting_slots(content)
    result.mounting_height_mm = mounting_height_mm
    if progress is not None:  # a factory: the total is known only now
        progress = progress(len(views) * len(languages) * len(shapes))
    roots = renderer.media_roots
    default = content.exhibit.default_language
    # two writers: a 4K frame takes ~0.1 s to encode, and one writer falls behind the renderer
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="proof-png")
    saving: list[tuple[Shot, object, Future]] = []
    findings = result.findings
    if content_checks:
        findings += content_findings(index, views, content.languages)
        add_narration(result, content, narration)
    previous = manifest.load(out)
    try:
        for shape in shapes:
            renderer.resize(shape)
            texts: dict[str, dict[str, list]] = {}  # view name -> language -> the texts it showed
            # languages outside views: a language switch re-evaluates every binding of every screen (~0.1 s)
            for language in languages:
                renderer.kiosk.setLanguage(language)
                for view in views:
                    shot, shot_findings, shown = _render_one(
                        renderer, view, language, shape, index, roots, out, pool, saving, previous,
                        mounting_height_mm,
                    )
                    result.shots.append(shot)
                    findings.extend(shot_findings)
                    texts.setdefault(view.name, {})[language] = [checks.ShownText.of(t) for t in shown]
                    if progress is not None:
                        progress.advance()
            for view in views:
                by_language = texts.get(view.name, {})
                if len(by_language) > 1 and default in by_language:
                    extra = checks.untranslated(by_language, default, index, view, shape.name)
                    for finding in extra:
                        finding.image = shot_path(finding.language, shape, view)
                    findings.extend(extra)
            renderer.leave_state()
        result.render_seconds = time.perf_counter() - started
        for shot, context, future in saving:
            shot.thumb, shot.blank, shot.record = future.result()
            if shot.blank:
                blank = checks.make_finding("render", ERROR, "the view rendered blank (one colour)", context)
                blank.image = shot.path
                findings.append(blank)
    finally:
        result.qml_warnings = list(renderer.app.warnings)
        pool.shutdown(wait=True)
        if progress is not None and hasattr(progress, "close"):
            progress.close()
        if own_renderer:
            renderer.close()
    for shot in result.shots:
        here = [f for f in findings if f.image == shot.path]
        shot.problems = sum(1 for f in here if f.severity == ERROR)
        shot.warnings = len(here) - shot.problems
    result.seconds = time.perf_counter() - started
    return result


def content_findings(index: TextIndex, views: list[ProofView], languages: list[str]) -> list[Finding]:
    """What the views' own content lacks, whatever it renders: a text missing a language (each field once)."""
    from kiosk.core.proof.checks import missing_languages

    found, seen = [], set()
    for view in views:
        for finding in missing_languages(index, view, languages):
            key = (finding.file, finding.field)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return found


def add_narration(result: ProofResult, content, seconds=None) -> None:
    """Each view's narration in each language (the audio column of the report), and a warning for each view
    that says less than it shows. ``seconds``: item id, language -> length or None (default: what the kiosk's
    player finds, kiosk.core.media.narration_library.NarrationLibrary)."""
    if seconds is None:
        from kiosk import paths
        from kiosk.core.media.narration_library import NarrationLibrary

        seconds = NarrationLibrary(content.root, paths.narration_dir()).seconds
    names = {view.name for view in result.views}
    for language in result.languages:
        for spoken in views_narration(content, language, seconds):
            if spoken.view not in names:
                continue
            result.narration[(spoken.view, language)] = spoken
            if spoken.missing:
                result.findings.append(
                    Finding(
                        "narration", WARNING,
                        f"no narration for {', '.join(spoken.missing)}"
                        + (" (nothing is spoken on this view)" if len(spoken.missing) == len(spoken.items) else ""),
                        view=spoken.view, language=language, text=", ".join(spoken.missing),
                    )
                )


def _render_one(
    renderer: Renderer, view, language, shape, index, roots, out, pool, saving, previous, mounting_height_mm=None
):
    from kiosk.core.proof.checks import Context, check_scene, make_finding
    from kiosk.qt.proof.frame import LazyBackground, QtFrame
    from kiosk.qt.proof.scene import collect

    opened = renderer.show(view, language)
    frame = renderer.settle()
    scene = collect(renderer.window, cache=renderer.items)
    context = Context(
        px_per_mm=shape.px_per_mm, language=language, view=view, index=index, media_roots=roots, shape=shape.name,
        min_target_mm=float(renderer.kiosk.minTargetMm), mounting_height_mm=mounting_height_mm,
    )
    background = LazyBackground(renderer.window, scene)
    findings = check_scene(scene, QtFrame(frame), context, background)
    path = shot_path(language, shape, view)
    if not opened:
        findings.append(make_finding("render", ERROR, f"the link {view.link!r} did not open", context))
    for finding in findings:
        finding.image = path
    shot = Shot(view, language, shape, path, None, opened, False)
    saving.append((shot, context, pool.submit(_save, frame, out, path, previous.get(path))))
    return shot, findings, scene.texts


def _save(frame, out: Path, path: str, previous: dict | None):
    """On a worker thread: the frame as PNG (unless the file already holds it) and its thumbnail for the contact
    sheet. Returns (thumb, blank, the file's manifest record)."""
    import hashlib

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from kiosk.core.proof.checks import blank_reason
    from kiosk.qt.proof.frame import to_pil
    from kiosk.tools.proof.pngfile import write_rgb

    rgb = frame.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    pixels = rgb.constBits()
    digest = hashlib.sha256(pixels).hexdigest()
    if not manifest.unchanged(out, path, digest, previous):
        write_rgb(out / path, width, height, pixels, stride=stride)
    del pixels, rgb
    # Qt's smooth scaling averages every pixel of the frame, in one pass, without a full-size copy
    thumb = to_pil(
        frame.scaled(
            THUMB_BOX, THUMB_BOX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    )
    return thumb, blank_reason(thumb) is not None, manifest.record(out, path, digest)
