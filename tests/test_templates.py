"""Site templates: learned on generated multi-page sites, applied by the classifier and the CLI."""
from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
from typing import Dict, List, Tuple

import pytest

from cleaner import Cleaner, Config, analyze
from cleaner.cli import main
from cleaner.templates import (
    Learner, ProfileError, learn, line_hash, load_profile, merge_profiles, normalize_line,
    parse_profile, site_of,
)

# --- a generator of multi-page sites (all text written here) ----------------------------------

SUBJECTS = ["정부가", "시민들이", "연구진은", "학생들이", "기업들은", "위원회는", "주민들이", "전문가들은",
            "시장은", "교사들이", "의료진은", "농민들이"]
OBJECTS = ["새 정책을", "예산안을", "조사 결과를", "계획을", "보고서를", "대책을", "의견을", "자료를",
           "규정을", "일정을", "방안을", "통계를"]
VERBS = ["발표했다.", "검토하고 있다.", "공개했다.", "요구했다.", "마련했다.", "설명했다.", "제출했다.",
         "논의했다.", "확인했다.", "밝혔다."]
WHEN = ["오늘", "지난주", "올해", "내년부터", "최근", "이번 달", "어제", "다음 주", "지난달", "올봄"]
PLACES = ["서울", "부산", "대구", "광주", "대전", "울산", "세종", "강릉", "전주", "제주", "춘천", "청주"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(WHEN)} {rng.choice(PLACES)}에서 {rng.choice(SUBJECTS)} {rng.choice(OBJECTS)} {rng.choice(VERBS)}"


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


# Per site: a header and a footer that no built-in rule knows. The footer's first line reads
# like prose (a sentence ending, long enough): only the profile can tell it is template.
SITES: Dict[str, Tuple[List[str], List[str]]] = {
    "alpha.example.kr": (["알파 소식 첫 화면", "오늘의 추천 코너 모음"],
                         ["알파 소식은 독자 여러분의 소중한 제보를 언제나 기다리고 있으며 모든 제보는 성실하게 검토합니다.",
                          "알파 소식 고객 센터 안내"]),
    "beta.example.kr": (["베타 매거진 대문", "이번 호 특집 바로 가기"],
                        ["베타 매거진의 모든 글은 편집부의 검토를 거쳐 게재되며 의견은 언제든지 편집부로 보내 주시기 바랍니다.",
                         "베타 매거진 구독 안내 창구"]),
    "gamma.example.kr": (["감마 일보 첫 화면", "지역 소식 전체 보기 목록"],
                         ["감마 일보는 지역 주민의 목소리를 충실하게 전하기 위해 노력하고 있으며 모든 의견을 환영합니다.",
                          "감마 일보 독자 센터 안내"]),
}


def site_pages(site: str, count: int, seed: int) -> List[Tuple[str, str, List[str]]]:
    """(url, page text, its body paragraphs) for `count` pages of `site`."""
    rng = random.Random(f"{site}-{seed}")
    header, footer = SITES[site]
    pages = []
    for number in range(count):
        body = [paragraph(rng) for _ in range(rng.randint(2, 4))]
        text = "\n".join(header + body + footer)
        pages.append((f"https://www.{site}/news/{seed}/{number}", text, body))
    return pages


def corpus(count: int = 12, seed: int = 1) -> List[Tuple[str, str, List[str]]]:
    pages = [page for site in SITES for page in site_pages(site, count, seed)]
    random.Random(seed).shuffle(pages)  # sites interleaved, as in a crawl
    return pages


def learned(count: int = 12, seed: int = 1, **options):  # type: ignore[no-untyped-def]
    return learn(((site_of(url), text) for url, text, _ in corpus(count, seed)), name="sites.profile",
                 **options)


# --- tests ------------------------------------------------------------------------------------


def test_normalised_hash_ignores_spacing_case_and_digits_but_not_words() -> None:
    assert line_hash("Copyright 2023 알파") == line_hash("copyright  2024알파")
    assert line_hash("오늘의 추천") != line_hash("오늘의 추첨")
    assert normalize_line("A  b\t1 2") == "ab0"  # spaces go first: "1 2" is a digit run


def test_site_is_the_host_without_www() -> None:
    assert site_of("https://www.alpha.example.kr/a?b=1") == "alpha.example.kr"
    assert site_of("http://news.alpha.example.kr:8080/x") == "news.alpha.example.kr"
    assert site_of("") == "" and site_of(None) == "" and site_of(12) == ""  # type: ignore[arg-type]


