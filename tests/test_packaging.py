"""What `pip install webtext-cleaner` gives: HTML works from the base install, and plain text
never pays for the HTML packages' import."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")


def project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]


def requirement_names(requirements: list) -> set:
    return {re.split(r"[\s<>=!~;\[]", r, 1)[0].lower().replace("_", "-") for r in requirements}


def test_html_packages_are_in_the_base_install() -> None:
    base = requirement_names(project()["dependencies"])
    assert {"trafilatura", "htmldate", "lxml-html-clean"} <= base


def test_html_extra_is_kept_as_an_alias_that_adds_nothing() -> None:
    # `pip install "webtext-cleaner[html]"` in existing scripts must not fail on an unknown extra.
    extras = project()["optional-dependencies"]
    assert extras["html"] == []
    for name, requirements in extras.items():
        assert not any("[html" in r or ",html" in r for r in requirements), (name, requirements)


def test_readme_does_not_send_html_users_to_an_extra() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(trafilatura, for HTML" not in text
    assert "trafilatura is\npart of the base install" in text


def test_plain_text_does_not_import_the_html_packages() -> None:
    """Importing cleaner and cleaning text stays light: trafilatura and lxml load for HTML only."""
    code = ("import sys, cleaner\n"
            "cleaner.clean('메뉴\\n정부가 새 정책을 발표했다. 시행은 내년부터다.')\n"
            "print(sorted(m for m in ('trafilatura', 'lxml', 'htmldate', 'justext') if m in sys.modules))\n"
            "cleaner.clean('<html><body><p>정부가 새 정책을 발표했다. 시행은 내년부터다.</p></body></html>')\n"
            "print('trafilatura' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    before, after_html = done.stdout.splitlines()
    assert before == "[]"
    assert after_html == "True"  # the check above can tell: HTML does load it
