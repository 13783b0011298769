"""PySide6 imported the kiosk's way (kiosk/qt/__init__.py): its support modules, which it compiles from embedded
source at every start, are compiled once and then read back; whatever is wrong with the kept code only costs the
compiling again. Each import happens in a fresh process, as a start does."""

from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path

# counts the support modules actually compiled while kiosk.qt imports PySide6, with the kept code at argv[1]
IMPORT = """
import builtins, sys
from pathlib import Path
import kiosk.paths
kiosk.paths.pyside_code_cache = lambda: Path(sys.argv[1])
compiled = []
real = builtins.compile
def counting(source, filename, mode, *args, **kwargs):
    if str(filename).startswith("shibokensupport/"):
        compiled.append(filename)
    return real(source, filename, mode, *args, **kwargs)
builtins.compile = counting
import kiosk.qt
assert builtins.compile is counting, "compile is put back"
assert builtins.__import__ is builtins.__orig_import__, "Python's own import is put back"
from PySide6.QtCore import QObject  # usable
print(len(compiled))
"""


def compiled_at_a_start(cache: Path) -> int:
    done = subprocess.run([sys.executable, "-c", IMPORT, str(cache)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


def test_pysides_support_code_is_compiled_once_then_read_back(tmp_path: Path) -> None:
    cache = tmp_path / "pycache" / "shibokensupport.codecache"
    first = compiled_at_a_start(cache)
    assert first >= 10
    version, code = marshal.loads(cache.read_bytes())
    assert version == sys.version and len(code) == first
    assert compiled_at_a_start(cache) == 0


def test_kept_code_that_no_longer_matches_is_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "shibokensupport.codecache"
    compiled_at_a_start(cache)
    version, code = marshal.loads(cache.read_bytes())
    (filename, source), compiled = next(iter(code.items()))
    del code[filename, source]
    code[filename, source + b"\n"] = compiled  # as if PySide6 had been upgraded under it
    cache.write_bytes(marshal.dumps((version, code)))
    assert compiled_at_a_start(cache) == 1
    assert compiled_at_a_start(cache) == 0


def test_a_broken_or_foreign_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "shibokensupport.codecache"
    for junk in (b"", b"\x00not marshal at all", marshal.dumps(("2.7.18 (another Python)", {})), marshal.dumps(42)):
        cache.write_bytes(junk)
        assert compiled_at_a_start(cache) >= 10, junk
        assert compiled_at_a_start(cache) == 0, junk


def test_a_place_that_cannot_be_written_only_costs_the_compiling(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    assert compiled_at_a_start(blocked / "shibokensupport.codecache") >= 10
    assert compiled_at_a_start(blocked / "shibokensupport.codecache") >= 10
    assert [p.name for p in tmp_path.iterdir()] == [blocked.name]


# what PySide6 says when a Qt function is called wrongly: the text its support modules build from C++ signatures
WRONG_CALLS = """
import sys
if sys.argv[1] == "kiosk":
    import kiosk.qt
import re
from PySide6.QtCore import QObject, QTimer
from PySide6.support.signature import parser
from PySide6.support.signature.lib import pyi_generator
said = []
for call in (lambda: QObject().setObjectName(1), lambda: QTimer.singleShot("x"), lambda: QObject().blockSignals()):
    try:
        call()
    except TypeError as error:
        said.append(str(error))
print(type(pyi_generator.Formatter.opt_uni_searcher).__name__, re.compile.__module__)
print(parser.arglistParser.parse("a, b[c, d], e"))
print(pyi_generator.Formatter.opt_uni_searcher.sub("X", "typing.Optional[int]"))
print("\\n".join(said))
"""


def test_the_support_modules_patterns_wait_to_be_used_and_then_say_what_they_said() -> None:
    def run(how: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", WRONG_CALLS, how], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    kiosk, plain = run("kiosk"), run("plain")
    assert kiosk[0] == "DeferredPattern re" and plain[0] == "Pattern re"  # and re.compile is Python's again
    assert kiosk[1] == "['a', 'b[c, d]', 'e']"
    assert kiosk[1:] == plain[1:]
    assert any("Supported signatures" in line for line in kiosk)
