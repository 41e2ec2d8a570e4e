"""The findings report is assembled from tables only: each section on small frames, and the
committed seed report checked for what the priority findings must show."""

import re

import pandas as pd
import pytest

from policystudy.report import findings
from policystudy.report.site.render import markdown_html
from policystudy.workflow import paths

LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def plain(text: str) -> str:
    """The report text with every link replaced by its label."""
    return LINK.sub(r"\1", text)


def _documents():
    rows = []
    for doc, group, shares in [
        ("dalian", "Liaoning", {"education": 0.4, "health": 0.35, "employment": 0.25}),
        ("a", "Jiangsu", {"education": 0.5, "health": 0.3, "employment": 0.2}),
        ("b", "Jiangsu", {"health": 0.6, "employment": 0.3, "education": 0.1}),
    ]:
        ranked = sorted(shares, key=lambda c: -shares[c])
        for code, s in shares.items():
            rows.append({"doc_id": doc, "group": group, "domain": code, "label_zh": code[:2],
                         "label_en": code.title(), "share_livelihood": s,
                         "rank": ranked.index(code) + 1, "chars": int(1000 * s)})  # fmt: skip
    return pd.DataFrame(rows)


def _profiles():
    return pd.DataFrame(
        {
            "group": ["Liaoning"] * 3 + ["Jiangsu"] * 3,
            "domain": ["education", "health", "employment"] * 2,
            "label_zh": ["ed", "he", "em"] * 2,
            "label_en": ["Education", "Health", "Employment"] * 2,
            "share": [0.4, 0.35, 0.25, 0.3, 0.45, 0.25],
            "ci_low": [float("nan")] * 6,
            "ci_high": [float("nan")] * 6,
            "rank": [1, 2, 3, 2, 1, 3],
            "n_documents": [1] * 3 + [2] * 3,
            "pooling": "documents",
        }
    )


def _robust():
    return pd.DataFrame(
        {
            "level": ["document", "document", "document", "group", "group"],
            "group": ["Liaoning", "Jiangsu", "Jiangsu", "Liaoning", "Jiangsu"],
            "doc_id": ["dalian", "a", "b", "", ""],
            "top": ["education", "education", "health", "education", "health"],
            "runner_up": ["health", "health", "employment", "health", "education"],
            "lead": [0.05, 0.2, 0.3, 0.05, 0.15],
            "fewest_units": [1, 3, 4, 1, 2],
            "method": ["exact"] * 4 + ["greedy upper bound"],
        }
    )


def test_single_document_groups_are_spoken_of_as_documents():
    lodo = pd.DataFrame({"group": ["Jiangsu"] * 2, "left_out": ["a", "b"],
                         "top": ["health", "education"], "top_share": [0.6, 0.5],
                         "same_top": [True, False]})  # fmt: skip
    agree = pd.DataFrame({"group": ["Jiangsu"], "doc_a": ["a"], "doc_b": ["b"],
                          "kendall_tau": [-0.33]})  # fmt: skip
    text = findings.priorities_section(
        _profiles(), _documents(), _robust(), lodo, agree, min_documents=5, group_by="region"
    )
    flat = plain(text)
    assert "**The Liaoning document (`dalian`)** puts ed Education 40.0% first" in flat
    assert "removing 1 sentence changes it" in flat
    assert "Liaoning's" not in flat and "region Liaoning" not in flat
    assert "**Jiangsu: 2 documents side by side.**" in flat
    assert "| `a` | 1,000 characters | ed Education 50.0% |" in flat
    assert "| `b` | 1,000 characters | he Health 60.0% |" in flat
    assert "Kendall's τ = -0.33" in flat
    assert "Without `b` the #1 is ed Education (50.0%): a different #1." in flat
    assert "no intervals or p-values" in flat
    # every percentage is a link to its rows
    assert not re.search(r"(?<!\[)\b\d+\.\d%(?!\])", text)


def test_no_test_without_enough_documents_and_survivors_otherwise():
    tests = pd.DataFrame({"group_a": ["A"], "group_b": ["B"], "domain": ["health"],
                          "share_a": [0.1], "share_b": [0.5], "tested": [False],
                          "p_value": [float("nan")], "p_holm": [float("nan")],
                          "significant": [False]})  # fmt: skip
    text = findings.difference_lines(tests, min_documents=5)
    assert "no difference was tested" in text and "p = " not in text
    tested = tests.assign(tested=True, p_value=0.001, p_holm=0.004, significant=True)
    text = plain(findings.difference_lines(tested, min_documents=5))
    assert "1 group × domain differences were tested" in text
    assert "health: A 10.0% vs B 50.0% (Holm p = 0.004)" in text


