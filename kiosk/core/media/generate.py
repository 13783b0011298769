"""``kiosk media generate``: draw the exhibit's generated art, deterministically and incrementally.

Output names are a contract -- content files reference them as ``generated/<name>``:

* ``facsimile/<lang>/testament-page-1.jpg``, ``…-page-2.jpg``, ``facsimile/<lang>/layout.json``: an English
  typescript and one in each language the testament is translated into
* ``chapters/<id>.jpg`` for :data:`CHAPTERS`
* ``motifs/<name>.jpg`` for :data:`MOTIFS`
* ``placard/placard-1927-en.jpg``, ``placard/placard-1927-ru.jpg``
* ``portraits/<person-id>-<lang>.jpg`` for each person in ``content/people.json``, in each language of the name
* ``attract/attract-1.jpg`` … ``attract-3.jpg``
* ``slots/<scene>.jpg`` for :data:`SLOT_SCENES`, the slots still waiting for an archival photograph

The art is opaque and drawn at the size the largest screen (4K) needs, so it is saved as high-quality JPEG
rather than PNG: a fifth of the bytes, the paper grain intact (:data:`JPEG_QUALITY`), and Qt decodes a JPEG
already scaled down (libjpeg's DCT scaling), so a thumbnail of a 4K picture costs little without renditions.

``manifest.json`` in the output folder records, per output, a hash of everything it is drawn from (generator
version, the drawing code, parameters, content text, font files). A run redraws only outputs that are
missing, stale or changed on disk; ``force`` redraws all. Work is spread over processes, largest first.
Every file is written atomically.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from kiosk.core.content.scan import read_json
from kiosk.core.media.atomic import save_image_atomic, write_text_atomic
from kiosk.core.media.fonts import font_hash
from kiosk.core.media.manifest import is_current, load_entries, save_entries

log = logging.getLogger(__name__)

GENERATOR_VERSION = 1  # bump to redraw every output
MANIFEST = "manifest.json"
# Chosen by eye against the lossless drawing, at 200 % and with the contrast stretched six times: on paper the
# mottle and fibres survive at 85. On the attract's night ground the mottle is as faint (about one grey level)
# but JPEG's 8-px blocks show in it first, so that family is saved at 92 (+0.45 MB).
JPEG_QUALITY = 85

CHAPTERS = ("introduction", "dictation", "the-reading", "suppression", "myth-and-document")
MOTIFS = (
    "typewriter", "locked-drawer", "council-of-elders", "delegations", "pravda", "newspaper-1926", "copies",
    "six-words", "kremlin", "exile", "stenographer", "letter-national-question",
)
PLACARD_LANGUAGES = ("en", "ru")
# Scenes for the slots still waiting for an archival photograph (placeholders.py)
SLOT_SCENES = ("kremlin-study", "congress-hall", "plenum-1926")
ATTRACT_COUNT = 3
TESTAMENT_TEXT = Path("sources") / "testament.en.txt"
PEOPLE_FILE = Path("people.json")
TESTAMENT_DOCUMENT = Path("documents") / "testament.json"

# The modules whose code every output depends on (textures, drawing kit, palette, fonts).
SHARED_MODULES = ("texture", "canvas", "palette", "fonts")


@dataclass(frozen=True)
class Family:
    module: str  # module in this package with a `draw(spec, size_factor)` function
    version: int  # bump to redraw the family
    fonts: tuple[str, ...] = ()
    size: tuple[int, int] = (0, 0)  # full-size pixels (0, 0: the module decides)
    quality: int = JPEG_QUALITY


FAMILIES: dict[str, Family] = {
    "facsimile-page": Family("facsimile_job", 2, ("mono",), (2480, 3508)),
    "facsimile-layout": Family("facsimile_job", 2, ("mono",)),
    "chapter": Family("chapters", 1, (), (3840, 2160)),
    "motif": Family("motifs", 1, ("serif-bold", "sans-bold", "mono"), (2400, 1800)),
    "placard": Family("placard", 1, ("narrow-bold",), (2400, 3200)),
    "portrait": Family("portraits", 2, ("serif-bold", "sans", "sans-bold"), (1800, 1800)),
    "attract": Family("attract", 1, ("mono",), (4800, 2160), quality=92),
    "placeholder": Family("placeholders", 2, (), (2400, 1800)),
}


@dataclass(frozen=True)
class Spec:
    """One output file and everything it is drawn from."""

    name: str  # path relative to the output folder, e.g. "chapters/dictation.jpg"
    family: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""  # the content text it depends on (testament text, a person's name and years)

    def size(self, size_factor: float = 1.0) -> tuple[int, int]:
        w, h = FAMILIES[self.family].size
        return max(8, round(w * size_factor)), max(8, round(h * size_factor))

    @property
    def cost(self) -> float:
        w, h = FAMILIES[self.family].size
        return w * h + len(self.text) * 200


@dataclass
class Report:
    generated: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- what to generate ---------------------------------------------------------------------------------------


class Person(TypedDict):
    id: str
    names: dict[str, str]  # language -> name
    years: str


def read_people(content_dir: Path, warn: Callable[[str], None]) -> list[Person]:
    """People for portraits from content/people.json, tolerant of a missing or half-written file."""
    path = content_dir / PEOPLE_FILE
    data = read_json(path, lambda problem: warn(f"{path}: {problem} -- no portraits generated"))
    if data is None:
        return []
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, list):
        warn(f"{path}: no \"people\" list -- no portraits generated")
        return []
    out: list[Person] = []
    seen = set()
    for i, person in enumerate(people):
        if not isinstance(person, dict):
            warn(f"{path}: people[{i}] is not an object -- skipped")
            continue
        pid = person.get("id")
        name = person.get("name")
        names = {lang: v.strip() for lang, v in name.items()
                 if isinstance(lang, str) and lang.isalpha() and isinstance(v, str) and v.strip()
                 } if isinstance(name, dict) else {}
        if not isinstance(pid, str) or not pid or "/" in pid or pid.startswith(".") or not names:
            warn(f"{path}: people[{i}] has no usable id and name -- skipped")
            continue
        if pid in seen:
            warn(f"{path}: person {pid!r} appears twice -- portrait drawn once")
            continue
        seen.add(pid)
        years = person.get("years")
        out.append({"id": pid, "names": names, "years": years.strip() if isinstance(years, str) else ""})
    return out


def translated_testament(content_dir: Path, warn: Callable[[str], None]) -> dict[str, str]:
    """The testament as typed in each language it is translated into (content/documents/testament.json): its
    paragraphs, each part closed by its date line, separated by blank lines like the source text."""
    path = content_dir / TESTAMENT_DOCUMENT
    data = read_json(path, lambda problem: warn(f"{path}: {problem} -- no translated typescript generated"))
    translations = data.get("translations") if isinstance(data, dict) else None
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(translations, dict) or not isinstance(parts, list):
        return {}
    texts = {}
    for lang in translations:
        blocks = []
        for part in parts:
            paragraphs = part.get("paragraphs") if isinstance(part, dict) else None
            for paragraph in paragraphs if isinstance(paragraphs, list) else []:
                text = paragraph.get("text", {}).get(lang) if isinstance(paragraph, dict) else None
                if isinstance(text, str) and text.strip():
                    blocks.append(text.strip())
            date = part.get("date_label", {}).get(lang) if isinstance(part, dict) else None
            if isinstance(date, str) and date.strip():
                blocks.append(date.strip())
        if blocks and isinstance(lang, str) and lang.isalpha():
            texts[lang] = "\n\n".join(blocks) + "\n"
    return texts


def specs_for(content_dir: Path, warn: Callable[[str], None]) -> list[Spec]:
    specs: list[Spec] = []
    text_path = content_dir / TESTAMENT_TEXT
    try:
        testament = text_path.read_text(encoding="utf-8")
    except OSError:
        testament = ""
        warn(f"{text_path}: not found -- the facsimile cannot be generated")
    if testament:
        for lang, text in {"en": testament, **translated_testament(content_dir, warn)}.items():
            for page in (1, 2):
                specs.append(Spec(f"facsimile/{lang}/testament-page-{page}.jpg", "facsimile-page",
                                  {"page": page, "lang": lang}, text))
            specs.append(Spec(f"facsimile/{lang}/layout.json", "facsimile-layout", {"lang": lang}, text))
    specs += [Spec(f"chapters/{cid}.jpg", "chapter", {"id": cid}) for cid in CHAPTERS]
    specs += [Spec(f"motifs/{m}.jpg", "motif", {"id": m}) for m in MOTIFS]
    specs += [Spec(f"placard/placard-1927-{lang}.jpg", "placard", {"lang": lang}) for lang in PLACARD_LANGUAGES]
    for person in read_people(content_dir, warn):
        for lang, name in sorted(person["names"].items()):  # the card carries the name in the visitor's language
            params = {"id": person["id"], "name": name, "years": person["years"]}
            specs.append(Spec(f"portraits/{person['id']}-{lang}.jpg", "portrait", params,
                              f"{name}\n{person['years']}"))
    specs += [Spec(f"attract/attract-{n}.jpg", "attract", {"n": n}) for n in range(1, ATTRACT_COUNT + 1)]
    specs += [Spec(f"slots/{scene}.jpg", "placeholder", {"scene": scene}) for scene in SLOT_SCENES]
    return specs


# --- staleness ----------------------------------------------------------------------------------------------

_code_hashes: dict[str, str] = {}


def _code_hash(module: str) -> str:
    """Hash of the drawing code (the family's module and the shared kit), so code changes redraw."""
    if module not in _code_hashes:
        h = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for mod in (module, *SHARED_MODULES):
            path = here / f"{mod}.py"
            h.update(mod.encode())
            h.update(path.read_bytes() if path.is_file() else b"(frozen)")
        _code_hashes[module] = h.hexdigest()
    return _code_hashes[module]


def inputs_hash(spec: Spec, size_factor: float) -> str:
    fam = FAMILIES[spec.family]
    record = {
        "generator": GENERATOR_VERSION,
        "family": spec.family,
        "family_version": fam.version,
        "code": _code_hash(fam.module),
        "name": spec.name,
        "size": list(spec.size(size_factor)),
        "size_factor": size_factor,
        "params": spec.params,
        "text": hashlib.sha256(spec.text.encode("utf-8")).hexdigest(),
        "fonts": {key: font_hash(key) for key in fam.fonts},
        "jpeg_quality": fam.quality,
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=True).encode()).hexdigest()


