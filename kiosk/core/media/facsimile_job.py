"""Generate-jobs for the facsimile: the two typed pages and their layout.json in each language (see
:mod:`.facsimile`). The English typescript is typed from the source text; another language's from the document's
translation in the content (its blocks go into layout.json, since no source file holds them)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from kiosk.core.media import facsimile

SOURCE_LANGUAGE = "en"
SOURCE_TEXT = "sources/testament.en.txt"


def draw(spec: Any, size_factor: float) -> Image.Image | dict[str, Any]:
    layout = facsimile.layout_for_text(spec.text)
    size = spec.size(size_factor) if spec.family == "facsimile-page" else facsimile.page_size(size_factor)
    lang = spec.params["lang"]
    if spec.family == "facsimile-layout":
        srcs = [f"generated/facsimile/{lang}/testament-page-{p}.jpg" for p in range(1, layout.pages + 1)]
        typed = None if lang == SOURCE_LANGUAGE else (lang, facsimile.paragraphs_of(spec.text))
        return facsimile.layout_document(layout, size, srcs, SOURCE_TEXT, typed)
    return facsimile.render_page(layout, int(spec.params["page"]), size, spec.name)
