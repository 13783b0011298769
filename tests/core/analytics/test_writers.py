"""The report written out (kiosk.core.analytics.writers): CSV files and a page, with and without matplotlib."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from kiosk.core.analytics import recorder as analytics
from kiosk.core.analytics.queries import build_report
from kiosk.core.analytics.writers import write_report

REPO = Path(__file__).resolve().parents[3]


def test_report_writes_csvs_and_a_page(big_db: Path, tmp_path: Path) -> None:
    report = build_report(big_db)
    started = time.perf_counter()
    index, charts = write_report(report, tmp_path / "out")
    print(f"\nreport files (charts: {charts}) written in {time.perf_counter() - started:.2f} s")
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {f"{name}.csv" for name in report.tables} <= names
    page = index.read_text(encoding="utf-8")
    assert "Chapter funnel" in page or "Chapters" in page
    for name in report.tables:
        assert f"{name}.csv" in page
    if charts:
        assert "sessions_per_day.png" in names and "chapter_funnel.png" in names
        assert "<img src='sessions_per_day.png'" in page
    header = (tmp_path / "out" / "chapter_funnel.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "chapter,sessions_reached,percent_of_sessions,sessions_completed,percent_completing"


def test_report_without_matplotlib_writes_tables_and_a_hint(big_db: Path, tmp_path: Path, monkeypatch,
                                                            capsys) -> None:
    from kiosk.cli import main

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    code = main(["report", "--db", str(big_db), "--out", str(tmp_path / "out"), "--since", "2025-03-01"])
    captured = capsys.readouterr()
    assert code == 0
    assert "pip install '.[report]'" in captured.err
    assert not list((tmp_path / "out").glob("*.png"))
    assert "pip install" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "sessions_per_day.csv").is_file()


def test_module_imports_no_plotting_or_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c",
         "import sys, kiosk.core.analytics.queries, kiosk.core.analytics.writers, kiosk.cli.report; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'PySide6')))"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=True,
    )
    assert result.stdout.strip() == "[]"
    assert analytics.DB_NAME == "analytics.sqlite3"