# --- drawing (in worker processes) --------------------------------------------------------------------------


def render(spec: Spec, out_dir: str, size_factor: float) -> tuple[str, float, int]:
    """Draw one output and write it atomically; returns (name, seconds, bytes). Runs in a worker."""
    start = time.perf_counter()
    fam = FAMILIES[spec.family]
    module = importlib.import_module(f"{__package__}.{fam.module}")
    result = module.draw(spec, size_factor)
    path = Path(out_dir) / spec.name
    if isinstance(result, (dict, list)):
        write_text_atomic(path, json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    else:
        save_image_atomic(result, path, "JPEG", quality=fam.quality, optimize=True)
    return spec.name, time.perf_counter() - start, path.stat().st_size


def _select(specs: Iterable[Spec], only: list[str] | None) -> list[Spec]:
    if not only:
        return list(specs)
    return [s for s in specs if any(fnmatch.fnmatch(s.name, pat) or fnmatch.fnmatch(s.name, pat + ".*")
                                    or s.name.startswith(pat.rstrip("/") + "/") for pat in only)]


def generate(content_dir: Path, out_dir: Path, *, force: bool = False, jobs: int | None = None,
             only: list[str] | None = None, size_factor: float = 1.0,
             echo: Callable[[str], None] | None = None) -> Report:
    """Generate what is missing or stale. ``size_factor`` < 1 draws small versions (for tests)."""
    t0 = time.perf_counter()
    report = Report()
    say = echo or (lambda _msg: None)

    def warn(msg: str) -> None:
        report.warnings.append(msg)

    out_dir = Path(out_dir)
    all_specs = specs_for(Path(content_dir), warn)
    specs = _select(all_specs, only)
    manifest = load_entries(out_dir / MANIFEST, "outputs")
    wanted = {s.name: inputs_hash(s, size_factor) for s in specs}
    todo = [s for s in specs if force or not is_current(out_dir, s.name, manifest.get(s.name), wanted[s.name])]
    report.current = [s.name for s in specs if s not in todo]
    todo.sort(key=lambda s: -s.cost)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))

    def done(name: str, seconds: float, size: int) -> None:
        manifest[name] = {"inputs": wanted[name], "bytes": size}
        report.generated.append(name)
        report.timings[name] = seconds
        say(f"  {name:<44} {seconds:5.1f} s")

    if todo:
        say(f"generating {len(todo)} of {len(specs)} outputs with {workers} process{'es' if workers > 1 else ''}")
    if workers == 1:
        for spec in todo:
            try:
                done(*render(spec, str(out_dir), size_factor))
            except Exception as exc:
                report.errors.append(f"{spec.name}: {type(exc).__name__}: {exc}")
                log.exception("drawing %s failed", spec.name)
    elif todo:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(render, spec, str(out_dir), size_factor): spec for spec in todo}
            for fut in as_completed(futures):
                spec = futures[fut]
                try:
                    done(*fut.result())
                except Exception as exc:
                    report.errors.append(f"{spec.name}: {type(exc).__name__}: {exc}")

    if not only:
        # Outputs that are no longer produced (a person removed from people.json): delete them.
        produced = {s.name for s in all_specs}
        for name in sorted(set(manifest) - produced):
            target = out_dir / name
            if target.is_file() and target.resolve().is_relative_to(out_dir.resolve()):
                target.unlink()
            manifest.pop(name)
            report.removed.append(name)
    if report.generated or report.removed or not (out_dir / MANIFEST).exists():
        save_entries(out_dir / MANIFEST, "outputs", manifest, stamp={"generator": GENERATOR_VERSION})
    report.seconds = time.perf_counter() - t0
    return report


def run_generate(content_dir: Path | None = None, out_dir: Path | None = None, *, force: bool = False,
                 jobs: int | None = None, only: list[str] | None = None, size_factor: float = 1.0) -> int:
    """The CLI entry: prints progress and a summary to stderr; 0 if everything was drawn."""
    from kiosk import paths

    content = Path(content_dir) if content_dir else paths.bundled_content_dir()
    out = Path(out_dir) if out_dir else paths.generated_media_dir()

    def echo(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    report = generate(content, out, force=force, jobs=jobs, only=only, size_factor=size_factor, echo=echo)
    for msg in report.warnings:
        echo(f"warning: {msg}")
    for name in report.removed:
        echo(f"removed {name} (no longer produced)")
    for msg in report.errors:
        echo(f"error: {msg}")
    echo(f"media generate: {len(report.generated)} drawn, {len(report.current)} already current, "
         f"{len(report.errors)} failed, {report.seconds:.1f} s -> {out}")
    return 0 if report.ok else 1
