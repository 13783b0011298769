"""The proof run's outputs for people: contact sheets (PNG), index.html, and report.json.

A contact sheet shows every view of one language at one screen shape as captioned thumbnails (a red mark and
count on views with problems). index.html shows all the sheets, each thumbnail linked to its full-size
screenshot through an image map, followed by the report: every problem once, with the content file and field
(and line) that causes it, the QML file that lays it out, and links to the screenshots where it shows, and the
audio column: per view, what is spoken in each language and for how long.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from string import Template

from PIL import Image, ImageDraw

from kiosk.core.media import fonts
from kiosk.core.media.palette import INK, INK_SOFT, PALETTE, PAPER, PAPER_DARK, RED, RED_DARK
from kiosk.core.presentation.screens import view_label
from kiosk.core.proof.findings import CHECKS, ERROR, group_findings, summary
from kiosk.tools.proof import manifest

GAP = 16
CAPTION_HEIGHT = 44
MARGIN = 32
HEADER_HEIGHT = 84
MAX_SHEET_WIDTH = 2400


@dataclass
class Sheet:
    language: str
    shape: str
    path: str  # relative to the output folder
    size: tuple[int, int]
    cells: list[tuple[tuple[int, int, int, int], str, str]]  # (box, screenshot path, caption)


def _font(role: str, size: int):
    try:
        return fonts.font(role, size)
    except fonts.FontMissingError:
        from PIL import ImageFont

        return ImageFont.load_default()


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def contact_sheet(result, language: str, shape, out: Path) -> Sheet:
    shots = [s for s in result.shots if s.language == language and s.shape == shape]
    thumb_w = max(s.thumb.width for s in shots)
    thumb_h = max(s.thumb.height for s in shots)
    columns = max(1, min(len(shots), (MAX_SHEET_WIDTH - 2 * MARGIN + GAP) // (thumb_w + GAP)))
    rows = math.ceil(len(shots) / columns)
    width = 2 * MARGIN + columns * thumb_w + (columns - 1) * GAP
    height = HEADER_HEIGHT + MARGIN + rows * (thumb_h + CAPTION_HEIGHT + GAP)
    sheet = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(sheet)
    title = _font("serif-bold", 30)
    small = _font("sans", 17)
    bold = _font("sans-bold", 17)
    errors = sum(s.problems for s in shots)
    draw.text((MARGIN, 22), f"{language} · {shape.name}", font=title, fill=INK)
    reach = result.mounting_height_mm
    detail = (
        f"{shape.diagonal:g}-inch screen, {shape.px_per_mm:.2f} px/mm · "
        + (f"low reach, mounted at {reach:g} mm · " if reach is not None else "")
        + f"{len(shots)} views · "
        f"{errors} problem{'s' if errors != 1 else ''} marked in red"
    )
    heading_width = draw.textlength(f"{language} · {shape.name}", font=title)
    draw.text((MARGIN + 12 + heading_width, 34), detail, font=small, fill=INK_SOFT)
    cells = []
    for number, shot in enumerate(shots):
        row, column = divmod(number, columns)
        x = MARGIN + column * (thumb_w + GAP)
        y = HEADER_HEIGHT + row * (thumb_h + CAPTION_HEIGHT + GAP)
        draw.rectangle((x - 1, y - 1, x + thumb_w, y + thumb_h), fill=PAPER_DARK)
        offset_x = x + (thumb_w - shot.thumb.width) // 2
        sheet.paste(shot.thumb, (offset_x, y))
        frame = RED if shot.problems else (INK_SOFT if not shot.warnings else RED_DARK)
        draw.rectangle(
            (offset_x - 1, y - 1, offset_x + shot.thumb.width, y + shot.thumb.height),
            outline=frame, width=3 if shot.problems else 1,
        )
        caption = view_label(shot.view)
        badge = ""
        if shot.problems:
            badge = f"{shot.problems}"
        elif not shot.opened or shot.blank:
            badge = "!"
        text_width = thumb_w - (34 if badge else 0)
        draw.text((x, y + thumb_h + 6), _fit(draw, caption, small, text_width), font=small, fill=INK)
        draw.text((x, y + thumb_h + 25), shot.view.link, font=_font("sans", 13), fill=INK_SOFT)
        if badge:
            bx = x + thumb_w - 28
            draw.rounded_rectangle((bx, y + thumb_h + 6, bx + 28, y + thumb_h + 30), radius=5, fill=RED)
            draw.text((bx + 14, y + thumb_h + 18), badge, font=bold, fill=PAPER, anchor="mm")
        cells.append(((offset_x, y, offset_x + shot.thumb.width, y + shot.thumb.height), shot.path, caption))
    relative = f"sheets/{language}-{shape.name}.png"
    target = out / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, compress_level=3)
    return Sheet(language, shape.name, relative, sheet.size, cells)


def report_json(result, sheets: list[Sheet]) -> dict:
    groups = group_findings(result.findings)
    return {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "content": str(result.content_root),
        "seconds": round(result.seconds, 1),
        "render_seconds": round(result.render_seconds, 1),  # the rendering loop, before the last PNGs are written
        "languages": result.languages,
        "shapes": [
            {"name": s.name, "width": s.width, "height": s.height, "diagonal_inches": s.diagonal,
             "px_per_mm": round(s.px_per_mm, 3)}
            for s in result.shapes
        ],
        "screens": result.screen_types,
        "views": [v._asdict() for v in result.views],
        "images": len(result.shots),
        "qml_warnings": result.qml_warnings,
        "shots": [
            {"path": s.path, "view": s.view.name, "link": s.view.link, "language": s.language, "shape": s.shape.name,
             "opened": s.opened, "blank": s.blank, "errors": s.problems, "warnings": s.warnings}
            for s in result.shots
        ],
        "sheets": [{"path": s.path, "language": s.language, "shape": s.shape} for s in sheets],
        "summary": summary(result.findings),
        "waiting_for_photographs": result.waiting,
        "low_reach_mounting_height_mm": result.mounting_height_mm,
        "narration": narration_rows(result),
        "checks": CHECKS,
        "findings": [g.to_json() for g in groups],
    }


def narration_rows(result) -> list[dict]:
    """The audio column: per view, in each language, the items spoken, those without narration and the length."""
    rows = []
    for view in result.views:
        row: dict = {"view": view.name, "link": view.link}
        for language in result.languages:
            spoken = result.narration.get((view.name, language))
            if spoken is not None:
                row[language] = {"items": spoken.items, "missing": spoken.missing, "seconds": round(spoken.seconds, 1)}
        rows.append(row)
    return rows


def draw_sheets(result, out: Path) -> list[Sheet]:
    return [contact_sheet(result, language, shape, out) for shape in result.shapes for language in result.languages]


def write_outputs(result, out: Path) -> tuple[Path, Path, list[Sheet]]:
    """The contact sheets (unless the run drew them already), report.json, index.html and the manifest; then
    the pictures that the previous run into ``out`` made and this one did not make again are removed."""
    sheets = result.sheets or draw_sheets(result, out)
    data = report_json(result, sheets)
    report = out / "report.json"
    report.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    index = out / "index.html"
    index.write_text(render_html(result, sheets, data), encoding="utf-8")
    files = {shot.path: shot.record for shot in result.shots}
    files.update((sheet.path, manifest.record(out, sheet.path)) for sheet in sheets)
    previous = manifest.load(out)  # still the previous run's: it is replaced only now
    manifest.save(out, files)
    manifest.remove_stale(out, previous, set(files))
    return index, report, sheets


# --- index.html --------------------------------------------------------------------------------------------------

# The palette's colours by name ($paper_dark is "paper-dark"); the table's two lighter tints are the sheet's own.
_STYLE = Template("""
body { font-family: "PT Sans", sans-serif; background: $paper; color: $ink; margin: 2rem; line-height: 1.4; }
h1, h2, h3 { font-family: "PT Serif", serif; } h1 { margin-bottom: .2rem; }
.meta { color: $ink_soft; } a { color: $red_dark; }
.sheet { margin: 1.5rem 0 2.5rem; } .sheet img { max-width: 100%; height: auto; border: 1px solid $ink_soft; }
table { border-collapse: collapse; width: 100%; background: #F6F0E2; font-size: .95rem; }
th, td { border-bottom: 1px solid #CDBE9E; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: $paper_dark; position: sticky; top: 0; }
.error { color: #FFFFFF; background: $red; padding: 0 .4rem; border-radius: 3px; font-weight: bold; }
.warning { color: $ink; background: $gold; padding: 0 .4rem; border-radius: 3px; }
code { font-family: "PT Mono", monospace; font-size: .9em; } .shots a { margin-right: .4rem; white-space: nowrap; }
nav a { margin-right: 1rem; } .legend td:first-child { white-space: nowrap; }
""").substitute({name.replace("-", "_"): colour for name, colour in PALETTE.items()})


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(result, sheets: list[Sheet], data: dict) -> str:
    totals = data["summary"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Proof sheets — Testament Kiosk</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Proof sheets</h1>",
        f"<p class='meta'>Content <code>{_e(result.content_root)}</code> · {len(result.views)} views × "
        f"{len(result.languages)} languages × {len(result.shapes)} screen shapes = {len(result.shots)} images · "
        f"rendered in {result.seconds:.1f} s · {_e(data['generated'])}</p>",
        f"<p><strong>{totals['errors']}</strong> problem(s) and <strong>{totals['warnings']}</strong> warning(s) "
        f"({totals['occurrences']} occurrences). <a href='#report'>Go to the report</a> · "
        "<a href='report.json'>report.json</a></p>",
        "<nav>"
        + "".join(f"<a href='#sheet-{_e(s.language)}-{_e(s.shape)}'>{_e(s.language)} {_e(s.shape)}</a>" for s in sheets)
        + "</nav>",
    ]
    for number, sheet in enumerate(sheets):
        anchor = f"sheet-{sheet.language}-{sheet.shape}"
        parts.append(f"<section class='sheet' id='{_e(anchor)}'><h2>{_e(sheet.language)} · {_e(sheet.shape)}</h2>")
        parts.append(
            f"<img src='{_e(sheet.path)}' usemap='#map{number}' width='{sheet.size[0]}' height='{sheet.size[1]}' "
            f"alt='Contact sheet {_e(sheet.language)} {_e(sheet.shape)}'>"
        )
        parts.append(f"<map name='map{number}'>")
        for (left, top, right, bottom), path, caption in sheet.cells:
            parts.append(
                f"<area shape='rect' coords='{left},{top},{right},{bottom}' href='{_e(path)}' "
                f"alt='{_e(caption)}' title='{_e(caption)}'>"
            )
        parts.append("</map><p class='meta'>Click a thumbnail for the full-size screenshot.</p></section>")
    if data["waiting_for_photographs"]:
        # not problems: each slot shows an illustration made for it until its photograph arrives
        parts.append("<h2 id='waiting'>Slots waiting for an archival photograph</h2><table><thead><tr><th>content"
                     "</th><th>shows now</th><th>wanted</th><th>credit to use</th></tr></thead><tbody>")
        for slot in data["waiting_for_photographs"]:
            parts.append(f"<tr><td><code>{_e(slot['file'])}</code><br><code>{_e(slot['field'])}</code></td>"
                         f"<td><code>{_e(slot['shows'])}</code></td><td>{_e(slot['wanted'])}</td>"
                         f"<td>{_e(slot['credit'])}</td></tr>")
        parts.append("</tbody></table>")
    if result.mounting_height_mm is not None:
        parts.insert(5, f"<p>Rendered in <strong>low reach</strong>, the screens' bottom edge "
                        f"{result.mounting_height_mm:g} mm above the floor.</p>")
    parts += _narration_table(data["narration"], result.languages)
    parts.append("<h2 id='report'>Report</h2>")
    if not data["findings"]:
        parts.append("<p>No problems found.</p>")
    else:
        parts.append(
            "<table><thead><tr><th>severity</th><th>check</th><th>what</th><th>content: file, line, field</th>"
            "<th>layout</th><th>where it shows</th></tr></thead><tbody>"
        )
        for group in data["findings"]:
            if group["file"]:
                where = f"<code>{_e(group['file'])}:{group['line']}</code><br><code>{_e(group['field'])}</code>"
            elif group["fields"]:  # a layout problem: the texts it shows on
                shown_on = "<br>".join(f"<code>{_e(f)}</code>" for f in group["fields"][:8])
                extra = len(group["fields"]) - 8
                where = shown_on + (f"<br>and {extra} more" if extra > 0 else "")
            else:
                where = "<span class='meta'>interface</span>"
            shots = "".join(
                f"<a href='{_e(o['image'])}'>{_e(o['language'])}/{_e(o['shape'])}/{_e(o['view'])}</a>"
                for o in _distinct_images(group["occurrences"])[:6]
            )
            more = group["count"] - min(6, len(_distinct_images(group["occurrences"])))
            text = f"<br><em>{_e(group['text'])}</em>" if group["text"] else ""
            parts.append(
                f"<tr><td><span class='{_e(group['severity'])}'>{_e(group['severity'])}</span></td>"
                f"<td>{_e(group['check'])}</td><td>{_e(group['message'])}{text}</td><td>{where}</td>"
                f"<td><code>{_e(group['qml'])}</code></td>"
                f"<td class='shots'>{shots}{f' and {more} more' if more > 0 else ''}"
                f"<br><span class='meta'>{', '.join(group['languages'])} · {', '.join(group['shapes'])}</span>"
                "</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("<h3>What is checked</h3><table class='legend'>")
    for name, meaning in CHECKS.items():
        parts.append(f"<tr><td><code>{_e(name)}</code></td><td>{_e(meaning)}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts)


def _narration_table(rows: list[dict], languages: list[str]) -> list[str]:
    if not any(language in row for row in rows for language in languages):
        return []
    parts = ["<h2 id='narration'>Narration</h2><table><thead><tr><th>view</th>"]
    parts += [f"<th>{_e(language)}</th>" for language in languages]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append(f"<tr><td>{_e(row['view'])}</td>")
        for language in languages:
            spoken = row.get(language)
            if spoken is None or not spoken["items"]:
                parts.append("<td class='meta'>nothing to speak</td>")
                continue
            cell = f"{spoken['seconds']:.0f} s" if spoken["seconds"] else ""
            if spoken["missing"]:
                cell += f" <span class='warning'>no narration: {_e(', '.join(spoken['missing']))}</span>"
            parts.append(f"<td>{cell}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return parts


def _distinct_images(occurrences: list[dict]) -> list[dict]:
    seen, out = set(), []
    for occurrence in occurrences:
        if occurrence["image"] and occurrence["image"] not in seen:
            seen.add(occurrence["image"])
            out.append(occurrence)
    return out


def terminal_lines(result, limit: int = 40) -> list[str]:
    """The report for a terminal: one line per problem, errors first."""
    lines = []
    for group in group_findings(result.findings)[:limit]:
        worst = group.worst
        where = group.where or "(interface)"
        languages = ", ".join(sorted({f.language for f in group.occurrences if f.language}))
        shown = f"{len({f.view for f in group.occurrences})} view(s), {languages}"
        tag = "ERROR" if group.severity == ERROR else "warn "
        text = f" “{group.text}”" if group.text and len(group.text) < 50 else ""
        layout = f" ({group.qml})" if group.qml and group.file else ""
        fields = group.fields
        if not group.file and fields:  # a layout problem: which texts it shows on
            more = f" and {len(fields) - 2} more" if len(fields) > 2 else ""
            text = f" on {', '.join(fields[:2])}{more}"
        lines.append(f"{tag} {group.check:<13} {where}{layout}{text}: {worst.message} [{shown}]")
    rest = len(group_findings(result.findings)) - limit
    if rest > 0:
        lines.append(f"… and {rest} more in the report")
    for language in result.languages:
        spoken = [n for (_view, lang), n in result.narration.items() if lang == language]
        if spoken:
            silent = sum(1 for n in spoken if n.items and len(n.missing) == len(n.items))
            lines.append(
                f"narration {language}: {sum(n.seconds for n in spoken) / 60:.1f} min over {len(spoken)} views, "
                f"{sum(1 for n in spoken if n.missing)} missing some, {silent} silent"
            )
    return lines
