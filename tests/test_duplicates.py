"""Duplicate documents, text reuse and boilerplate that never empties a document (issue 24).

The planted corpus is built at test time from short excerpts of the development corpora
(``tests/data/dedup/``, copied from ``corpus-dev``: CPC congress reports and government work
reports, with their Wikisource licence footers): the same text under two ids, a GB18030 copy of
a UTF-8 text, a copy with a different cover note, a province that re-issues (转发) a whole
central document under its own cover note, and a PDF-style document with broken lines and a
table of contents.
"""

from pathlib import Path

import pandas as pd
import pytest

from policystudy.core import io
from policystudy.ingest import cleaning, corpus, duplicates, preprocess
from policystudy.workflow import paths
from tests.conftest import run_cli, write_manifest

DATA = Path(__file__).parent / "data" / "dedup"
HEADER = "doc_id,file,region,year"

# A province's cover note forwarding the State Council's report (written for the test in the
# style of such notices).
COVER = (
    "某某省人民政府关于转发《政府工作报告》的通知\n\n"
    "各市、县(区)人民政府,省政府各部门、各直属机构:\n\n"
    "现将国务院《政府工作报告》转发给你们,请结合本地区本部门实际,认真贯彻落实。"
    "各地要把稳就业保民生放在更加突出的位置,细化分解目标任务,建立工作台账,"
    "确保各项惠民政策落地见效。执行中遇到的重要情况和问题,请及时报告省政府。\n\n"
    "某某省人民政府\n\n2022年3月20日\n\n"
)
# Two copies of one report under different cover notes: the government's site's heading ...
ORIGINAL = "政府工作报告\n\n——2008年3月5日在第十一届全国人民代表大会第一次会议上\n\n"
# ... and a news agency's, as a news site reposts it.
REPOST = "(新华社北京3月5日电)\n\n国务院总理温家宝在第十一届全国人民代表大会第一次会议上作政府工作报告,全文如下:\n\n"


