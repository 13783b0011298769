"""Period imagery and the media pipeline.

``generate``: the exhibit's own illustrations (facsimile pages, chapter art, motifs, placard, portraits,
attract panoramas, placeholders), drawn deterministically with Pillow into ``media/generated/``.

``build``: renditions of every displayed image (curator photographs and generated art) at the widths the
screens need, with the optional period treatment, into ``media/renditions/``.

Pure Python + Pillow: nothing here imports Qt.
"""
