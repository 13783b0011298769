"""The period treatment of curator photographs: sepia or ink/paper duotone, light grain, soft vignette.

Applied after resizing (never to the full-size original: 3x cheaper), with grain seeded from the image's
``src`` so that rebuilding gives the same pixels.
"""

from __future__ import annotations

from PIL import Image, ImageOps

from kiosk.core.content.model import Treatment, TreatmentStyle
from kiosk.core.media import texture
from kiosk.core.media.palette import INK, PAPER, mix

SEPIA_DARK = (38, 27, 18)
SEPIA_MID = (139, 106, 72)
SEPIA_LIGHT = mix(PAPER, (255, 255, 255), 0.2)
GRAIN_SCALE = 0.22  # grain=1.0 means +-22% noise; the default 0.15 gives a light +-3%
VIGNETTE_SCALE = 0.75


def apply(image: Image.Image, treatment: Treatment | None, seed: str) -> Image.Image:
    """Return the treated image (mode RGB, or RGBA when the input has alpha)."""
    if treatment is None or treatment.strength <= 0:
        return image
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    rgb = image.convert("RGB")
    if treatment.style is TreatmentStyle.NONE:
        toned = rgb
    else:
        grey = ImageOps.autocontrast(rgb.convert("L"), cutoff=0.3)
        if treatment.style is TreatmentStyle.SEPIA:
            toned = ImageOps.colorize(grey, black=SEPIA_DARK, white=SEPIA_LIGHT, mid=SEPIA_MID)
        else:  # duotone: the exhibit's ink on its paper
            toned = ImageOps.colorize(grey, black=INK, white=PAPER)
    if treatment.grain > 0:
        toned = texture.add_grain(toned, texture.rng_for(seed, "grain", rgb.size), treatment.grain * GRAIN_SCALE)
    if treatment.vignette > 0:
        toned = texture.vignette(toned, treatment.vignette * VIGNETTE_SCALE, INK)
    out = toned if treatment.strength >= 1 else Image.blend(rgb, toned, treatment.strength)
    if alpha is not None:
        out.putalpha(alpha)
    return out