def test_differences_list_the_ten_smallest_p_values_and_link_the_rest():
    """Every pair of five groups over eleven domains (the 500-document collection's shape,
    whose run in tests/test_scale_report.py tests neighbouring groups only): 25 differences
    survive, ten are listed and the rest is one linked count."""
    groups = ["吉林", "四川", "山东", "江苏", "浙江"]
    pairs = [(a, b) for i, a in enumerate(groups) for b in groups[i + 1 :]]
    domains = [f"d{k:02d}" for k in range(11)]
    rows = [(a, b, d) for a, b in pairs for d in domains]
    tests = pd.DataFrame({"group_a": [r[0] for r in rows], "group_b": [r[1] for r in rows],
                          "domain": [r[2] for r in rows], "share_a": 0.1, "share_b": 0.3,
                          "tested": True, "p_value": 0.0001,
                          "p_holm": [0.001 * (i + 1) if i < 25 else 0.5 for i in range(len(rows))],
                          "significant": [i < 25 for i in range(len(rows))]})  # fmt: skip
    text = plain(findings.difference_lines(tests, min_documents=5))
    assert "110 group × domain differences were tested" in text and "25 survive" in text
    listed = [line for line in text.splitlines() if line.startswith("  - d")]
    assert len(listed) == findings.LIST_MAX
    assert listed[0].endswith("(Holm p = 0.001)") and listed[-1].endswith("(Holm p = 0.010)")
    assert "  - … and 15 more differences." in text.splitlines()


def test_consensus_says_where_employment_stands_in_each_document():
    docs = _documents()
    consensus = pd.DataFrame({"domain": ["education", "health", "employment"], "n_documents": 3,
                              "top1": [2, 1, 0], "top3": [3, 3, 3], "median_rank": [1, 2, 3],
                              "min_share": [0.1, 0.3, 0.2], "max_share": [0.5, 0.6, 0.3]})  # fmt: skip
    text = plain(findings.consensus_lines(consensus, docs, {"education": "教育 Education"}))
    assert "教育 Education is in the top three of 3 of 3 documents (#1 in 2; median rank 1" in text
    assert "Where employment stands in each document: `a` #3, `b` #2, `dalian` #3." in text


def test_keyness_lists_only_significant_terms_merges_synonyms_and_flags_places():
    k = pd.DataFrame({"group": ["A"] * 5,
                      "term": ["社保卡", "社会保障卡", "大连", "教育", "连云港市"],
                      "z": [2.5, 3.1, 2.2, 1.5, 2.0]})  # fmt: skip
    text = plain(findings.keyness_lines(k, synonyms={"社会保障卡": "社保卡"}, places={"大连市"}))
    assert text.startswith("- **A**: 社保卡 (z=3.10; incl. 社会保障卡)")
    assert "大连 †place (z=2.20)" in text and "连云港市 †place" in text
    assert "教育" not in text


def test_validation_section_quotes_the_unseen_figure_and_what_it_rests_on():
    summary = pd.DataFrame({"dataset": ["dev", "seed"], "model": "lexicon", "subset": "all",
                            "protocol": ["tune/report", "lodo"], "n": [162, 173],
                            "primary_accuracy": [0.93, 0.98],
                            "non_livelihood_n": [120, 0],
                            "non_livelihood_kept_out": [0.95, float("nan")],
                            "command": "cmd"})  # fmt: skip
    text = plain(findings.validation_section(summary))
    assert "The figure to quote is the unseen one: the lexicon codes 93.0% of 162" in text
    assert "one genre" in text and "optimistic" in text and "`cmd`" in text
    assert "| unseen (CPC reports) | lexicon | tune/report | 162 | 93.0% | 95.0% of 120 |" in text


def test_untested_corpus_says_targets_were_not_evaluated():
    evaluation = pd.DataFrame({"metric": ["n_gold"], "value": [0]})
    text = findings.caveat_lines(pd.DataFrame({"statement": []}), evaluation)
    assert "was not evaluated on this corpus" in text


@pytest.fixture(scope="module")
def seed_report() -> str:
    return plain((paths.ROOT / "reports" / "findings.md").read_text(encoding="utf-8"))


def _prevalence(n_documents, resampled, ci):
    rows = []
    for g, n, kind, (lo, hi) in zip(["A", "B"], n_documents, resampled, ci, strict=True):
        for t, share in ((1, 0.7), (2, 0.3)):
            rows.append({"group": g, "topic": t, "label": f"t{t}", "prevalence": share,
                         "ci_low": lo if t == 1 else 0.2, "ci_high": hi if t == 1 else 0.4,
                         "n_documents": n, "resampled": kind})  # fmt: skip
    return pd.DataFrame(rows)