def test_learn_finds_each_sites_header_and_footer_only() -> None:
    profile = learned()
    assert set(profile.sites) == set(SITES)
    for site, (header, footer) in SITES.items():
        entry = profile.sites[site]
        assert entry.pages == 12
        assert entry.hashes == {line_hash(line) for line in header + footer}


def test_profile_drops_template_lines_whatever_they_say_and_names_the_profile() -> None:
    profile = learned()
    url, text, body = site_pages("beta.example.kr", 1, seed=99)[0]  # a page not learned from
    prose_footer = SITES["beta.example.kr"][1][0]

    without = analyze(text, url=url)
    assert prose_footer in without.text.split("\n")  # reads like prose: kept without a profile

    result = Cleaner(Config()).analyze(text, url=url)  # no profile: same as analyze
    assert result.text == without.text

    cleaner = Cleaner(Config())
    cleaner.profile = profile  # what Config(profile_path=...) loads
    result = cleaner.analyze(text, url=url)
    assert result.text.split("\n") == body
    dropped = [b for b in result.blocks if not b.is_body]
    assert len(dropped) == 4
    assert all(b.reasons[0] == "template:sites.profile" for b in dropped)


def test_a_site_gets_its_own_template_not_anothers() -> None:
    profile = learned()
    alpha_footer = SITES["alpha.example.kr"][1][0]
    url, text, body = site_pages("beta.example.kr", 1, seed=7)[0]
    page = text + "\n" + alpha_footer  # another site's footer line on a beta page
    result = run_with(profile, page, url)
    assert alpha_footer in result.text
    assert run_with(profile, page, "https://alpha.example.kr/x").text.count(alpha_footer) == 0


def run_with(profile, text, url):  # type: ignore[no-untyped-def]
    from cleaner.pipeline import run

    return run(text, Config(), url=url, template=profile.for_url(url))


def test_unknown_site_and_empty_template_change_nothing() -> None:
    profile = learned()
    url, text, _ = site_pages("gamma.example.kr", 1, seed=5)[0]
    plain = analyze(text)
    assert run_with(profile, text, "https://unknown.example.org/").blocks == plain.blocks


def test_lines_below_the_page_thresholds_are_not_template() -> None:
    pages = [(site_of(url), text) for url, text, _ in site_pages("alpha.example.kr", 20, seed=3)]
    rare = "드물게 등장하는 공지 한 줄"
    pages = [(site, text + "\n" + rare) if i < 4 else (site, text) for i, (site, text) in enumerate(pages)]
    profile = learn(pages, name="p", min_pages=5, min_share=0.1)
    assert line_hash(rare) not in profile.sites["alpha.example.kr"].hashes  # 4 pages < 5
    profile = learn(pages, name="p", min_pages=3, min_share=0.1)
    assert line_hash(rare) in profile.sites["alpha.example.kr"].hashes
    profile = learn(pages, name="p", min_pages=3, min_share=0.5)
    assert line_hash(rare) not in profile.sites["alpha.example.kr"].hashes  # 4/20 < 50%


def test_memory_is_bounded_and_frequent_lines_survive_the_caps() -> None:
    learner = Learner(max_lines=16, max_sites=2, min_pages=5, min_share=0.5)
    rng = random.Random(4)
    tiny_tracked = 0
    for number in range(60):
        unique = "\n".join(paragraph(rng) for k in range(30))  # 30 lines of its own
        learner.add("big.example.kr", f"큰 사이트 메뉴 줄\n{unique}\n큰 사이트 바닥 줄")
        if number:  # tracked from its second page
            assert len(learner.sites["big.example.kr"].counts) <= 16
        learner.add(f"tiny{number // 2}.example.kr", "작은 사이트 한 쪽")  # many two-page sites
        assert len(learner.sites) <= 2
        tiny_tracked += any(site.startswith("tiny") for site in learner.sites)
    assert tiny_tracked > 10  # the small sites did compete for room
    profile = learner.profile("p")
    assert set(profile.sites) == {"big.example.kr"}
    assert profile.sites["big.example.kr"].hashes == {line_hash("큰 사이트 메뉴 줄"), line_hash("큰 사이트 바닥 줄")}


