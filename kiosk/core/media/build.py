"""``kiosk media build``: renditions of every displayed image, at the sizes the screens need.

Sources: curator photographs under ``<content>/media/photos/`` (JPEG, PNG, TIFF, WebP) and the generated art
under ``<media>/generated/``. For each source ``<dir>/<name>.<ext>`` (``src`` = its path relative to its
media root, e.g. ``photos/kremlin-1923.jpg``), the builder writes::

    <media>/renditions/<dir>/<name>/w1920.jpg|png
                                    w3840.jpg|png
                                    thumb480.jpg|png

Opaque images become JPEG (quality 88); images with transparency stay PNG. EXIF orientation is
applied, embedded ICC profiles are converted to sRGB, and the period treatment declared in the content (a
mapping src -> Treatment given by the caller) is applied after resizing. A source never gets upscaled: one
narrower than a rendition width yields that rendition at its own width and a warning.

Incremental: ``renditions/manifest.json`` remembers each source's size, mtime, content hash and settings;
an unchanged source (same size and mtime_ns) costs one ``stat``; a touched but identical one costs a hash.
Bad files (empty, truncated, not an image, unsupported format, over the pixel limit) each give one line
naming the file; the other sources still build, and the result reports failure.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from kiosk.core.content.model import Treatment, adapter
from kiosk.core.content.scan import content_files, image_objects
from kiosk.core.media import treatment as treatments
from kiosk.core.media.atomic import save_image_atomic, write_bytes_atomic
from kiosk.core.media.manifest import load_entries, save_entries
from kiosk.core.media.progress import Progress
from kiosk.core.media.renditions import (
    RENDITIONS,
    RENDITIONS_DIR,
    best_rendition,
    rendition_dir,
    rendition_paths,
    resolve,
)

BUILDER_VERSION = 2  # 2: generated art is JPEG, and so are its renditions
MANIFEST = "manifest.json"
JPEG_QUALITY = 88
PNG_COMPRESS_LEVEL = 5
MAX_PIXELS = 100_000_000  # decompression-bomb guard: refuse sources over 100 megapixels
SUPPORTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "WEBP": "WebP"}
SOURCE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"}
PHOTOS_DIR = Path("media") / "photos"  # inside the content folder
GENERATED_DIR = "generated"  # inside the media root


__all__ = ["BuildReport", "Source", "best_rendition", "build", "rendition_dir", "rendition_paths", "resolve",
           "run_build"]


class BadImageError(Exception):
    """A source that cannot become renditions; the message is for the curator."""


@dataclass(frozen=True)
class Source:
    src: str  # path relative to its media root, with forward slashes
    path: Path
    generated: bool = False


@dataclass
class Result:
    src: str
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "path: message", one line each
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- where things are: see .renditions (kept free of Pillow for the Qt side) ----------------------------------


def discover(content_dir: Path | None, media_root: Path, errors: list[str]) -> list[Source]:
    """Photos in the content folder and the generated art, sorted by src."""
    sources: dict[str, Source] = {}
    trees: list[tuple[Path, str, bool]] = []
    if content_dir is not None:
        trees.append((Path(content_dir) / PHOTOS_DIR, "photos", False))
    trees.append((Path(media_root) / GENERATED_DIR, GENERATED_DIR, True))
    for base, prefix, generated in trees:
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                if filename.startswith("."):
                    continue
                path = Path(dirpath) / filename
                rel = path.relative_to(base).as_posix()
                ext = path.suffix.lower()
                if ext not in SOURCE_EXTENSIONS:
                    if not generated:  # generated/ also holds manifest.json and layout.json
                        errors.append(f"{path}: unsupported file type {ext or '(none)'}: use JPEG, PNG, TIFF or WebP")
                    continue
                src = f"{prefix}/{rel}"
                key = str(Path(src).with_suffix("")).lower()
                if key in sources:
                    errors.append(f"{path}: has the same name as {sources[key].path.name} in the same folder; "
                                  "rename one (their renditions would overwrite each other)")
                    continue
                sources[key] = Source(src, path, generated)
    return sorted(sources.values(), key=lambda s: s.src)


# --- incremental state --------------------------------------------------------------------------------------


def settings_hash(source: Source, treatment: Treatment | None) -> str:
    record = {
        "builder": BUILDER_VERSION,
        "renditions": RENDITIONS,
        "jpeg_quality": JPEG_QUALITY,
        "png_level": PNG_COMPRESS_LEVEL,
        "generated": source.generated,
        "treatment": dataclasses.asdict(treatment) if treatment is not None else None,
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:32]


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _outputs_exist(media_root: Path, entry: dict[str, Any]) -> bool:
    outputs = entry.get("outputs")
    if not outputs:
        return False
    base = Path(media_root) / RENDITIONS_DIR
    return all((base / rel).is_file() for rel in outputs)


# --- building one source (in a worker) ----------------------------------------------------------------------


def _open_checked(path: Path, max_pixels: int) -> Image.Image:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadImageError(f"cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise BadImageError("the file is empty (0 bytes)")
    limit = Image.MAX_IMAGE_PIXELS
    try:
        # Pillow's own guard would refuse a huge header with a less helpful message; the size is checked
        # below, from the header, before any pixel is decoded.
        Image.MAX_IMAGE_PIXELS = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except UnidentifiedImageError:
        raise BadImageError("not an image Pillow can read (corrupt, or not really an image)") from None
    except Image.DecompressionBombError as exc:
        raise BadImageError(f"refused as a decompression bomb: {exc}") from None
    except OSError as exc:
        raise BadImageError(f"cannot be read: {exc}") from None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    if image.format not in SUPPORTED_FORMATS:
        fmt = image.format
        image.close()
        raise BadImageError(f"unsupported image format {fmt}: use JPEG, PNG, TIFF or WebP")
    width, height = image.size
    if width * height > max_pixels:  # checked from the header, before anything is decoded
        image.close()
        raise BadImageError(f"{width}×{height} pixels ({width * height / 1e6:.0f} MP) is over the limit of "
                            f"{max_pixels / 1e6:.0f} MP: scale it down before adding it")
    return image


_SRGB: Any = None


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colour-manage to sRGB if the file embeds an ICC profile; normalise the mode to RGB or RGBA."""
    global _SRGB
    has_alpha = "A" in image.getbands() or (image.mode == "P" and "transparency" in image.info)
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        image = image.point(lambda v: v * (1 / 256)).convert("L")
    icc = image.info.get("icc_profile")
    if icc:
        try:
            if _SRGB is None:
                _SRGB = ImageCms.createProfile("sRGB")
            src_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
                image = image.convert("RGBA" if has_alpha else "RGB")
            if image.mode == "LA":
                image = image.convert("RGBA")
            out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, src_profile, _SRGB, outputMode=out_mode)
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are rather than fail
    want = "RGBA" if has_alpha else "RGB"
    return image if image.mode == want else image.convert(want)