TOPIC_LINE_CASES = [
    # (n_documents, resampled, (ci_low, ci_high) of topic 1, wanted text, text never there)
    ([6, 2], ["documents", ""], [(0.6, 0.8), (float("nan"), float("nan"))],
     ["resamples documents, for groups with at least 5 documents; none for the others",
      "**A**: topic 1 “t1” carries 70.0% [60.0–80.0] of its paragraph weight",
      "**B**: topic 1 “t1” carries 70.0% of its paragraph weight (2 documents, no interval)"],
     ["nan", "over paragraphs"]),
    ([1, 2], ["", ""], [(float("nan"), float("nan"))] * 2,
     ["no intervals: no group has at least 5 documents to resample",
      "(1 document, no interval)", "(2 documents, no interval)"],
     ["[", "resamples documents", "bootstrap 95% CI"]),
    ([6, 7], ["documents", "documents"], [(0.6, 0.8), (0.5, 0.9)],
     ["95% CI from a bootstrap that resamples documents, for groups with at least 5 documents)",
      "70.0% [50.0–90.0]"],
     ["none for the others", "no interval"]),
]  # fmt: skip


@pytest.mark.parametrize(("n_documents", "resampled", "ci", "wanted", "never"), TOPIC_LINE_CASES)
def test_topic_lines_quote_document_bootstrap_intervals_only_where_they_exist(
    n_documents, resampled, ci, wanted, never
):
    text = plain(findings.topic_lines(_prevalence(n_documents, resampled, ci), min_documents=5))
    for w in wanted:
        assert w in text, (w, text)
    for n in never:
        assert n not in text, (n, text)


def test_seed_report_shows_the_single_documents_at_sentence_level(seed_report):
    # The Tianjin copy is set aside by default (exclude_flagged: placeholder, issue 27).
    assert "The Tianjin document (`tianjin_bonded`)" not in seed_report
    for region, doc in [("Liaoning", "dalian"), ("Jilin", "changbaishan")]:
        line = next(x for x in seed_report.splitlines() if f"The {region} document (`{doc}`)" in x)
        assert "changes it" in line  # its robustness figure
    assert "Each sentence is coded" in seed_report


def test_seed_report_puts_jiangsus_documents_side_by_side_and_flags_tianjin(seed_report):
    assert "**Jiangsu: 2 documents side by side.**" in seed_report
    assert "| `changzhou_xinbei` |" in seed_report and "| `lianyungang` |" in seed_report
    assert "`tianjin_bonded` (Tianjin) is flagged: placeholder, ad_footer" in seed_report
    # The priorities with and without the flagged copy (issue 24, item 6).
    assert (
        "- Tianjin (1 flagged of 1 documents): #1 with them 医疗卫生 Health 17.7%, without them "
        "no document is left" in seed_report
    )
    assert "`lianyungang`:" in seed_report and "commentary, not policy text" in seed_report
    assert "The figure to quote is the unseen one" in seed_report


def _with_thin(frame, thin: set[str], key: str, share: float, units: int, n_thin: int = 0,
               reason: str = "units"):  # fmt: skip
    flag = frame[key].isin(thin)
    out = frame.assign(thin_livelihood=flag, livelihood_text_share=0.6, livelihood_units=40,
                       thin_reason=flag.map({True: reason, False: ""}))  # fmt: skip
    out.loc[flag, "livelihood_text_share"] = share
    out.loc[flag, "livelihood_units"] = units
    if key == "group":
        out["thin_documents"] = n_thin
    return out


_LODO = pd.DataFrame(columns=["group", "left_out", "top", "top_share", "same_top"])
_AGREE = pd.DataFrame(columns=["group", "doc_a", "doc_b", "kendall_tau"])


@pytest.mark.parametrize(
    ("thin_docs", "reason", "present", "absent"),
    [
        (set(), "", ["**The Liaoning document (`dalian`)** puts ed Education 40.0% first"],
         ["thin livelihood text", "not read as priorities"]),
        ({"dalian"}, "units",
         ["**The Liaoning document (`dalian`): thin livelihood text.** Only 2.3% of its "
          "analysed text is livelihood policy (3 sentences); its shares are not read as "
          "priorities: its largest (ed Education 40.0%, he Health 35.0%) rest on a handful of "
          "sentences."],
         ["puts ed Education 40.0% first"]),
        ({"dalian"}, "share",
         ["(ed Education 40.0%, he Health 35.0%) rest on scattered mentions in a text mostly "
          "about other things."],
         ["puts ed Education 40.0% first", "handful"]),
    ],
)  # fmt: skip
def test_a_thin_document_is_not_presented_as_priorities(thin_docs, reason, present, absent):
    docs = _with_thin(_documents(), thin_docs, "doc_id", 0.023, 3, reason=reason)
    text = plain(
        findings.priorities_section(
            _profiles(), docs, _robust(), _LODO, _AGREE, min_documents=5, group_by="region"
        )
    )
    for s in present:
        assert s in text
    for s in absent:
        assert s not in text


