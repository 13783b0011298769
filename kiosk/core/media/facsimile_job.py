"""Generate-jobs for the facsimile: the two typed pages and their layout.json (see :mod:`.facsimile`)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from kiosk.core.media import facsimile


def draw(spec: Any, size_factor: float) -> Image.Image | dict[str, Any]:
    layout = facsimile.layout_for_text(spec.text)
    size = spec.size(size_factor) if spec.family == "facsimile-page" else facsimile.page_size(size_factor)
    if spec.family == "facsimile-layout":
        srcs = [f"generated/facsimile/testament-page-{p}.jpg" for p in range(1, layout.pages + 1)]
        return facsimile.layout_document(layout, size, srcs, "sources/testament.en.txt")
    return facsimile.render_page(layout, int(spec.params["page"]), size, spec.name)
