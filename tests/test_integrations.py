"""datatrove steps run through datatrove's own executor; the recipes in docs/recipes.md run too."""
from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from cleaner import Cleaner, Config, clean
from cleaner.templates import learn, site_of

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.integrations.datatrove import CleanerFilter, CleanerFormatter  # noqa: E402

RECIPES = Path(__file__).resolve().parent.parent / "docs" / "recipes.md"

ARTICLE = "메뉴\n정치\n정부가 새 정책을 발표했다. 시행은 내년부터다.\n무단 전재 및 재배포 금지"
BODY = "정부가 새 정책을 발표했다. 시행은 내년부터다."
NO_BODY = "메뉴\n정치\n로그인\n회원가입"


def read_jsonl_dir(folder: Path) -> List[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return rows


def test_import_cleaner_does_not_import_datatrove() -> None:
    code = ("import sys, cleaner, cleaner.integrations, cleaner.jsonl, cleaner.workers, cleaner.templates;"
            "print('datatrove' in sys.modules, 'tqdm' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_formatter_cleans_every_document_through_the_executor(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docs = [Document(text=ARTICLE, id="a"), Document(text=NO_BODY, id="b"),
            Document(text=ARTICLE.replace("새 정책", "예산안"), id="c")]
    LocalPipelineExecutor([docs, CleanerFormatter(), JsonlWriter(str(tmp_path / "out"), compression=None)],
                          logging_dir=str(tmp_path / "logs"), tasks=1).run()
    rows = read_jsonl_dir(tmp_path / "out")
    # (datatrove's writer leaves out empty values: the empty text of "b" has no key)
    assert [(r["id"], r.get("text", "")) for r in rows] == [("a", BODY), ("b", ""), ("c", clean(docs[2].text))]
    assert CleanerFormatter().format(ARTICLE) == BODY  # the API's format(str) -> str


def test_filter_drops_documents_without_body_and_says_why(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docs = [Document(text=ARTICLE, id="a"), Document(text=NO_BODY, id="b"), Document(text="", id="c")]
    step = CleanerFilter(exclusion_writer=JsonlWriter(str(tmp_path / "dropped"), compression=None))
    LocalPipelineExecutor([docs, step, JsonlWriter(str(tmp_path / "kept"), compression=None)],
                          logging_dir=str(tmp_path / "logs"), tasks=1).run()
    kept = read_jsonl_dir(tmp_path / "kept")
    assert [(r["id"], r["text"]) for r in kept] == [("a", BODY)]
    dropped = {r["id"]: r["metadata"] for r in read_jsonl_dir(tmp_path / "dropped")}
    assert set(dropped) == {"b", "c"}
    assert dropped["b"]["filter_reason"] == "no_prose_block"
    assert dropped["b"]["cleaner_reason"].startswith("no prose block")
    assert dropped["c"]["filter_reason"] == "empty_input"
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    filter_stats = next(s for s in stats if s["name"].endswith("cleaner filter"))["stats"]
    assert filter_stats["dropped_no_prose_block"] == 1 and filter_stats["dropped_empty_input"] == 1
    assert filter_stats["forwarded"] == 1


def test_filter_without_rewrite_keeps_the_original_text() -> None:
    step = CleanerFilter(rewrite=False)
    doc = Document(text=ARTICLE, id="a")
    assert step.filter(doc) is True and doc.text == ARTICLE


def test_steps_pickle_into_worker_tasks_with_a_profile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two tasks in worker processes (datatrove pickles the steps); the profile goes along."""
    header, footer = "알파 소식 첫 화면", "알파 소식은 독자 여러분의 제보를 언제나 기다리고 있으며 모든 제보를 검토합니다."
    bodies = [f"{place}에서 주민들이 새 도서관 계획을 {verb}" for place in ("서울", "부산", "대구", "광주")
              for verb in ("발표했다.", "논의했다.")]
    pages = [(f"https://alpha.example.kr/{n}", f"{header}\n{body} 시행은 내년부터다.\n{footer}")
             for n, body in enumerate(bodies)]
    profile_path = tmp_path / "alpha.profile"
    learn([(site_of(url), text) for url, text in pages], name="alpha.profile").save(str(profile_path))
    (tmp_path / "in").mkdir()
    for part in range(2):
        with open(tmp_path / "in" / f"part{part}.jsonl", "w", encoding="utf-8") as handle:
            for n, (url, text) in enumerate(pages[part::2]):
                handle.write(json.dumps({"text": text, "id": f"{part}-{n}", "url": url}, ensure_ascii=False) + "\n")
    cleaner = Cleaner(Config(profile_path=str(profile_path)))
    os.remove(profile_path)  # the workers must get the profile from the pickle
    LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), CleanerFilter(cleaner), JsonlWriter(str(tmp_path / "out"), compression=None)],
        logging_dir=str(tmp_path / "logs"), tasks=2, workers=2).run()
    rows = read_jsonl_dir(tmp_path / "out")
    assert len(rows) == len(pages)
    assert sorted(r["text"] for r in rows) == sorted(f"{body} 시행은 내년부터다." for body in bodies)


def test_formatter_marks_a_document_that_fails() -> None:
    doc = Document(text=None, id="x")  # type: ignore[arg-type]  # a reader can hand over None
    out = list(CleanerFormatter().run([doc]))
    assert out == [doc] and "cleaner_error" in doc.metadata


# --- docs/recipes.md --------------------------------------------------------------------------


def recipes() -> Dict[str, str]:
    text = RECIPES.read_text(encoding="utf-8")
    found = dict(re.findall(r"<!-- recipe: ([\w-]+) -->\s*```python\n(.*?)```", text, re.S))
    assert set(found) == {"hf-function", "hf-map", "spark-function", "spark-udf", "datatrove"}
    return found


def run_recipe(name: str, namespace: dict) -> dict:
    exec(compile(recipes()[name], f"<recipe {name}>", "exec"), namespace)
    return namespace


def test_hf_recipe_function_cleans_a_batch() -> None:
    ns = run_recipe("hf-function", {})
    batch = {"text": [ARTICLE, NO_BODY, None], "url": ["https://a.kr/1", None, None]}
    out = ns["clean_batch"](batch)
    assert out["text"] == [BODY, "", ""]
    assert out["cleaner_reason"][0] is None and out["cleaner_reason"][1].startswith("no prose block")
    assert ns["clean_batch"]({"text": [ARTICLE]})["text"] == [BODY]  # no url column


_HF_FINGERPRINT = """
import sys
ns = {"__name__": "recipe"}
exec(compile(sys.stdin.read(), "<recipe hf-function>", "exec"), ns)
try:
    from datasets.fingerprint import Hasher
    print(Hasher.hash(ns["clean_batch"]), Hasher.hash(ns["cleaner"]))
except ImportError:
    # What datasets' Hasher does: pickle with a dill Pickler that sorts dict items (dill collects
    # a function's globals in a set, whose order PYTHONHASHSEED changes), then hash the bytes.
    import dill, hashlib, io

    class SortedPickler(dill.Pickler):
        def _batch_setitems(self, items, *args):
            super()._batch_setitems(iter(sorted(items, key=lambda item: repr(item[0]))), *args)

    def digest(obj):
        buffer = io.BytesIO()
        SortedPickler(buffer, recurse=True).dump(obj)
        return hashlib.sha256(buffer.getvalue()).hexdigest()

    print(digest(ns["clean_batch"]), digest(ns["cleaner"]),
          hashlib.sha256(dill.dumps(ns["cleaner"])).hexdigest())
"""


def test_hf_recipe_function_fingerprints_alike_in_every_process() -> None:
    pytest.importorskip("dill")
    source = recipes()["hf-function"]
    seen = set()
    for seed in ("0", "1", "2"):
        done = subprocess.run([sys.executable, "-c", _HF_FINGERPRINT], input=source, capture_output=True,
                              text=True, check=True, env=dict(os.environ, PYTHONHASHSEED=seed))
        seen.add(done.stdout)
    assert len(seen) == 1
    changed = source.replace("Cleaner(Config())", 'Cleaner(Config(spacing="off"))')
    assert changed != source
    done = subprocess.run([sys.executable, "-c", _HF_FINGERPRINT], input=changed, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split()[:2] != seen.pop().split()[:2]  # another Config, another fingerprint


def test_hf_recipe_map_with_num_proc() -> None:
    pytest.importorskip("datasets")
    ns = run_recipe("hf-function", {})
    run_recipe("hf-map", ns)
    assert ns["ds"]["text"] == [BODY]


def test_spark_recipe_function_cleans_and_ships_with_cloudpickle() -> None:
    cloudpickle = pytest.importorskip("cloudpickle")
    ns = run_recipe("spark-function", {})
    texts, urls = [ARTICLE, None, NO_BODY], ["https://a.kr/1", None, 3]
    assert ns["clean_texts"](texts, urls) == [BODY, None, ""]
    shipped = cloudpickle.dumps(ns["clean_texts"])
    code = ("import pickle, sys; f = pickle.loads(sys.stdin.buffer.read());"
            f"print(repr(f({texts!r}, {urls!r})))")
    done = subprocess.run([sys.executable, "-c", code], input=shipped, capture_output=True, check=True)
    assert done.stdout.decode("utf-8").strip() == repr([BODY, None, ""])


def test_spark_recipe_udf_compiles_and_runs_where_spark_is() -> None:
    compile(recipes()["spark-udf"], "<recipe spark-udf>", "exec")
    pytest.importorskip("pandas")
    pytest.importorskip("pyspark")
    ns = run_recipe("spark-function", {})
    run_recipe("spark-udf", ns)
    assert [row.text for row in ns["df"].collect()] == [BODY]


def test_datatrove_recipe(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # the recipe writes under its own relative workdir
    ns = run_recipe("datatrove", {})
    assert [r["text"] for r in read_jsonl_dir(tmp_path / ns["workdir"] / "clean")] == [BODY]


def test_cleaner_pickles_by_value() -> None:
    cleaner = Cleaner(Config(spacing="off"))
    assert pickle.loads(pickle.dumps(cleaner)) == cleaner
