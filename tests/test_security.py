"""Security: cleaner never opens a socket, never resolves an external entity, never reads a
local file a page points at, and never evaluates or unpickles its input.

Two nets catch a network attempt: Python's socket module is patched so any use fails and is
recorded, and every URL in the hostile pages points at a listening socket on 127.0.0.1 opened
before the patch, which counts connections: a fetch from C (libxml2's own HTTP client) does not
go through Python's socket module, but it would still knock there.
"""
from __future__ import annotations

import ast
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator, List

import pytest

import cleaner
from cleaner import Config, analyze, clean

PARAGRAPH = "정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다."
SECRET = "SECRET-4f1c9a"


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections it is offered."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.connections: List[object] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, address = self.server.accept()
            except (socket.timeout, OSError):
                continue
            self.connections.append(address)
            conn.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """Every way Python opens a connection or resolves a name fails, and is recorded.

    One page is cleaned first, so the HTML stage's libraries are imported: importing
    trafilatura imports urllib3, which probes for IPv6 support at import time by creating a
    socket bound to ::1 (no traffic leaves the machine). That is a library's import, once per
    process; what is tested is cleaning.
    """
    clean(f"<html><body><p>{PARAGRAPH}</p></body></html>")

    attempts: List[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(f"{name}{args!r}")
            raise OSError(f"test: cleaner must not use the network ({name})")
        return refused

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(f"socket{args!r}")
            raise OSError("test: cleaner must not open a socket")

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "socketpair", "fromfd", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def hostile_pages(listener: Listener, secret: Path) -> dict:
    """Pages that would make a careless parser fetch a URL or read a local file."""
    body = f"<p>{PARAGRAPH}</p>"
    return {
        "resources": (
            f'<html><head><link rel="stylesheet" href="{listener.url("s.css")}">'
            f'<script src="{listener.url("a.js")}"></script><base href="{listener.url("")}">'
            f'<meta http-equiv="refresh" content="0;url={listener.url("refresh")}">'
            f'<style>@import url({listener.url("i.css")}); p {{ background: url({listener.url("bg.png")}) }}</style>'
            f'<link rel="preload" href="{listener.url("font.woff")}"></head><body>'
            f'<img src="{listener.url("i.png")}" srcset="{listener.url("2x.png")} 2x">'
            f'<iframe src="{listener.url("frame")}"></iframe><object data="{listener.url("obj")}"></object>'
            f'<svg><image href="{listener.url("svg.png")}"/></svg><video src="{listener.url("v.mp4")}"></video>'
            f'{body}<a href="{listener.url("next")}">다음 기사</a></body></html>'),
        "external-entity-file": (
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            f'<html><body>{body}<p>&xxe;</p></body></html>'),
        "external-entity-http": (
            f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{listener.url("entity")}">]>'
            f'<html><body>{body}<p>&xxe;</p></body></html>'),
        "external-dtd": (
            f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{listener.url("x.dtd")}">'
            f'<html><body>{body}</body></html>'),
        "parameter-entity": (
            f'<!DOCTYPE html [<!ENTITY % remote SYSTEM "{listener.url("p.dtd")}"> %remote;]>'
            f'<html><body>{body}</body></html>'),
        "xinclude": (
            f'<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>{body}'
            f'<xi:include href="file://{secret}" parse="text"/>'
            f'<xi:include href="{listener.url("inc")}" parse="text"/></body></html>'),
        "xhtml-xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}<p>&xxe;</p></body></html>'),
        "json-ld-urls": (
            f'<html><head><script type="application/ld+json">{{"@context": "{listener.url("ctx")}", '
            f'"@type": "NewsArticle", "articleBody": "{PARAGRAPH}", "image": "{listener.url("ld.png")}"}}'
            f'</script></head><body></body></html>'),
    }


CONFIGS = [Config(), Config(boilerplate=False), Config(input_format="html")]


def test_html_with_external_resources_opens_no_socket(listener: Listener, secret_file: Path,
                                                      no_network: List[str]) -> None:
    for name, page in hostile_pages(listener, secret_file).items():
        for config in CONFIGS:
            for data in (page, page.encode("utf-8")):
                result = analyze(data, config, url=listener.url("page.html"))
                assert SECRET not in result.text, name
                assert SECRET not in json.dumps(result.to_dict(), ensure_ascii=False), name
    assert no_network == []
    assert listener.connections == []


def test_the_cli_opens_no_socket(listener: Listener, secret_file: Path, tmp_path: Path) -> None:
    """The command in a fresh process (-j 2 included): only the listener can tell."""
    paths = []
    for name, page in hostile_pages(listener, secret_file).items():
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(str(path))
    for flags in ([], ["--no-boilerplate"], ["--format", "json"], ["-j", "2"]):
        done = subprocess.run([sys.executable, "-m", "cleaner", *flags, *paths], capture_output=True,
                              timeout=300)
        assert SECRET.encode() not in done.stdout
        assert b"Traceback" not in done.stderr
    assert listener.connections == []


def test_entity_expansion_is_not_a_bomb() -> None:
    """Billion laughs: nested internal entities must not expand (a gigabyte of "lol")."""
    entities = '<!ENTITY l0 "lollollollollol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    page = f'<!DOCTYPE html [{entities}]><html><body><p>{PARAGRAPH} &l9;</p></body></html>'
    for config in CONFIGS:
        out = clean(page, config)
        assert out.count("lol") < 100


def test_input_is_never_evaluated_or_unpickled(tmp_path: Path) -> None:
    """Text that would run code if anything evaluated or unpickled it, through the API, the CLI
    and JSONL: the marker file is never created."""
    marker = tmp_path / "pwned"
    shell = f"touch {marker}"
    # A protocol-0 pickle whose loading calls os.system(...), and Python source doing the same.
    pickled = b"cos\nsystem\n(S'" + shell.encode() + b"'\ntR."
    source = f"__import__('os').system({shell!r})"
    payloads = [pickled, source.encode(), f"{{{{ {source} }}}}".encode(), f"${{{source}}}".encode(),
                b"\x80\x04\x95" + pickled]
    for payload in payloads:
        for config in CONFIGS:
            analyze(payload, config)
            analyze(payload.decode("latin-1"), config)
    files = []
    for i, payload in enumerate(payloads):
        path = tmp_path / f"payload{i}"
        path.write_bytes(payload)
        files.append(str(path))
    subprocess.run([sys.executable, "-m", "cleaner", *files], capture_output=True, timeout=300)
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({"text": p.decode("latin-1"), "url": source}) for p in payloads),
                       encoding="utf-8")
    subprocess.run([sys.executable, "-m", "cleaner", "--jsonl", str(records)], capture_output=True, timeout=300)
    assert not marker.exists()


