"""The arithmetic of legibility, without Qt: contrast (WCAG 2), cap height and touch targets in millimetres, and
how much an image is enlarged on screen.

Contrast is measured on rendered pixels (:func:`measure_contrast`), so text laid over a picture is judged
against the picture, not against the colour the layout meant to put behind it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageStat

RGB = tuple[int, int, int]

MIN_CONTRAST = 4.5  # WCAG 2 AA for text; the style guide applies it to every size
CAP_HEIGHT_RATIO = 0.7  # PT Sans and PT Serif: cap height ≈ 0.7 em (Theme.qml sizes from the same figure)
MIN_CAPTION_CAP_MM = 4.0
MIN_BODY_CAP_MM = 5.0
MIN_TARGET_MM = 15.0
BLUR_WARNING = 1.0  # shown larger than its pixels: softer than it could be
BLUR_ERROR = 1.25  # visibly blurry
BODY_MIN_WORDS = 31  # longer than the longest caption the validator allows (30 words): reading text
BODY_MIN_LINES = 4
MAX_MEASURED_PIXELS = 60_000  # larger text boxes are measured on a reduced copy


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(v) for v in range(256)]


def relative_luminance(rgb: Sequence[float]) -> float:
    r, g, b = (_LINEAR[max(0, min(255, round(v)))] for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio_of_luminances(a: float, b: float) -> float:
    high, low = max(a, b), min(a, b)
    return (high + 0.05) / (low + 0.05)


def contrast_ratio(a: Sequence[float], b: Sequence[float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours, 1 (none) to 21 (black on white)."""
    return ratio_of_luminances(relative_luminance(a), relative_luminance(b))


def hex_colour(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02X}" for v in rgb[:3])


def parse_hex(text: str) -> RGB:
    text = text.lstrip("#")
    if len(text) == 8:  # #AARRGGBB, as Qt writes colours with alpha
        text = text[2:]
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def blend(top: Sequence[float], bottom: Sequence[float], alpha: float) -> RGB:
    red, green, blue = (round(alpha * t + (1 - alpha) * b) for t, b in zip(top[:3], bottom[:3], strict=True))
    return red, green, blue


def _median(stat: ImageStat.Stat) -> RGB:
    """The median colour of an RGB image's statistics."""
    red, green, blue = (int(v) for v in stat.median)
    return red, green, blue


def _lightest(band: Image.Image) -> float:
    """The highest value of a one-band image."""
    _, lightest = band.getextrema()
    if isinstance(lightest, tuple):  # (low, high) per band: only for an image of several bands
        raise ValueError(f"expected one band, got {band.mode}")
    return lightest


def cap_height_mm(pixel_size: float, px_per_mm: float, ratio: float = CAP_HEIGHT_RATIO) -> float:
    return pixel_size * ratio / px_per_mm if px_per_mm > 0 else 0.0


def is_body_text(text: str, line_count: int) -> bool:
    """Reading text (held to the body minimum) rather than a label, caption or heading."""
    return len(text.split()) >= BODY_MIN_WORDS or line_count >= BODY_MIN_LINES


def minimum_cap_mm(text: str, line_count: int) -> float:
    return MIN_BODY_CAP_MM if is_body_text(text, line_count) else MIN_CAPTION_CAP_MM


def millimetres(pixels: float, px_per_mm: float) -> float:
    return pixels / px_per_mm if px_per_mm > 0 else 0.0


def upscale_factor(displayed: tuple[float, float], source: tuple[int, int]) -> float:
    """How many times an image is enlarged on screen (the larger of the two axes); below 1 it is reduced."""
    if source[0] <= 0 or source[1] <= 0:
        return 0.0
    return max(displayed[0] / source[0], displayed[1] / source[1])


# --- contrast on rendered pixels -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contrast:
    ratio: float  # text against the background pixels that contrast least with it (10th percentile)
    typical: float  # text against the median background colour
    text: RGB  # the text colour as drawn (after opacity)
    background: RGB  # the median background colour
    solid: bool  # the background is (nearly) one colour


_LUMINANCE_LUTS = [[round(_LINEAR[v] * w * 255) for v in range(256)] for w in (0.2126, 0.7152, 0.0722)]


def _luminance_image(image: Image.Image) -> Image.Image:
    """An 8-bit image of relative luminance (0-255 for 0-1), via per-channel lookup tables."""
    parts = [band.point(lut) for band, lut in zip(image.split(), _LUMINANCE_LUTS, strict=True)]
    return ImageChops.add(ImageChops.add(parts[0], parts[1]), parts[2])


_ANY = [0] + [255] * 255  # a point() table: anything but 0 becomes 255


def _below(threshold: float) -> list[int]:
    cut = max(0, min(256, math.ceil(threshold)))
    return [255] * cut + [0] * (256 - cut)


