"""Every recipe in README.md and docs/recipes.md runs as printed.

The code blocks are read from the markdown itself, so a recipe edited there is the recipe tested:
Python blocks run in the order of their page, in one namespace, as a reader pasting them one
after another would run them; shell blocks run line by line in a folder holding the inputs they
name (crawl.jsonl, crawl.jsonl.gz). Nothing is installed: a block whose package is not importable
here is skipped with that reason. README's `>>>` examples and ```console blocks are run by
test_readme.py; lines that install packages are not run (a test installs nothing).
"""
from __future__ import annotations

import ast
import gzip
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import List, NamedTuple, Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = (ROOT / "README.md", ROOT / "docs" / "recipes.md")


class Recipe(NamedTuple):
    document: Path
    line: int
    language: str
    code: str

    @property
    def name(self) -> str:
        return f"{self.document.name}:{self.line}:{self.language}"


def code_blocks(document: Path) -> List[Recipe]:
    text = document.read_text(encoding="utf-8")
    blocks = []
    for match in re.finditer(r"^```(python|sh)\n(.*?)^```", text, re.S | re.M):
        line = text.count("\n", 0, match.start()) + 1
        blocks.append(Recipe(document, line, match.group(1), match.group(2)))
    return blocks


PYTHON = [b for d in DOCUMENTS for b in code_blocks(d)
          if b.language == "python" and not b.code.lstrip().startswith(">>>")]
SHELL = [b for d in DOCUMENTS for b in code_blocks(d) if b.language == "sh"]


def test_the_recipes_are_found() -> None:
    assert len(PYTHON) >= 5 and len(SHELL) >= 3  # a changed fence must not silently test nothing


def missing_module(code: str) -> Optional[str]:
    """The first top-level module the code imports that is not installed here, or None."""
    for node in ast.walk(ast.parse(code)):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                 else [])
        for name in names:
            top = name.split(".")[0]
            if importlib.util.find_spec(top) is None:
                return top
    return None


@pytest.mark.parametrize("recipe", PYTHON, ids=[b.name for b in PYTHON])
def test_python_recipe_runs_as_printed(recipe: Recipe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = missing_module(recipe.code)
    if missing:
        pytest.skip(f"needs {missing}, which is not installed here")
    monkeypatch.chdir(tmp_path)  # what a recipe writes goes here
    namespace: dict = {"__name__": "__recipe__"}
    # The blocks before it on the same page first (those that can run here), as a reader has.
    for earlier in PYTHON:
        if earlier.document == recipe.document and earlier.line < recipe.line and not missing_module(earlier.code):
            exec(compile(earlier.code, earlier.name, "exec"), namespace)
    exec(compile(recipe.code, recipe.name, "exec"), namespace)


def test_spark_recipe_starts_its_session_before_declaring_the_udf() -> None:
    """Checked here too, because Spark is rarely installed where the tests run: a pandas_udf
    declared before any session exists fails (its return type is parsed by the JVM)."""
    (spark,) = [b.code for b in PYTHON if "pandas_udf" in b.code]
    assert spark.index("getOrCreate()") < spark.index("@pandas_udf")


PAGE = ("<html><head><title>{title}</title></head><body><nav>메뉴 정치 경제</nav><article><h1>{title}</h1>"
        "<p>정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다.</p>"
        "<p>시민단체는 이번 발표를 환영하면서도 세부 기준이 더 필요하다고 밝혔다.</p></article>"
        "<footer>무단 전재 및 재배포 금지</footer></body></html>")
TEXT = "전체메뉴\n로그인\n{title}\n정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다.\n무단 전재 및 재배포 금지"


def crawl_inputs(folder: Path) -> None:
    """What the shell recipes read: pages of two sites, as text and as HTML."""
    records = [{"id": n, "url": f"https://{site}/news/{n}", "text": TEXT.format(title=f"기사 제목 {n}"),
                "html": PAGE.format(title=f"기사 제목 {n}")}
               for n, site in enumerate(["news.example.kr", "daily.example.kr"] * 6)]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    (folder / "crawl.jsonl").write_bytes(data)
    (folder / "crawl.jsonl.gz").write_bytes(gzip.compress(data))


def commands(code: str) -> List[str]:
    return [line.split("#", 1)[0].strip() for line in code.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("recipe", SHELL, ids=[b.name for b in SHELL])
def test_shell_recipe_runs_as_printed(recipe: Recipe, tmp_path: Path) -> None:
    if "pip install" in recipe.code:
        pytest.skip("installs packages (the set-up; tests install nothing)")
    crawl_inputs(tmp_path)
    for command in commands(recipe.code):
        assert re.match(r"cleaner\b", command), command  # only our own command is run here
        shell = f"{sys.executable} -m cleaner{command[len('cleaner'):]}"
        done = subprocess.run(shell, shell=True, cwd=tmp_path, capture_output=True, timeout=300)
        assert done.returncode == 0, (command, done.stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in done.stderr
    for written in tmp_path.glob("*.jsonl"):  # what the recipes wrote is records, one per input line
        if written.name != "crawl.jsonl":
            assert len(written.read_bytes().splitlines()) == 12, written.name