def _rendition_sizes(width: int, height: int) -> tuple[list[tuple[str, int, int]], str | None]:
    """(name, w, h) for each rendition to write, and a warning when the source is too narrow."""
    out = []
    warning = None
    for name, target in RENDITIONS:
        if width >= target:
            out.append((name, target, max(1, round(height * target / width))))
        else:
            out.append((name, width, height))  # at the source's own width: never upscaled
            largest = RENDITIONS[-1][1]
            warning = f"would look blurry at {largest} px: source is {width} px wide"
            break
    return out, warning


def _most_transparent(alpha: Image.Image) -> float:
    """The lowest value of a one-band image (an alpha channel)."""
    lowest, _ = alpha.getextrema()
    if isinstance(lowest, tuple):  # (low, high) per band: only for an image of several bands
        raise ValueError(f"expected one band, got {alpha.mode}")
    return lowest


def build_one(source: Source, media_root: str, treatment: Treatment | None,
              max_pixels: int = MAX_PIXELS) -> Result:
    """Decode once, then resize, treat and save each rendition. Never raises for a bad file."""
    start = time.perf_counter()
    result = Result(source.src)
    try:
        opened = _open_checked(source.path, max_pixels)
        with opened:
            try:
                opened.load()
                turned = opened.getexif().get(0x0112, 1) not in (0, 1)
                ImageOps.exif_transpose(opened, in_place=True)
                image = _to_srgb(opened)
            except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
                raise BadImageError(f"damaged or truncated, cannot be decoded ({exc})") from None
            source_format = opened.format
        untouched = image is opened and not turned  # no rotation, no colour conversion, no mode change
        alpha = image.mode == "RGBA" and _most_transparent(image.getchannel("A")) < 255
        if image.mode == "RGBA" and not alpha:
            image = image.convert("RGB")
        as_png = alpha
        sizes, warning = _rendition_sizes(*image.size)
        if warning and not source.generated:  # generated art is drawn at the size it is meant to have
            result.warnings.append(warning)
        folder = rendition_dir(Path(media_root), source.src)
        base = Path(media_root) / RENDITIONS_DIR
        current = image
        for name, w, h in reversed(sizes):  # largest first, each smaller one from the previous
            resized = current if (w, h) == current.size else current.resize((w, h), Image.Resampling.LANCZOS)
            current = resized
            treated = treatments.apply(resized, treatment, f"{source.src}:{name}")
            if untouched and treated is image and source_format == ("PNG" if as_png else "JPEG"):
                # the original already is this rendition: copy its bytes rather than encode it again
                target = folder / f"{name}.png" if as_png else folder / f"{name}.jpg"
                write_bytes_atomic(target, source.path.read_bytes())
            elif as_png:
                target = folder / f"{name}.png"
                save_image_atomic(treated, target, "PNG", compress_level=PNG_COMPRESS_LEVEL)
            else:
                target = folder / f"{name}.jpg"
                save_image_atomic(treated.convert("RGB"), target, "JPEG", quality=JPEG_QUALITY)
            result.outputs.append(target.relative_to(base).as_posix())
        # a format switch (photo re-saved with transparency) must not leave the old files behind
        for stale in folder.iterdir():
            if stale.is_file() and stale.relative_to(base).as_posix() not in result.outputs:
                stale.unlink()
        result.outputs.sort()
    except BadImageError as exc:
        result.error = str(exc)
    except Exception as exc:  # a builder bug must name the file too, and not stop the others
        result.error = f"failed: {type(exc).__name__}: {exc}"
    result.seconds = time.perf_counter() - start
    return result