def _percentile(histogram: list[int], fraction: float, from_top: bool) -> int:
    total = sum(histogram)
    if total == 0:
        return 0
    wanted = max(1, math.ceil(total * fraction))
    seen = 0
    levels = range(255, -1, -1) if from_top else range(256)
    for level in levels:
        seen += histogram[level]
        if seen >= wanted:
            return level
    return 255 if from_top else 0


def contrast_on_background(
    background: Image.Image, text_rgb: Sequence[float], *, opacity: float = 1.0, worst_share: float = 0.10
) -> Contrast | None:
    """Contrast of text of colour ``text_rgb`` against ``background``: the frame's pixels in the text's box with
    the text itself hidden (the proof renderer grabs each view twice). The ratio is the one at which
    ``worst_share`` of the background pixels contrast less with the text, so text over a picture is judged by
    the picture's least favourable parts, not by its average."""
    if background.width < 1 or background.height < 1:
        return None
    background = background.convert("RGB")
    if background.width * background.height > MAX_MEASURED_PIXELS:
        factor = math.ceil(math.sqrt(background.width * background.height / MAX_MEASURED_PIXELS))
        background = background.reduce(factor)
    median = _median(ImageStat.Stat(background))
    text = blend(tuple(round(v) for v in text_rgb[:3]), median, max(0.0, min(1.0, opacity)))
    text_luminance = relative_luminance(text)
    histogram = _luminance_image(background).histogram()
    total = sum(histogram)
    by_contrast = sorted(range(256), key=lambda level: ratio_of_luminances(text_luminance, level / 255))
    wanted, seen, worst = max(1, math.ceil(total * worst_share)), 0, 21.0
    for level in by_contrast:
        seen += histogram[level]
        if seen >= wanted:
            worst = ratio_of_luminances(text_luminance, level / 255)
            break
    typical = ratio_of_luminances(text_luminance, relative_luminance(median))
    low, high = _percentile(histogram, 0.05, False), _percentile(histogram, 0.05, True)
    return Contrast(min(worst, typical), typical, text, median, high - low <= 6)


def measure_contrast(
    region: Image.Image, text_rgb: Sequence[float], *, opacity: float = 1.0, glyph_px: float = 16
) -> Contrast | None:
    """Contrast of text of colour ``text_rgb`` drawn in ``region`` (an RGB crop of the rendered frame around the
    text's glyphs). The background is every pixel that is not the text colour nor next to it (antialiased glyph
    edges); its worst tenth (the pixels closest in luminance to the text) decides the ratio, so text over a
    picture is judged by the picture's least favourable parts. None when the region is empty."""
    if region.width < 1 or region.height < 1:
        return None
    region = region.convert("RGB")
    # large text at high resolution: halve until strokes are a few pixels wide (cheaper, same answer)
    factor = max(1, int(glyph_px // 18), math.ceil(math.sqrt(region.width * region.height / MAX_MEASURED_PIXELS)))
    if factor > 1 and region.width // factor >= 4 and region.height // factor >= 4:
        region = region.reduce(factor)
    base = tuple(round(v) for v in text_rgb[:3])
    distance_bands = ImageChops.difference(region, Image.new("RGB", region.size, base)).split()
    distance = ImageChops.lighter(ImageChops.lighter(distance_bands[0], distance_bands[1]), distance_bands[2])
    far = _lightest(distance)
    if far < 12:  # every pixel is the text colour: the text cannot be seen at all
        text = blend(base, base, 1.0)
        return Contrast(1.0, 1.0, text, text, True)
    glyphs = distance.point(_below(far / 2))
    if glyphs.histogram()[255] > region.width * region.height * 0.6:
        # most of the box is the text's colour: that is the background, and the text is drawn in it
        text = blend(base, base, 1.0)
        return Contrast(1.0, 1.0, text, text, False)
    # the glyphs grown by a pixel each way (a 3×3 maximum): on a 0/255 mask a box blur is non-zero exactly
    # where the maximum is 255, and Pillow's box blur is several times faster than its rank filter
    halo = glyphs.filter(ImageFilter.BoxBlur(1)).point(_ANY)
    background = ImageChops.invert(halo)
    if background.histogram()[255] < region.width * region.height * 0.05:
        background = ImageChops.invert(glyphs)  # tiny or dense text: do without the halo
    stat = ImageStat.Stat(region, background)
    median = _median(stat)
    text = blend(base, median, max(0.0, min(1.0, opacity)))
    text_luminance = relative_luminance(text)
    histogram = _luminance_image(region).histogram(background)
    median_luminance = relative_luminance(median)
    # the worst background pixels are those nearest the text's luminance: darkest under light text, and so on
    worst_level = _percentile(histogram, 0.10, from_top=text_luminance > median_luminance)
    worst = ratio_of_luminances(text_luminance, worst_level / 255)
    typical = ratio_of_luminances(text_luminance, median_luminance)
    low, high = _percentile(histogram, 0.05, False), _percentile(histogram, 0.05, True)
    return Contrast(min(worst, typical), typical, text, median, high - low <= 6)
