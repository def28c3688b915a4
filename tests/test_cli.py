"""The `cleaner` command as a shell user meets it (run as a real subprocess)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = """메뉴
정치
국회, 지역균형발전 특별법 개정안 본회의 통과
입력 2024.03.05 10:21
국회는 5일 본회의를 열고 지역균형발전 특별법 개정안을 가결했다. 개정안은 지방 기업에 세제 혜택을 주는 내용을 담았다.
정부는 시행령을 정비해 이르면 하반기부터 제도를 시행할 계획이다.
무단 전재 및 재배포 금지
"""
BODY = ["국회, 지역균형발전 특별법 개정안 본회의 통과",
        "국회는 5일 본회의를 열고 지역균형발전 특별법 개정안을 가결했다. 개정안은 지방 기업에 세제 혜택을 주는 내용을 담았다.",
        "정부는 시행령을 정비해 이르면 하반기부터 제도를 시행할 계획이다."]


def run_cli(*args: str, stdin: bytes = b"", env: dict = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin,
                          capture_output=True, env=full_env, timeout=120)


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_stdin_to_stdout_one_block_per_line() -> None:
    done = run_cli(stdin=PAGE.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines() == BODY


def test_file_and_dash_for_stdin(page_file: Path) -> None:
    done = run_cli(str(page_file), "-", stdin=PAGE.encode("utf-8"))
    assert done.returncode == 0
    assert done.stdout.decode("utf-8").splitlines() == BODY + BODY


def test_json_has_blocks_reasons_and_metadata(page_file: Path) -> None:
    done = run_cli("--format", "json", str(page_file))
    record = json.loads(done.stdout)
    assert record["text"].splitlines() == BODY
    assert record["metadata"]["date"] == "2024-03-05"
    assert record["source"] == str(page_file)
    dropped = [b for b in record["blocks"] if b["label"] == "boilerplate"]
    assert {b["text"] for b in dropped} >= {"메뉴", "무단 전재 및 재배포 금지"}
    assert all(b["reasons"] for b in record["blocks"])


def test_explain_marks_every_block(page_file: Path) -> None:
    lines = run_cli("--explain", str(page_file)).stdout.decode("utf-8").splitlines()
    blocks = [line for line in lines if line.startswith(("KEEP", "DROP"))]
    assert len(blocks) == len([l for l in PAGE.splitlines() if l.strip()])
    assert any(line.startswith("DROP [rule:copyright]") for line in blocks)
    assert any(line.startswith("KEEP [headline") for line in blocks)


def test_explain_with_json_is_the_json_which_holds_every_explained_decision() -> None:
    """--explain and --format json do not conflict: the JSON object is the explanation in
    machine form. Everything --explain prints (verdict, reasons, fixes with their evidence,
    why the body is empty) is rebuilt here from the JSON alone."""
    from cleaner.cli import explain
    from cleaner.document import Block, Fix, Result

    wrapped = "관계 부처는 이미 준비를 마쳤 다. 세부 기준은 다음 달 발표할 계획이 다.\n"
    page = PAGE.replace("무단 전재", wrapped + "무단 전재")
    assert "fix @" in run_cli("--explain", stdin=page.encode("utf-8")).stdout.decode("utf-8")
    for data in (page.encode("utf-8"), b"\n \n"):
        as_json = run_cli("--format", "json", stdin=data)
        both = run_cli("--format", "json", "--explain", stdin=data)
        as_text = run_cli("--explain", stdin=data)
        assert as_json.returncode == both.returncode == as_text.returncode == 0
        assert both.stdout == as_json.stdout
        record = json.loads(both.stdout)
        rebuilt = Result(text=record["text"], reason=record["reason"],
                         blocks=tuple(Block(**b) for b in record["blocks"]),
                         fixes=tuple(Fix(**{**f, "evidence": tuple(f["evidence"])}) for f in record["fixes"]))
        assert explain(rebuilt, record["source"]) == as_text.stdout.decode("utf-8")
    assert record["reason"] == "empty input"


def test_no_boilerplate_keeps_the_line_count() -> None:
    text = "메뉴\n\n  본문   한 줄\n무단 전재 및 재배포 금지\n"
    done = run_cli("--no-boilerplate", "--no-spacing", stdin=text.encode("utf-8"))
    assert done.stdout.decode("utf-8").split("\n")[:-1] == ["메뉴", "", "본문 한 줄", "무단 전재 및 재배포 금지"]


def test_missing_file_is_one_line_and_the_rest_is_processed(page_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    done = run_cli(str(missing), str(page_file))
    assert done.returncode == 1
    errors = done.stderr.decode("utf-8").strip().splitlines()
    assert len(errors) == 1 and str(missing) in errors[0]
    assert done.stdout.decode("utf-8").splitlines() == BODY


def test_directory_is_an_input_error(tmp_path: Path, page_file: Path) -> None:
    done = run_cli(str(tmp_path), str(page_file))
    assert done.returncode == 1
    assert str(tmp_path) in done.stderr.decode("utf-8")
    assert done.stdout.decode("utf-8").splitlines() == BODY


def test_usage_error_exits_2() -> None:
    done = run_cli("--format", "xml")
    assert done.returncode == 2
    assert b"usage" in done.stderr


def test_help_teaches_with_examples() -> None:
    done = run_cli("--help")
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert "examples:" in text and "exit status" in text


def test_utf8_output_under_c_locale(page_file: Path) -> None:
    done = run_cli(str(page_file), env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines() == BODY


def test_quiet_when_piped_into_head(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PAGE * 2000, encoding="utf-8")
    pipeline = subprocess.run(
        f"{sys.executable} -m cleaner --no-boilerplate {big} {big} {big} | head -n 1",
        shell=True, capture_output=True, timeout=300)
    assert pipeline.stdout.decode("utf-8").strip() == "메뉴"
    assert pipeline.stderr == b""
