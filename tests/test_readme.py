"""Every example in README.md runs and prints what the README says it prints."""
from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_python_examples() -> None:
    failures, attempted = doctest.testfile(str(README), module_relative=False,
                                           optionflags=doctest.ELLIPSIS)
    assert attempted > 0
    assert failures == 0


def console_examples() -> List[Tuple[str, str]]:
    """($ command, expected output) pairs from the ```console blocks."""
    examples, in_block, command, output = [], False, None, []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```console"):
            in_block = True
            continue
        if in_block and line.startswith("```"):
            if command:
                examples.append((command, "\n".join(output)))
            in_block, command, output = False, None, []
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if command:
                examples.append((command, "\n".join(output)))
            command, output = line[2:], []
        else:
            output.append(line)
    return examples


EXAMPLES = console_examples()


@pytest.mark.parametrize("command, expected", EXAMPLES, ids=[c[:40] for c, _ in EXAMPLES])
def test_console_example(command: str, expected: str) -> None:
    # `cleaner` is the console script; run it from this interpreter so the test needs no PATH.
    shell_command = command.replace("| cleaner", f"| {sys.executable} -m cleaner")
    done = subprocess.run(shell_command, shell=True, capture_output=True, timeout=120,
                          cwd=README.parent, env=dict(os.environ))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").rstrip("\n") == expected


def test_setup_commands_name_a_shipped_sample() -> None:
    text = README.read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in text
    sample = text.split("cleaner --explain ", 1)[1].split("\n", 1)[0].strip().rstrip("`")
    assert (README.parent / sample).is_file()
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in ci.splitlines()