# --- the whole build ----------------------------------------------------------------------------------------


def build(media_root: Path, *, content_dir: Path | None = None, sources: list[Source] | None = None,
          treatments_by_src: Mapping[str, Treatment | None] | None = None, jobs: int | None = None,
          max_pixels: int = MAX_PIXELS, progress: bool | None = None,
          echo: Callable[[str], None] | None = None) -> BuildReport:
    """Build what is missing or changed. ``progress`` None: a bar only when stderr is a terminal."""
    t0 = time.perf_counter()
    report = BuildReport()
    media_root = Path(media_root)
    base = media_root / RENDITIONS_DIR
    found = sources if sources is not None else discover(content_dir, media_root, report.errors)
    treatments_by_src = treatments_by_src or {}
    manifest = load_entries(base / MANIFEST, "sources")
    new_manifest: dict[str, dict[str, Any]] = {}
    todo: list[tuple[Source, str, dict[str, Any]]] = []
    for source in found:
        treatment = treatments_by_src.get(source.src)
        wanted = settings_hash(source, treatment)
        entry = manifest.get(source.src)
        try:
            st = source.path.stat()
        except OSError as exc:
            report.errors.append(f"{source.path}: cannot be read: {exc.strerror or exc}")
            continue
        stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
        if entry is not None and entry.get("settings") == wanted and _outputs_exist(media_root, entry):
            if entry.get("size") == st.st_size and entry.get("mtime_ns") == st.st_mtime_ns:
                new_manifest[source.src] = entry
                report.current.append(source.src)
                report.warnings += [f"{source.path}: {w}" for w in entry.get("warnings", [])]
                continue
            digest = file_hash(source.path)  # touched: the same bytes need no rebuild
            if digest == entry.get("sha256"):
                new_manifest[source.src] = {**entry, **stamp}
                report.current.append(source.src)
                report.warnings += [f"{source.path}: {w}" for w in entry.get("warnings", [])]
                continue
        else:
            digest = None
        todo.append((source, wanted, {**stamp, "sha256": digest}))

    bar = Progress(len(todo), "media build", enabled=progress)

    def finish(source: Source, wanted: str, stamp: dict[str, Any], result: Result) -> None:
        bar.advance()
        if result.error:
            report.errors.append(f"{source.path}: {result.error}")
            return
        sha = stamp["sha256"] or file_hash(source.path)
        new_manifest[source.src] = {"size": stamp["size"], "mtime_ns": stamp["mtime_ns"], "sha256": sha,
                                    "settings": wanted, "outputs": result.outputs, "warnings": result.warnings,
                                    "error": None}
        report.built.append(source.src)
        report.warnings += [f"{source.path}: {w}" for w in result.warnings]

    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if workers == 1:
        for source, wanted, stamp in todo:
            finish(source, wanted, stamp, build_one(source, str(media_root), treatments_by_src.get(source.src),
                                                    max_pixels))
    elif todo:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(build_one, source, str(media_root), treatments_by_src.get(source.src),
                                   max_pixels): (source, wanted, stamp) for source, wanted, stamp in todo}
            for fut in as_completed(futures):
                source, wanted, stamp = futures[fut]
                try:
                    res = fut.result()
                except Exception as exc:  # a crashed worker
                    res = Result(source.src, error=f"failed: {type(exc).__name__}: {exc}")
                finish(source, wanted, stamp, res)
    bar.close()

    # renditions of sources that are gone (not the folder of a source that took the same name in another format)
    if sources is None:
        in_use = {rendition_dir(media_root, s.src) for s in found}
        for src in sorted(set(manifest) - {s.src for s in found}):
            folder = rendition_dir(media_root, src)
            if folder not in in_use and folder.is_dir() and folder.resolve().is_relative_to(base.resolve()):
                shutil.rmtree(folder)
            report.removed.append(src)
    else:
        for src, entry in manifest.items():
            if src not in new_manifest and src not in {s.src for s in found}:
                new_manifest[src] = entry
    if new_manifest != manifest or not (base / MANIFEST).exists():
        save_entries(base / MANIFEST, "sources", new_manifest, stamp={"builder": BUILDER_VERSION})
    report.errors.sort()
    report.seconds = time.perf_counter() - t0
    return report


