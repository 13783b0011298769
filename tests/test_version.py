from pathlib import Path

import tomllib

import kiosk


def test_the_version_is_the_one_pyproject_declares() -> None:
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    assert kiosk.__version__ == project["version"]
