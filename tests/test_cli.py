import pytest

from policystudy.targets import TARGET_COLUMNS
from policystudy.workflow import paths
from tests.conftest import run_cli


def test_domains_classifies_each_line_of_stdin():
    out = run_cli(
        "domains",
        "-",
        stdin="全市城镇新增就业31150人\n\n加强食品药品安全监管,严厉打击食品安全违法行为\n",
    )
    assert out.returncode == 0, out.stderr
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert rows[0] == ["line", "primary", "labels", "scores"]
    assert [r[:2] for r in rows[1:]] == [
        ["1", "employment"],
        ["2", "non_livelihood"],  # an empty line has no livelihood evidence
        ["3", "safety_governance"],
    ]


def test_targets_prints_the_documented_header_and_dalian_status_rows():
    out = run_cli("targets", str(paths.RAW / "liaoning_dalian.txt"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split("\t") == TARGET_COLUMNS
    body = [dict(zip(TARGET_COLUMNS, x.split("\t"), strict=True)) for x in lines[1:]]
    status = {(r["value"], r["unit"]) for r in body if r["kind"] == "status"}
    assert {("31150", "人"), ("95", "%"), ("457", "所")} <= status


# Keyness with resampled stability on two whole documents: seconds of work, not of start-up.
@pytest.mark.slow
def test_keywords_on_files():
    files = [str(paths.RAW / "liaoning_dalian.txt"), str(paths.RAW / "jilin_changbaishan.txt")]
    out = run_cli("keywords", *files, "--top", "5", "--method", "keyness")
    assert out.returncode == 0, out.stderr
    header, *lines = out.stdout.splitlines()
    assert header.split("\t") == [
        "group",
        "method",
        "rank",
        "term",
        "score",
        "stability",
        "resampled_unit",
    ]
    rows = [dict(zip(header.split("\t"), x.split("\t"), strict=True)) for x in lines]
    top = {}
    for r in rows:
        top.setdefault(r["group"], []).append((int(r["rank"]), r["term"], float(r["score"])))
    # Each file is its own group, ranked 1..5 by falling keyness; what sets each one apart
    # is its own place and programmes (长白山 culture for Jilin, 公办园 for Dalian).
    assert sorted(top) == ["jilin_changbaishan.txt", "liaoning_dalian.txt"]
    for ranked in top.values():
        assert [r for r, _, _ in ranked] == [1, 2, 3, 4, 5]
        assert [s for _, _, s in ranked] == sorted((s for _, _, s in ranked), reverse=True)
    assert top["jilin_changbaishan.txt"][0][1] == "长白山"
    assert "公办园" in [t for _, t, _ in top["liaoning_dalian.txt"]]
    assert not {t for _, t, _ in top["jilin_changbaishan.txt"]} & {
        t for _, t, _ in top["liaoning_dalian.txt"]
    }


def test_missing_file_is_a_clear_error():
    out = run_cli("targets", "no_such_file.txt")
    assert out.returncode == 2
    assert out.stderr.strip() == "no_such_file.txt: file not found"