def treatments_from_content(content_dir: Path) -> dict[str, Treatment | None]:
    """Every image object in the content's JSON files that declares a treatment: {src: Treatment}.

    A tolerant scan (the content may be mid-edit): objects with a string ``src`` and a ``treatment`` object;
    a treatment the model rejects is skipped here (the validator reports it).
    """
    found: dict[str, Treatment | None] = {}
    for _path, value in content_files(content_dir):
        for _where, image in image_objects(value):
            if isinstance(image.get("treatment"), dict):
                with contextlib.suppress(ValueError):
                    found[image["src"]] = adapter(Treatment).validate_python(image["treatment"])
    return found


def run_build(content_dir: Path | None = None, media_root: Path | None = None, *, jobs: int | None = None) -> int:
    """The CLI entry: progress on a terminal, one line per problem, a summary; 0 if every source built."""
    from kiosk import paths

    content = Path(content_dir) if content_dir else paths.bundled_content_dir()
    root = Path(media_root) if media_root else paths.media_dir()

    def echo(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    report = build(root, content_dir=content, treatments_by_src=treatments_from_content(content), jobs=jobs)
    for msg in report.warnings:
        echo(f"warning: {msg}")
    for msg in report.errors:
        echo(f"error: {msg}")
    echo(f"media build: {len(report.built)} built, {len(report.current)} already current, "
         f"{len(report.removed)} removed, {len(report.errors)} failed, {report.seconds:.2f} s "
         f"-> {root / RENDITIONS_DIR}")
    return 0 if report.ok else 1
