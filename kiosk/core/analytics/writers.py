"""The analytics report written out: one CSV file per table and an ``index.html`` with charts.

Charts need matplotlib (``pip install '.[report]'``), imported only here and only when charts are drawn;
without it the page has the tables alone.
"""

from __future__ import annotations

import csv
import html
import time
from pathlib import Path
from typing import Any

from kiosk.core.analytics.queries import Report


def write_csvs(report: Report, out: Path) -> list[Path]:
    written = []
    for t in report.tables.values():
        path = out / f"{t.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(t.headers)
            writer.writerows(t.rows)
        written.append(path)
    return written


def draw_charts(report: Report, out: Path) -> dict[str, str]:
    """PNG charts beside the page: {table name: file name}. Raises ImportError without matplotlib."""
    import matplotlib

    matplotlib.use("Agg")  # no display, and never a Qt backend
    import matplotlib.pyplot as plt

    t = report.tables
    charts: dict[str, str] = {}

    def save(name: str, fig: Any) -> None:
        fig.tight_layout()
        fig.savefig(out / f"{name}.png", dpi=100)
        plt.close(fig)
        charts[name] = f"{name}.png"

    def bars(name: str, labels: list[str], values: list[float], *, title: str, ylabel: str,
             horizontal: bool = False, size: tuple[float, float] = (9, 3.5)) -> None:
        fig, ax = plt.subplots(figsize=size)
        if horizontal:
            ax.barh(labels[::-1], values[::-1], color="#8c2f1b")
            ax.set_xlabel(ylabel)
        else:
            ax.bar(labels, values, color="#8c2f1b")
            ax.set_ylabel(ylabel)
            if len(labels) > 12:
                step = max(1, len(labels) // 12)
                ax.set_xticks(range(0, len(labels), step), [labels[i] for i in range(0, len(labels), step)],
                              rotation=45, ha="right")
        ax.set_title(title)
        save(name, fig)

    rows = t["sessions_per_day"].rows
    if rows:
        bars("sessions_per_day", [r[0] for r in rows], [r[1] for r in rows], title="Visits per day",
             ylabel="visits")
    rows = t["sessions_per_hour"].rows
    bars("sessions_per_hour", [f"{r[0]:02d}" for r in rows], [r[1] for r in rows],
         title="Visits by hour of day", ylabel="visits")
    rows = t["session_length"].rows
    bars("session_length", [r[0] for r in rows], [r[1] for r in rows], title="Length of visits", ylabel="visits")
    rows = t["chapter_funnel"].rows
    if rows:
        fig, ax = plt.subplots(figsize=(9, 0.5 * len(rows) + 1.5))
        labels = [r[0] for r in rows][::-1]
        ax.barh(labels, [r[1] for r in rows][::-1], color="#d9c7a7", label="reached")
        ax.barh(labels, [r[3] for r in rows][::-1], color="#8c2f1b", label="completed")
        ax.set_xlabel("visits")
        ax.set_title("Chapter funnel")
        ax.legend()
        save("chapter_funnel", fig)
    rows = t["languages"].rows
    if rows:
        bars("languages", [r[0] for r in rows], [r[1] for r in rows], title="Language visits started in",
             ylabel="visits", size=(5, 3))
    rows = t["endings"].rows
    if rows:
        bars("endings", [str(r[0]) for r in rows], [r[1] for r in rows], title="How visits ended",
             ylabel="visits", size=(6, 3))
    if "kiosks" in t:  # a fleet's report
        rows = t["kiosks"].rows
        bars("kiosks", [str(r[0]) for r in rows], [r[1] for r in rows], title="Visits per kiosk", ylabel="visits",
             horizontal=True, size=(9, 0.4 * len(rows) + 1.5))
        by_day = t["sessions_per_day_by_kiosk"]
        if by_day.rows:
            fig, ax = plt.subplots(figsize=(9, 3.5))
            days = [r[0] for r in by_day.rows]
            for column, name in enumerate(by_day.headers[1:-1], 1):
                ax.plot(days, [r[column] for r in by_day.rows], label=name)
            step = max(1, len(days) // 12)
            ax.set_xticks(range(0, len(days), step), days[::step], rotation=45, ha="right")
            ax.set_ylabel("visits")
            ax.set_title("Visits per day, per kiosk")
            ax.legend(fontsize="small")
            save("sessions_per_day_by_kiosk", fig)
    return charts


def write_html(report: Report, out: Path, charts: dict[str, str], note: str = "") -> Path:
    esc = html.escape
    period = f"{report.since or report.summary['first_day'] or '...'} to {report.until or report.summary['last_day']}"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Visitor report</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;"
        "text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
        "img{max-width:100%;display:block;margin:.5em 0}.note{background:#fff6d6;padding:.5em 1em}</style>",
        "</head><body>",
        "<h1>Testament Kiosk: visitor report</h1>",
        f"<p>Visits from {esc(period)}, from {_origin(report)}. "
        f"Made {esc(time.strftime('%Y-%m-%d %H:%M'))}. Every table is also a CSV file in this folder.</p>",
    ]
    if note:
        parts.append(f"<p class='note'>{esc(note)}</p>")
    for t in report.tables.values():
        parts.append(f"<h2 id='{esc(t.name)}'>{esc(t.title)}</h2>")
        if t.name in charts:
            parts.append(f"<img src='{esc(charts[t.name])}' alt='{esc(t.title)} (chart)'>")
        parts.append(f"<p><a href='{esc(t.name)}.csv'>{esc(t.name)}.csv</a></p>")
        parts.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in t.headers) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>" for row in t.rows]
        parts.append("</table>")
    parts.append("</body></html>")
    path = out / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _origin(report: Report) -> str:
    where = f"<code>{html.escape(str(report.db))}</code>"
    if not report.kiosks:
        return where
    return f"{len(report.kiosks)} kiosk(s) ({html.escape(', '.join(report.kiosks))}) in {where}"


MATPLOTLIB_HINT = "charts need matplotlib: pip install '.[report]' (the tables are written without it)"


def write_report(report: Report, out: Path, *, charts: bool = True) -> tuple[Path, bool]:
    """Write the CSVs and index.html into ``out``. Returns (index.html, whether charts were drawn)."""
    out.mkdir(parents=True, exist_ok=True)
    write_csvs(report, out)
    drawn: dict[str, str] = {}
    note = ""
    if charts:
        try:
            drawn = draw_charts(report, out)
        except ImportError:
            note = MATPLOTLIB_HINT
    return write_html(report, out, drawn, note), bool(drawn)