# Calls that run or load code from data. A match in the package is a finding, not a style issue.
_DANGEROUS_NAMES = {"eval", "exec", "compile", "__import__", "input", "breakpoint"}
_DANGEROUS_ATTRIBUTES = {
    "pickle": {"load", "loads", "Unpickler"}, "cPickle": {"load", "loads"}, "dill": {"load", "loads"},
    "cloudpickle": {"load", "loads"}, "marshal": {"load", "loads"}, "shelve": {"open"},
    "yaml": {"load", "unsafe_load", "full_load"}, "os": {"system", "popen", "execv", "execvp", "spawnv"},
    "subprocess": {"run", "call", "Popen", "check_call", "check_output"}, "jsonpickle": {"decode"},
}


def _package_sources() -> Iterator[Path]:
    root = Path(cleaner.__file__).parent
    return (path for path in sorted(root.rglob("*.py")))


def test_the_package_has_no_code_that_evaluates_or_unpickles() -> None:
    findings = []
    for path in _package_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in _DANGEROUS_NAMES:
                findings.append(f"{path.name}:{node.lineno}: {func.id}()")
            elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                  and func.attr in _DANGEROUS_ATTRIBUTES.get(func.value.id, ())):
                findings.append(f"{path.name}:{node.lineno}: {func.value.id}.{func.attr}()")
    assert findings == []


def test_the_package_never_fetches() -> None:
    """No module of the package imports a network client (trafilatura's fetch_url included)."""
    clients = {"urllib.request", "http.client", "requests", "httpx", "aiohttp", "urllib3", "socket",
               "ftplib", "smtplib", "trafilatura.downloads"}
    findings = []
    for path in _package_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
                if node.module == "trafilatura":
                    names += [alias.name for alias in node.names if "fetch" in alias.name]
            else:
                continue
            findings += [f"{path.name}:{node.lineno}: {name}" for name in names
                         if name in clients or "fetch" in name.rsplit(".", 1)[-1]]
    assert findings == []


def test_a_profile_file_is_data_not_code(tmp_path: Path) -> None:
    """--profile reads JSON: a pickle in its place is refused as a usage error, never loaded."""
    marker = tmp_path / "pwned"
    profile = tmp_path / "site.profile"
    profile.write_bytes(b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR.")
    page = tmp_path / "page.txt"
    page.write_text(PARAGRAPH, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleaner", "--profile", str(profile), str(page)],
                          capture_output=True, timeout=300)
    assert done.returncode != 0 or done.stdout  # refused, or ignored; never executed
    assert b"Traceback" not in done.stderr
    assert not marker.exists()