def test_profile_file_round_trip_is_deterministic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sites.profile"
    first = learned()
    first.save(str(path))
    again = learned()
    assert again.dumps() == path.read_text(encoding="utf-8")
    loaded = load_profile(str(path))
    assert loaded.sites == first.sites and loaded.name == "sites.profile"
    assert pickle.loads(pickle.dumps(loaded)).sites == loaded.sites
    assert pickle.dumps(loaded) == pickle.dumps(first)


def test_merged_partitions_equal_the_whole() -> None:
    pages = corpus()
    whole = learn(((site_of(u), t) for u, t, _ in pages), name="m")
    parts = [learn(((site_of(u), t) for u, t, _ in pages if site_of(u) == site), name="m") for site in SITES]
    assert merge_profiles(parts, "m").sites == whole.sites


def test_malformed_profiles_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError):
        parse_profile("{}", "x")
    with pytest.raises(ProfileError):
        parse_profile("not json", "x")
    with pytest.raises(ProfileError):
        parse_profile(json.dumps({"format": "cleaner-site-profile", "version": 1, "sites": {"a": {"pages": 1, "lines": ["zz"]}}}), "x")
    bad = tmp_path / "bad.profile"
    bad.write_text("{}", encoding="utf-8")
    assert main(["--profile", str(bad), os.devnull]) == 2
    assert main(["--profile", str(tmp_path / "missing"), os.devnull]) == 2


# --- the CLI: `cleaner learn`, then --profile -------------------------------------------------


