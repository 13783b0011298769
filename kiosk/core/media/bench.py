"""``kiosk media bench``: seconds per 24-MP photograph for a build, and for a no-op rebuild.

Prints numbers for a person to read; not a timed test. Sources are synthetic 6000x4000 JPEGs (gradients and
grain, so they compress and decode like photographs) in a temporary folder.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from kiosk.core.content.model import Treatment
from kiosk.core.media import build as builder


def _synthetic_photo(path: Path, seed: int, size: tuple[int, int] = (6000, 4000)) -> None:
    rng = random.Random(seed)
    w, h = size
    small = Image.new("RGB", (60, 40))
    small.putdata([(rng.randrange(40, 220), rng.randrange(40, 200), rng.randrange(30, 180)) for _ in range(2400)])
    img = small.resize(size, Image.Resampling.BICUBIC)
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randrange(50, 600)
        d.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    img = img.filter(ImageFilter.GaussianBlur(3))
    grain = Image.frombytes("L", size, rng.randbytes(w * h)).point(lambda v: 118 + v * 20 // 255)
    img = Image.composite(img, Image.new("RGB", size, (128, 128, 128)), grain.point(lambda v: 235))
    img.save(path, "JPEG", quality=90)


def run_bench(images: int = 4, jobs: int | None = None) -> int:
    out = sys.stdout
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-media-bench-"))
    try:
        photos = tmp / "content" / "media" / "photos"
        photos.mkdir(parents=True)
        print(f"making {images} synthetic 24-MP JPEGs in {tmp} ...", file=out, flush=True)
        for i in range(images):
            _synthetic_photo(photos / f"photo-{i:02d}.jpg", i)
        sepia = Treatment()
        media = tmp / "media"
        treat = {f"photos/photo-{i:02d}.jpg": (sepia if i % 2 else None) for i in range(images)}

        t = time.perf_counter()
        report = builder.build(media, content_dir=tmp / "content", treatments_by_src=treat, jobs=jobs,
                               progress=False)
        full = time.perf_counter() - t
        t = time.perf_counter()
        again = builder.build(media, content_dir=tmp / "content", treatments_by_src=treat, jobs=jobs,
                              progress=False)
        noop = time.perf_counter() - t
        print(f"build:        {full:6.2f} s for {images} x 24 MP ({len(report.built)} built, half with sepia) "
              f"= {full / max(1, images):.2f} s per image, {jobs or 'all'} job(s)", file=out)
        print(f"no-op build:  {noop * 1000:6.1f} ms for {len(again.current)} current sources", file=out)

        # the no-op path at scale: 100 small sources, rebuilt with nothing to do
        many = tmp / "many"
        (many / "content" / "media" / "photos").mkdir(parents=True)
        for i in range(100):
            Image.new("RGB", (64, 48), (i, 100, 200 - i)).save(many / "content" / "media" / "photos" / f"p{i:03d}.jpg")
        builder.build(many / "media", content_dir=many / "content", jobs=jobs, progress=False)
        t = time.perf_counter()
        again = builder.build(many / "media", content_dir=many / "content", jobs=jobs, progress=False)
        print(f"no-op build:  {(time.perf_counter() - t) * 1000:6.1f} ms for {len(again.current)} current sources",
              file=out)
        return 0 if report.ok and again.ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
