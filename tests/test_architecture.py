"""The house as the data flows (docs/architecture.md), read from the code's own imports.

Every module of the package stands on one floor, the floors in the order the data flows:
decode -> segment -> classify -> repair -> settle, with the values and data every stage shares
at the bottom and the faces (API, CLI, integrations) on top. A module imports only from its
own floor or below; the import graph has no cycle; and the package's own modules are imported
at the top of a file, where a reader sees them, never inside a function (third-party modules
that are heavy or optional may be, and are: trafilatura, lxml, kiwipiepy ...).
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"

# Bottom to top. A module on a floor may import modules on its own floor and the floors below.
FLOORS: List[Tuple[str, Set[str]]] = [
    # The values that flow (Block, Fix, Result), the Config, character classes, the data-file
    # loader and process helpers: every stage may use them; they use no stage.
    ("ground", {"cleaner.document", "cleaner.config", "cleaner.chars", "cleaner.datafiles", "cleaner.patterns",
                "cleaner.wrapgen", "cleaner.progress", "cleaner.workers"}),
    # Named patterns read from the data files (used by segment's HTML helpers and by classify).
    ("rules", {"cleaner.rules"}),
    ("decode", {"cleaner.decode"}),
    ("segment", {"cleaner.segment", "cleaner.blocks", "cleaner.html", "cleaner.html_dom"}),
    ("classify", {"cleaner.classify"}),
    ("repair", {"cleaner.spacing"}),  # and every module under cleaner/spacing/
    ("settle", {"cleaner.settle"}),
    # Site-template profiles: learnt from what segment cuts, read by the pipeline.
    ("corpus", {"cleaner.templates"}),
    ("pipeline", {"cleaner.pipeline"}),
    ("face", {"cleaner", "cleaner.__main__", "cleaner.cli", "cleaner.jsonl", "cleaner.evaluate",
              "cleaner.integrations"}),  # and every module under cleaner/integrations/
]

# Imports of the package inside a function, allowed by name (none now; kept so an exception
# must be written down here, and so a stale one fails).
KNOWN_ELSEWHERE: Set[Tuple[str, str, str]] = set()
# Imports back up the flow, allowed by name (none now).
KNOWN_UPWARD: Set[Tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: Dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def floor_of(module: str) -> int:
    for number, (_, members) in enumerate(FLOORS):
        for member in members:
            if module == member or (member != "cleaner" and module.startswith(member + ".")):
                return number
    raise AssertionError(f"{module} stands on no floor: place it in FLOORS (tests/test_architecture.py)")


def resolve(node: ast.AST, importer: str) -> Iterator[str]:
    """The package's modules an import statement loads (nothing for third-party imports)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == "cleaner" or alias.name.startswith("cleaner."):
                yield alias.name
        return
    assert isinstance(node, ast.ImportFrom)
    base = node.module or ""
    if node.level:  # relative: from the importer's package
        package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    if not (base == "cleaner" or base.startswith("cleaner.")):
        return
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in MODULES else base


def imports() -> Iterator[Tuple[str, str, str]]:
    """(importer, imported, enclosing function or "") for every import of the package."""
    for importer, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def walk(node: ast.AST, function: str) -> Iterator[Tuple[str, str, str]]:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for imported in resolve(child, importer):
                        yield importer, imported, function
                inside = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
                yield from walk(child, inside)

        yield from walk(tree, "")


EDGES = sorted({(a, b) for a, b, _ in imports() if a != b})


def test_every_module_stands_on_a_floor() -> None:
    for module in MODULES:
        floor_of(module)


def test_no_import_runs_back_up_the_flow() -> None:
    upward = [f"{a} ({FLOORS[floor_of(a)][0]}) imports {b} ({FLOORS[floor_of(b)][0]})"
              for a, b in EDGES if floor_of(b) > floor_of(a) and (a, b) not in KNOWN_UPWARD]
    assert not upward, "imports back up the flow:\n" + "\n".join(upward)
    assert KNOWN_UPWARD <= set(EDGES), "an exception that no longer exists: strike it from KNOWN_UPWARD"


def test_the_import_graph_has_no_cycle() -> None:
    graph: Dict[str, List[str]] = {}
    for a, b in EDGES:
        graph.setdefault(a, []).append(b)
    state: Dict[str, int] = {}  # 1: on the current path, 2: done
    path: List[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in graph.get(module, []):
            if state.get(imported) == 1:
                cycle = path[path.index(imported):] + [imported]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if imported not in state:
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_package_is_imported_at_the_top_of_a_file() -> None:
    found = {(str(MODULES[a].relative_to(PACKAGE.parent)), function, b)
             for a, b, function in imports() if function}
    hidden = sorted(found - KNOWN_ELSEWHERE)
    assert not hidden, "imports of the package inside a function:\n" + "\n".join(map(str, hidden))
    stale = sorted(KNOWN_ELSEWHERE - found)
    assert not stale, "gone from the code, strike from KNOWN_ELSEWHERE:\n" + "\n".join(map(str, stale))


def test_the_checks_see_what_they_are_meant_to() -> None:
    # The reader of the graph itself: it sees the stage imports the pipeline is made of.
    assert ("cleaner.pipeline", "cleaner.segment") in EDGES
    assert ("cleaner.segment", "cleaner.html") in EDGES
    assert ("cleaner.settle", "cleaner.spacing") in EDGES
    assert floor_of("cleaner.spacing.evidence") == floor_of("cleaner.spacing")
    with pytest.raises(AssertionError):
        floor_of("cleaner.not_placed_anywhere")


# Run in a fresh interpreter: every regex compile called from the package's own code, and every
# data file read, while `import cleaner.cli` runs; then the same while cleaning one short text
# (which must show some, or the check could not tell).
_STARTUP_PROBE = """
import re, sys, regex
from importlib import resources
seen = []
def watch(real, kind):
    def watched(*args, **kwargs):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("cleaner"):
            seen.append(f"{kind} from {caller}")
        return real(*args, **kwargs)
    return watched
regex.compile = watch(regex.compile, "regex.compile")
re.compile = watch(re.compile, "re.compile")
resources.files = watch(resources.files, "a data file read")
import cleaner.cli
print(sorted(set(seen)))
seen.clear()
cleaner.clean("정부는 내년부터 새 제도를 시행한다고 밝혔다.")
print(len(seen) > 0)
"""


def test_importing_the_package_compiles_no_pattern_and_reads_no_data_file() -> None:
    """Start-up cost (issue 15): a short `cleaner` run pays only for what its input needs, so
    nothing is compiled or read at import (cleaner.patterns.LazyPattern, lru_cache'd loaders)."""
    done = subprocess.run([sys.executable, "-c", _STARTUP_PROBE], capture_output=True, text=True, timeout=120,
                          cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    at_import, when_cleaning = done.stdout.splitlines()
    assert at_import == "[]"
    assert when_cleaning == "True"