def _body(name: str) -> str:
    """The text of an excerpt without its licence footer."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return text[: text.index("本作品")]


def _pdf_style(text: str, width: int = 34) -> str:
    """Lines broken every ``width`` characters, a table of contents and page numbers."""
    flat = "".join(line.strip() for line in text.splitlines() if line.strip())
    broken = [flat[i : i + width] for i in range(0, len(flat), width)]
    toc = ["目  录", "一、过去五年工作回顾……………………1", "二、今年工作建议……………………5", ""]
    pages = []
    for i in range(0, len(broken), 20):
        pages += [*broken[i : i + 20], f"- {i // 20 + 1} -"]
    return "\n".join(["某某省2022年政府工作报告", "", *toc, *pages]) + "\n"


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("planted")
    texts = folder / "texts"
    texts.mkdir()
    read = {p.stem: p.read_text(encoding="utf-8") for p in DATA.glob("*.txt")}
    files = {
        # Listed first but dated later: the direction of reuse comes from the year.
        "prov_reissue": COVER + read["gwr2021"],
        "gwr2021": read["gwr2021"],
        "gwr2019": read["gwr2019"],
        "gwr2019_dup": read["gwr2019"],  # the same file under a second id
        "gwr2008": ORIGINAL + read["gwr2008"],
        "gwr2008_repost": REPOST + read["gwr2008"],
        "cpc17": read["cpc17"],
        "cpc18": read["cpc18"],
        "prov_pdf": _pdf_style(_body("gwr2013")),
    }
    for name, text in files.items():
        (texts / f"{name}.txt").write_text(text, encoding="utf-8")
    (texts / "cpc18_gb.txt").write_bytes(read["cpc18"].encode("gb18030"))
    meta = {
        "prov_reissue": ("province", 2022),
        "gwr2021": ("central", 2021),
        "gwr2019": ("central", 2019),
        "gwr2019_dup": ("central", 2019),
        "gwr2008": ("central", 2008),
        "gwr2008_repost": ("central", 2008),
        "cpc17": ("party", 2007),
        "cpc18": ("party", 2012),
        "cpc18_gb": ("party", 2012),
        "prov_pdf": ("province", 2022),
    }
    rows = [
        {"doc_id": d, "file": f"texts/{d}.txt", "region": r, "year": y}
        for d, (r, y) in meta.items()
    ]
    return write_manifest(folder, rows, header=HEADER)


@pytest.fixture(scope="module")
def tables(planted) -> preprocess.CorpusTables:
    return preprocess.prepare(corpus.load_corpus(planted))


def _pairs(t: preprocess.CorpusTables) -> set[tuple[str, str, str]]:
    return set(
        zip(t.duplicates["doc_id"], t.duplicates["duplicate_id"], t.duplicates["kind"], strict=True)
    )


def test_every_planted_pair_is_reported(tables):
    assert _pairs(tables) == {
        ("gwr2019", "gwr2019_dup", "exact"),
        ("cpc18", "cpc18_gb", "exact"),
        ("gwr2008", "gwr2008_repost", "near"),
    }
    # The re-issue has a cover note of its own: reuse, not a duplicate.
    assert "prov_reissue" not in set(tables.duplicates["duplicate_id"])
    dups = tables.duplicates.set_index("duplicate_id")
    assert dups.loc["gwr2008_repost", "similarity"] >= 0.9
    assert dups.loc["gwr2019_dup", "kept"] == "gwr2019"
    assert dups.loc["gwr2019_dup", "set_aside"] == "gwr2019_dup"
    assert "comes first in the manifest" in dups.loc["gwr2019_dup", "reason"]


def test_a_gb18030_copy_of_a_utf8_text_is_the_same_text(tables):
    ov = tables.overview.set_index("doc_id")
    assert ov.loc["cpc18_gb", "encoding"] == "gb18030"
    assert ov.loc["cpc18", "encoding"] == "utf-8"
    assert ov.loc["cpc18_gb", "status"] == "set aside: duplicate of cpc18"
    assert ov.loc["cpc18_gb", "duplicate_of"] == "cpc18"


def test_no_document_is_emptied(tables):
    ov = tables.overview.set_index("doc_id")
    # Every file keeps its body after cleaning (the old cross-document boilerplate removed
    # every line two copies share, so both copies of gwr2019 and of cpc18 lost all of it).
    assert (ov["body_chars"] > 500).all(), ov["body_chars"].to_dict()
    analysed = ov[ov["status"].str.startswith("analysed")]
    assert (analysed["paragraphs"] > 0).all()
    removed = tables.audit[tables.audit["action"] == "removed"]
    assert not removed["text"].str.contains("现在,我代表国务院|现在，我代表国务院").any()


def test_each_text_is_counted_once(tables):
    paras = tables.paragraphs
    # The set-aside copies are not analysed, the kept ones are.
    assert not paras["doc_id"].isin(["gwr2019_dup", "cpc18_gb", "gwr2008_repost"]).any()
    assert {"gwr2019", "cpc18", "gwr2008"} <= set(paras["doc_id"])
    # No paragraph as long as a reused passage (reuse_min_chars) is analysed twice; shorter
    # formulae two reports share (「各位代表:现在,我代表国务院……」) are their own text.
    long = paras.loc[paras["chars"] >= duplicates.REUSE_MIN_CHARS, "text"]
    assert not long.duplicated().any(), long[long.duplicated()].tolist()[:3]
    # The overview's analysed characters add up to the paragraphs analysed.
    assert tables.overview["chars"].sum() == paras["chars"].sum()


def test_the_reissue_is_reported_as_reuse_of_the_earlier_central_document(tables):
    reuse = tables.reuse.set_index(["doc_id", "source_id"])
    row = reuse.loc[("prov_reissue", "gwr2021")]
    assert row["share"] > 0.8
    assert row["shared_chars"] >= 0.95 * len(_body("gwr2021").replace("\n", "").strip()) - 100
    assert "过去一年,在新中国历史上极不平凡" in row["passage_text"].replace("，", ",")
    # Direction by year: the central report of 2021 is the source, not the other way round.
    assert ("gwr2021", "prov_reissue") not in reuse.index
    # count_once: of the re-issue only its own cover note is analysed.
    mine = tables.paragraphs[tables.paragraphs["doc_id"] == "prov_reissue"]["text"]
    assert mine.str.contains("转发给你们").any()
    assert not mine.str.contains("极不平凡").any()
    ov = tables.overview.set_index("doc_id")
    assert ov.loc["prov_reissue", "status"] == "analysed without reused paragraphs"
    assert ov.loc["prov_reissue", "reused_paragraphs"] > 5


def test_count_all_analyses_the_reused_text_in_both(planted):
    t = preprocess.prepare(corpus.load_corpus(planted), reuse="count_all")
    mine = t.paragraphs[t.paragraphs["doc_id"] == "prov_reissue"]["text"]
    assert mine.str.contains("极不平凡").any()
    assert ("prov_reissue", "gwr2021") in set(
        zip(t.reuse["doc_id"], t.reuse["source_id"], strict=True)
    )


def test_reuse_between_groups(tables):
    groups = preprocess.reuse_by_group(tables.reuse, tables.overview, group_by="region")
    row = groups.set_index(["group", "source_group"]).loc[("province", "central")]
    # The province's text is the re-issue (cover note + report) and the PDF-style report:
    # a little under half of it is central text.
    assert 0.3 < row["share"] < 0.7
    mine = tables.reuse[tables.reuse["doc_id"].isin(["prov_reissue", "prov_pdf"])]
    assert row["reused_chars"] == mine["shared_chars"].sum()


def test_the_wikisource_licence_footer_is_still_removed(tables):
    audit = tables.audit
    for doc in ("cpc17", "gwr2021", "prov_reissue"):
        rows = audit[(audit["doc_id"] == doc) & (audit["action"] == "removed")]
        footer = rows[rows["text"].str.contains("公有领域|本作品|Public domain")]
        assert len(footer) >= 3, doc
    assert not tables.paragraphs["text"].str.contains("公有领域|维基文库").any()


def test_the_pdf_style_document_is_analysed(tables):
    paras = tables.paragraphs[tables.paragraphs["doc_id"] == "prov_pdf"]
    assert paras["chars"].sum() > 1000


def test_keep_all_keeps_both_copies_and_still_reports_the_pairs(planted):
    t = preprocess.prepare(corpus.load_corpus(planted), duplicates="keep_all")
    assert len(_pairs(t)) == 3
    assert set(t.overview["status"].str.slice(0, 8)) == {"analysed"}
    assert {"gwr2019_dup", "cpc18_gb"} <= set(t.paragraphs["doc_id"])
    # Two copies are not boilerplate of each other, nor counted once: both are analysed whole.
    ov = t.overview.set_index("doc_id")
    assert ov.loc["gwr2019_dup", "chars"] == ov.loc["gwr2019", "chars"] > 1000
    assert ov.loc["cpc18_gb", "chars"] == ov.loc["cpc18", "chars"] > 1000


def test_fail_lists_every_pair(planted):
    with pytest.raises(duplicates.DuplicateError) as err:
        preprocess.prepare(corpus.load_corpus(planted), duplicates="fail")
    message = str(err.value)
    for a, b in (("gwr2019", "gwr2019_dup"), ("cpc18", "cpc18_gb"), ("gwr2008", "gwr2008_repost")):
        assert f"{a} = {b}" in message


def test_three_copies_kept_with_keep_all_are_not_emptied_by_boilerplate():
    # PDF-extracted text: every line is short, so every line of three copies is "short, shared
    # by three documents" and would be boilerplate; the share limit keeps them.
    doc = _pdf_style(_body("gwr2013")).splitlines()
    lines = {d: [cleaning.normalize.normalize_text(x) for x in doc] for d in "abc"}
    shared = cleaning.shared_lines(lines)
    result = cleaning.clean_lines(doc, shared=shared, doc_id="a")
    assert sum(len(t) for _, t in result.paragraph_lines()) > 1000
    kept = [r for r in result.audit if r.action == "kept"]
    assert kept and all(r.reason == "boilerplate_kept" for r in kept)
    assert "more than 50%" in kept[0].detail


def test_near_duplicate_threshold():
    a = _body("gwr2008")
    pairs = duplicates.find_duplicates({"a": a, "b": REPOST + a, "c": _body("gwr2019")})
    assert [(p.first, p.second, p.kind) for p in pairs] == [("a", "b", "near")]
    assert duplicates.find_duplicates({"a": a, "b": REPOST + a}, threshold=0.999) == []


# --- a student's corpus: one province's text twice, in UTF-8 and in GB18030 -------------------


def _excerpt(name: str, start: int, stop: int) -> str:
    lines = [x for x in (paths.RAW / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return "\n\n".join(lines[start:stop]) + "\n"


@pytest.mark.slow
@pytest.mark.pipeline
def test_a_province_saved_twice_keeps_its_group_in_every_table(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    sources = {
        "a": ("jiangsu_lianyungang.txt", 0, 25, "Jiangsu"),
        "b": ("jilin_changbaishan.txt", 0, 25, "Jilin"),
        "c": ("tianjin_bonded_zone.txt", 1, 26, "Tianjin"),
        "d": ("jiangsu_changzhou_xinbei.txt", 0, 25, "Changzhou"),
        "e": ("liaoning_dalian.txt", 0, 25, "Liaoning"),
    }
    rows = []
    for doc, (name, start, stop, region) in sources.items():
        (texts / f"{doc}.txt").write_text(_excerpt(name, start, stop), encoding="utf-8")
        rows.append({"doc_id": doc, "file": f"texts/{doc}.txt", "region": region})
    # Liaoning's text once more, as a Windows editor saves it.
    (texts / "e_gb.txt").write_bytes(_excerpt("liaoning_dalian.txt", 0, 25).encode("gb18030"))
    rows.append({"doc_id": "e_gb", "file": "texts/e_gb.txt", "region": "Liaoning"})
    manifest = write_manifest(tmp_path, rows)
    out = tmp_path / "out"
    # The duplicate's group in every table is under test, not the intervals: few resamples and
    # no extra specification codings; every notebook still runs. The command runs in this
    # process (run_cli): a process of its own added only its start-up.
    result = run_cli(
        "run", "--manifest", str(manifest), "--out", str(out), "--quiet",
        "-p", "n_bootstrap", "20", "-p", "specification_recode", "false",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    proc = out / "data" / "processed"
    dups = io.read_table(proc / "document_duplicates.csv")
    assert list(zip(dups["doc_id"], dups["duplicate_id"], dups["kind"], strict=True)) == [
        ("e", "e_gb", "exact")
    ]
    for table, column in (
        ("priorities", "group"),
        ("priority_documents", "group"),
        ("keyness", "group"),
        ("corpus_overview", "region"),
        ("paragraphs", "region"),
    ):
        df = io.read_table(proc / f"{table}.csv")
        assert "Liaoning" in set(df[column].astype(str)), table
    docs = io.read_table(proc / "priority_documents.csv")
    assert "e_gb" not in set(docs["doc_id"])
    report = (out / "reports" / "findings.md").read_text(encoding="utf-8")
    assert "`e_gb` is the same text as `e`" in report
    assert "**Liaoning** (2 documents)" in report or "**Liaoning**" in report
    skipped = io.read_table(proc / "skipped_analyses.csv")
    assert not skipped["reason"].astype(str).str.contains("no body text").any()
    assert pd.Series(skipped["status"]).astype(str).eq("set aside").sum() == 1


def test_the_sampled_candidates_of_a_large_corpus_give_the_exact_pairs(monkeypatch):
    texts = {
        "a": _body("gwr2008"),
        "b": REPOST + _body("gwr2008"),
        "c": _body("gwr2019"),
        "d": _body("gwr2021"),
    }
    exact = duplicates.find_duplicates(texts)
    monkeypatch.setattr(duplicates, "EXACT_SHINGLES", 500)  # as if the corpus were large
    assert duplicates.find_duplicates(texts) == exact
    assert [(p.first, p.second) for p in exact] == [("a", "b")]