@pytest.mark.parametrize("thin", [False, True])
def test_a_thin_group_with_enough_documents_has_no_priority_row(thin):
    prof = _with_thin(_profiles(), {"Jiangsu"} if thin else set(), "group", 0.023, 40, 2)
    text = plain(
        findings.priorities_section(
            prof, _documents(), _robust(), _LODO, _AGREE, min_documents=2, group_by="region"
        )
    )
    row = "| Jiangsu | 2 | he Health 45.0%"
    sentence = (
        "- **Jiangsu: thin livelihood text.** Only 2.3% of its analysed text is livelihood "
        "policy (40 sentences in 2 documents, 2 of them thin); its shares are not read as "
        "priorities: its largest (he Health 45.0%, ed Education 30.0%) rest on a handful of "
        "sentences."
    )
    assert (row in text) is not thin
    assert (sentence in text) is thin
    assert ("- Jiangsu: the #1 is" in text) is not thin


def test_a_difference_with_a_thin_group_is_not_one_of_priorities():
    tests = pd.DataFrame({"group_a": ["A"], "group_b": ["B"], "domain": ["employment"],
                          "share_a": [0.26], "share_b": [0.013], "tested": [True],
                          "p_value": [0.001], "p_holm": [0.045], "significant": [True]})  # fmt: skip
    text = plain(findings.difference_lines(tests, min_documents=5, thin_groups={"B"}))
    assert "(Holm p = 0.045; B has thin livelihood text: a difference in a handful of " in text
    plain_text = plain(findings.difference_lines(tests, min_documents=5))
    assert "(Holm p = 0.045)" in plain_text and "thin" not in plain_text


def _reuse_tables(ids: list[str], groups: list[str]):
    dups = pd.DataFrame(
        {
            "doc_id": ids,
            "duplicate_id": [f"{d}_copy" for d in ids],
            "kind": "exact",
            "similarity": 1.0,
            "kept": ids,
            "set_aside": [f"{d}_copy" for d in ids],
            "reason": "the same text after normalisation",
        }
    )
    reuse = pd.DataFrame(
        {
            "doc_id": [f"prov_{d}" for d in ids],
            "source_id": ids,
            "shared_chars": [1000 + i for i in range(len(ids))],
            "doc_chars": 2000,
        }
    )
    groups_table = pd.DataFrame(
        {
            "group": groups,
            "source_group": groups[::-1],
            "reused_chars": 10,
            "group_chars": 100,
            "share": 0.1,
        }
    )
    overview = pd.DataFrame(
        {"doc_id": ids + [f"prov_{d}" for d in ids], "reused_paragraphs": 0, "reused_chars": 0}
    )
    return dups, reuse, groups_table, overview


def test_duplicates_and_reuse_show_user_values_as_text():
    """Issue 24 and 25: ids and group names from the manifest in the duplicate and reuse
    section are escaped like everywhere else in the report (this section came after the
    escaping and wrote raw backticks and raw group names)."""
    ids = ["a`<img src=x onerror=alert(1)>"]
    groups = ["*省*<script>alert(1)</script>", "{{7*7}}_市_"]
    text = findings.duplicates_and_reuse(*_reuse_tables(ids, groups), group_by="region")
    html = markdown_html(text)
    assert "<img" not in html and "<script" not in html
    assert "<em>" not in html  # * and _ in a group name are its characters, not emphasis
    assert "{{7*7}}_市_" in html


def test_duplicates_and_reuse_lists_at_most_ten_items():
    """A collection with many copies and re-issues gets the ten largest and a linked count."""
    ids = [f"doc{i:03d}" for i in range(25)]
    text = findings.duplicates_and_reuse(*_reuse_tables(ids, ["中央", "省"]), group_by="region")
    pair_lines = [ln for ln in text.splitlines() if "is the same text as" in ln]
    reuse_lines = [ln for ln in text.splitlines() if "of its text (" in ln]
    assert len(pair_lines) == findings.LIST_MAX and len(reuse_lines) == findings.LIST_MAX
    assert "and [15 more pairs](../data/processed/document_duplicates.csv)" in text
    assert "and [15 more documents](../data/processed/text_reuse.csv)" in text
    # the largest reuse first
    assert reuse_lines[0].startswith("- `prov_doc024`")