def write_jsonl(path, pages, site_field: bool = False):  # type: ignore[no-untyped-def]
    with open(path, "w", encoding="utf-8") as handle:
        for number, (url, text, _) in enumerate(pages):
            record = {"id": number, "text": text}
            if site_field:
                record["source"] = site_of(url).split(".")[0]
            else:
                record["url"] = url
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("jobs", [1, 2])
def test_cli_learn_then_apply_on_jsonl(tmp_path, capsysbinary, jobs) -> None:  # type: ignore[no-untyped-def]
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    write_jsonl(train, corpus(12, seed=1))
    held_out = corpus(3, seed=2)
    write_jsonl(test, held_out)
    profile = tmp_path / "news.profile"
    assert main(["learn", "--jsonl", "-j", str(jobs), "-o", str(profile), str(train)]) == 0
    assert set(json.loads(profile.read_text())["sites"]) == set(SITES)
    capsysbinary.readouterr()
    assert main(["--jsonl", "-j", str(jobs), "--profile", str(profile), str(test)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(out) == len(held_out)
    for line, (_, _, body) in zip(out, held_out):
        assert json.loads(line)["text"].split("\n") == body


def test_cli_site_field_names_the_site(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    write_jsonl(train, corpus(10, seed=3), site_field=True)
    held_out = corpus(2, seed=4)
    write_jsonl(test, held_out, site_field=True)
    profile = tmp_path / "p.json"
    assert main(["learn", "--jsonl", "--site-field", "source", "-o", str(profile), str(train)]) == 0
    assert set(json.loads(profile.read_text())["sites"]) == {"alpha", "beta", "gamma"}
    capsysbinary.readouterr()
    assert main(["--jsonl", "--site-field", "source", "--profile", str(profile), str(test)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert [json.loads(line)["text"].split("\n") for line in out] == [body for _, _, body in held_out]


def test_cli_learn_on_plain_files_and_explain_names_the_profile(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    pages = site_pages("gamma.example.kr", 8, seed=6)
    names = []
    for number, (_, text, _) in enumerate(pages):
        path = tmp_path / f"page{number}.txt"
        path.write_text(text, encoding="utf-8")
        names.append(str(path))
    profile = tmp_path / "gamma.profile"
    assert main(["learn", "-o", str(profile)] + names) == 0
    capsys.readouterr()
    assert main(["--explain", "--profile", str(profile), names[0]]) == 0
    explained = capsys.readouterr().out
    for line in SITES["gamma.example.kr"][0] + SITES["gamma.example.kr"][1]:
        assert f"DROP [template:gamma.profile" in next(l for l in explained.splitlines() if l.endswith(line))


def test_a_file_named_learn_is_cleaned_not_a_subcommand(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "learn").write_text("정부가 새 정책을 발표했다. 시행은 내년부터다.\n", encoding="utf-8")
    assert main(["learn"]) == 0
    assert capsys.readouterr().out == "정부가 새 정책을 발표했다. 시행은 내년부터다.\n"


def test_learn_reports_bad_records_with_line_numbers_and_still_writes(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "d.jsonl"
    pages = corpus(6, seed=8)
    lines = [json.dumps({"url": u, "text": t}, ensure_ascii=False) for u, t, _ in pages]
    lines.insert(2, "{broken")
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    profile = tmp_path / "p.profile"
    assert main(["learn", "--jsonl", "-o", str(profile), str(data)]) == 1
    assert f"{data}:3: malformed JSON" in capsys.readouterr().err
    assert set(load_profile(str(profile)).sites) == set(SITES)


def test_learn_reads_records_as_jsonl_cleaning_does(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """One reader for both passes: a record one of them cannot use, the other cannot either,
    and both say so in the same words."""
    data = tmp_path / "d.jsonl"
    data.write_bytes(b'{broken\n{"id": 3}\n{"text": 5}\n[1, 2]\n{"text": "\xff"}\n'
                     + json.dumps({"url": "https://a.kr/1", "text": "정부가 새 정책을 발표했다."}, ensure_ascii=False).encode() + b"\n")
    assert main(["learn", "--jsonl", "-o", str(tmp_path / "p.profile"), str(data)]) == 1
    learned_errors = [line.split(": ", 1)[1] for line in capsys.readouterr().err.splitlines()[:-1]]
    assert main(["--jsonl", str(data)]) == 1
    cleaned_errors = [line.split(": ", 1)[1] for line in capsys.readouterr().err.splitlines()]
    assert learned_errors == cleaned_errors and len(cleaned_errors) == 5


def test_learn_says_each_failure_in_one_line_whatever_the_file_is_called(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "bad\nname.jsonl"
    odd.write_text("{broken\n", encoding="utf-8")
    assert main(["learn", "--jsonl", "-o", str(tmp_path / "p.profile"), str(odd)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("cleaner learn: ") and "bad\\x0aname.jsonl:1: malformed JSON" in err[0]


def test_templates_holds_the_model_and_the_cli_every_command() -> None:
    import ast
    import inspect

    from cleaner import cli, templates

    tree = ast.parse(inspect.getsource(templates))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names} | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"argparse", "sys", "cleaner.progress", "cleaner.workers", "cleaner.jsonl"}
    assert not hasattr(templates, "learn_main") and callable(cli.learn_main)


# --- a Cleaner with a profile pickles and hashes the same in every process --------------------

_FINGERPRINT = """
import hashlib, pickle, sys, dill
from cleaner import Cleaner, Config
cleaner = Cleaner(Config(profile_path=sys.argv[1]))
def clean_batch(batch):
    return {"text": [cleaner.clean(t) for t in batch["text"]]}
print(hash(cleaner), cleaner.fingerprint, hashlib.sha256(pickle.dumps(cleaner)).hexdigest(),
      hashlib.sha256(dill.dumps(cleaner)).hexdigest(),
      hashlib.sha256(dill.dumps(clean_batch, recurse=True)).hexdigest())
"""


def test_cleaner_with_profile_hashes_and_pickles_alike_across_processes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("dill")
    path = tmp_path / "sites.profile"
    learned().save(str(path))
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", _FINGERPRINT, str(path)], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    cleaner = Cleaner(Config(profile_path=str(path)))
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone == cleaner and hash(clone) == hash(cleaner) and clone.profile.sites == cleaner.profile.sites
    os.remove(path)  # the profile travels inside the pickle: no file needed on the other side
    url, text, body = site_pages("alpha.example.kr", 1, seed=11)[0]
    assert pickle.loads(pickle.dumps(cleaner)).clean(text, url=url).split("\n") == body


def test_a_different_profile_gives_a_different_fingerprint(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sites.profile"
    learned(seed=1).save(str(path))
    a = Cleaner(Config(profile_path=str(path)))
    learn([(site_of(u), t) for u, t, _ in site_pages("alpha.example.kr", 6, seed=1)], name="x").save(str(path))
    b = Cleaner(Config(profile_path=str(path)))  # same Config, another profile in the file
    assert a.config == b.config and a != b and a.fingerprint != b.fingerprint
    assert pickle.dumps(a) != pickle.dumps(b)
