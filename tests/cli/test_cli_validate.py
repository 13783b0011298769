"""``kiosk validate`` and ``kiosk schema --check``, run in-process as a curator or CI would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import files, write_content
from problemkit import position_of, write_many_mistakes

from kiosk.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from kiosk.core.content.schema import schema_documents, write_schemas

CH1 = "chapters/one.json"


def two_mistakes_and_a_warning(data: dict) -> None:
    data[CH1]["slides"][0]["people"].append("trotsky")
    data["timeline.json"]["events"][0]["date"] = "1924-02-30"
    data["strings.json"]["strings"]["retired_button"] = {"en": "Old", "ru": "Old"}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content", files())


@pytest.fixture
def broken_content(tmp_path: Path) -> Path:
    data = files()
    two_mistakes_and_a_warning(data)
    return write_content(tmp_path / "content", data)


def test_valid_content_exits_0(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(content)]) == EXIT_OK

    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{content}: 0 error(s), 0 warning(s)\n"


def test_problems_exit_1_with_located_lines_grouped_by_file(
    broken_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(broken_content)]) == EXIT_PROBLEMS

    out, err = capsys.readouterr()
    person = position_of(broken_content / CH1, '"trotsky"')
    date = position_of(broken_content / "timeline.json", '"1924-02-30"')
    unused = position_of(broken_content / "strings.json", '"retired_button": ', shift=len('"retired_button": '))
    assert out.splitlines() == [
        CH1,
        f"  {CH1}:{person[0]}:{person[1]}: slides[0].people[1]: no person with id 'trotsky' in people.json",
        "",
        "strings.json",
        f"  strings.json:{unused[0]}:{unused[1]}: warning: strings.retired_button: "
        "'retired_button' is not used by the interface",
        "",
        "timeline.json",
        f"  timeline.json:{date[0]}:{date[1]}: events[0].date: "
        "'1924-02-30' is not a real date (day is out of range for month)",
    ]
    assert err == f"{broken_content}: 2 error(s), 1 warning(s)\n"


def test_warnings_alone_exit_0_but_are_printed(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "people.json").write_text(
        (content / "people.json").read_text(encoding="utf-8").replace('"$schema"', '"$schema_"'), encoding="utf-8"
    )

    assert main(["validate", str(content)]) == EXIT_PROBLEMS  # "$schema_" is an unknown key: an error

    data = files()
    data["people.json"].pop("$schema")
    write_content(content, data)
    capsys.readouterr()
    assert main(["validate", str(content)]) == EXIT_OK

    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "people.json",
        '  people.json:1:1: warning: $schema: add "$schema": "schema/people.schema.json" so your editor checks '
        "this file as you type",
    ]
    assert err == f"{content}: 0 error(s), 1 warning(s)\n"


def test_a_folder_that_does_not_exist_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"

    assert main(["validate", str(missing)]) == EXIT_USAGE

    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"kiosk validate: {missing} is not a folder\n"


def test_a_sources_folder_that_does_not_exist_exits_2(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = content.parent / "no-sources"

    assert main(["validate", str(content), "--sources", str(missing)]) == EXIT_USAGE

    assert capsys.readouterr().err == f"kiosk validate: --sources {missing} is not a folder\n"


def test_json_output(broken_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken_content), "--json"]) == EXIT_PROBLEMS

    report = json.loads(capsys.readouterr().out)
    assert report["content"] == str(broken_content)
    problems = report["problems"]
    assert all(set(p) == {"file", "line", "column", "field", "message", "severity"} for p in problems)
    line, column = position_of(broken_content / CH1, '"trotsky"')
    assert problems[0] == {
        "file": CH1,
        "line": line,
        "column": column,
        "field": "slides[0].people[1]",
        "message": "no person with id 'trotsky' in people.json",
        "severity": "error",
    }
    assert [(p["file"], p["severity"]) for p in problems] == [
        (CH1, "error"),
        ("strings.json", "warning"),
        ("timeline.json", "error"),
    ]


def test_json_output_for_valid_content(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(content), "--json"]) == EXIT_OK

    assert json.loads(capsys.readouterr().out) == {
        "content": str(content), "problems": [], "waiting_for_photographs": []
    }


def test_sources_option_proves_external_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = files()
    quote = data[CH1]["slides"][1]["quote"]
    quote["source"] = "article"
    quote["text"]["en"] = "The testament was hidden"
    content = write_content(tmp_path / "content", data)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "article.txt").write_text("The testament was hidden from the party.\n", encoding="utf-8")

    assert main(["validate", str(content)]) == EXIT_OK
    out, _ = capsys.readouterr()
    line, column = position_of(content / "sources/sources.json", '"article.txt"')
    assert out.splitlines() == [
        "sources/sources.json",
        f"  sources/sources.json:{line}:{column}: warning: sources[1].external_file: the text of source 'article' "
        "(article.txt) is not here (pass --sources DIR): 1 quote not proven",
    ]

    assert main(["validate", str(content), "--sources", str(shared)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith(": 0 error(s), 0 warning(s)\n")

    (shared / "article.txt").write_text("The testament was concealed from the party.\n", encoding="utf-8")
    assert main(["validate", str(content), "--sources", str(shared)]) == EXIT_PROBLEMS
    assert "quote is not verbatim in source 'article'" in capsys.readouterr().out


def test_every_planted_mistake_is_printed_in_one_run_without_a_traceback(tmp_path: Path) -> None:
    content = tmp_path / "content"
    seeded = write_many_mistakes(content)

    # The real command, as a curator runs it, in its own process.
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(content)], capture_output=True, text=True, timeout=120
    )

    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == EXIT_PROBLEMS
    printed = [line.removeprefix("  ") for line in run.stdout.splitlines() if line.startswith("  ")]
    assert sorted(printed) == sorted(s.format() for s in seeded)
    assert run.stderr == f"{content}: {len(seeded)} error(s), 0 warning(s)\n"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_USAGE
    assert "validate" in capsys.readouterr().out


# --- kiosk schema -------------------------------------------------------------------------------------------


def test_schema_check_passes_when_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_schemas(tmp_path)

    assert main(["schema", str(tmp_path), "--check"]) == EXIT_OK
    assert capsys.readouterr().out == ""


def test_schema_check_fails_when_a_schema_is_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_schemas(tmp_path)
    stale = tmp_path / "schema" / "chapter.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Must match the file name", "Old help"))
    (tmp_path / "schema" / "people.schema.json").unlink()

    assert main(["schema", str(tmp_path), "--check"]) == EXIT_PROBLEMS

    assert capsys.readouterr().out.splitlines() == [
        "out of date: schema/chapter.schema.json (run 'kiosk schema')",
        "out of date: schema/people.schema.json (run 'kiosk schema')",
    ]
    assert "Old help" in stale.read_text(encoding="utf-8"), "--check must not rewrite anything"


def test_schema_writes_the_schemas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", str(tmp_path)]) == EXIT_OK

    written = sorted(Path(line.removeprefix("wrote ")).name for line in capsys.readouterr().out.splitlines())
    assert written == sorted(schema_documents())
    assert main(["schema", str(tmp_path), "--check"]) == EXIT_OK
    assert main(["schema", str(tmp_path)]) == EXIT_OK
    assert capsys.readouterr().out == ""  # nothing changed, nothing written
