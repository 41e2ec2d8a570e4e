"""The findings report is assembled from tables only: each section on small frames."""

import pandas as pd

from policystudy.report import findings


def _tests(significant: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group_a": ["Jiangsu", "Jiangsu"],
            "group_b": ["Jilin", "Tianjin"],
            "domain": ["rural_revitalization", "culture_sports"],
            "share_a": [0.0, 0.0],
            "share_b": [0.216, 0.131],
            "diff": [-0.216, -0.131],
            "p_value": [0.001, 0.003],
            "p_holm": [0.004 if significant else 0.2, 0.3],
            "significant": [significant, False],
        }
    )


RANKING = pd.DataFrame(
    {
        "group": ["Jilin", "Jilin", "Tianjin", "Tianjin"],
        "rank": [1, 2, 1, 2],
        "domain": ["education", "rural_revitalization", "health", "education"],
        "label_zh": ["教育", "乡村振兴", "医疗卫生", "教育"],
        "label_en": ["Education", "Rural revitalisation", "Health", "Education"],
        "share": [0.221, 0.216, 0.141, 0.13],
        "ci_low": [0.033, 0.0, 0.046, 0.04],
        "ci_high": [0.545, 0.528, 0.264, 0.2],
        "n_paragraphs": [5, 4, 6, 3],
    }
)

SIMILARITY = pd.DataFrame(
    {
        "level": ["group"] * 4,
        "item_a": ["Jilin", "Jilin", "Tianjin", "Tianjin"],
        "item_b": ["Jilin", "Tianjin", "Jilin", "Tianjin"],
        "cosine": [1.0, 0.31, 0.31, 1.0],
    }
)


def test_priorities_table_quotes_shares_and_intervals():
    text = findings.priorities_table(RANKING, top=2)
    assert (
        "| Jilin | 教育 Education 22.1% [3.3–54.5] | 乡村振兴 Rural revitalisation 21.6% [0.0–52.8] |"
        in text
    )


def test_no_surviving_difference_is_said_with_the_smallest_p():
    text = findings.agreement_and_difference(RANKING, _tests(False), SIMILARITY)
    assert "Every group has education among its top three domains." in text
    assert "None of the 2 pairwise share differences survives the Holm correction" in text
    assert "smallest raw p = 0.001: rural_revitalization, Jiangsu 0.0% vs Jilin 21.6%" in text
    assert "most alike Jilin–Tianjin (0.31)" in text


def test_surviving_differences_are_listed():
    text = findings.agreement_and_difference(RANKING, _tests(True), SIMILARITY)
    assert "1 of 2 pairwise differences survive the Holm correction" in text
    assert "rural_revitalization: Jiangsu 0.0% vs Jilin 21.6% (Holm p = 0.004)" in text


def test_thin_evidence_and_single_document_caveats():
    overview = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "region": ["X", "X", "Y"], "chars": [4000, 3000, 2491]}
    )
    caveats = pd.DataFrame({"statement": ["X pools 2 documents"]})
    text = findings.caveat_lines(caveats, overview, "region")
    assert "- X pools 2 documents" in text
    assert "Thin evidence: Y rests on one document of 2,491 characters" in text
    assert "1 of 2 groups (Y) are a single document" in text


def test_targets_summary_counts_kinds_and_lists_shared_indicators():
    targets = pd.DataFrame(
        {
            "sentence_id": ["s1", "s2", "s3"],
            "group": ["Liaoning", "Tianjin", "Tianjin"],
            "doc_id": ["dalian", "tianjin_bonded", "tianjin_bonded"],
            "kind": ["status", "target", "placeholder"],
            "canonical_indicator": ["登记失业率", "登记失业率", ""],
            "comparator": ["=", "≤", ""],
            "value": [3.36, 3.5, float("nan")],
            "unit": ["%", "%", "张"],
            "deadline": ["", "到202x年", "到202x年"],
        }
    )
    text = findings.targets_summary(targets)
    assert "| Liaoning | 0 | 1 | 0 |" in text
    assert "| Tianjin | 1 | 0 | 1 |" in text
    assert (
        "**登记失业率**: Liaoning/dalian: = 3.36% (status); Tianjin/tianjin_bonded: ≤ 3.5% (target, 到202x年)"
        in text
    )


def test_untested_corpus_says_targets_were_not_evaluated():
    overview = pd.DataFrame({"doc_id": ["a"], "region": ["X"], "chars": [5000]})
    evaluation = pd.DataFrame({"metric": ["n_gold"], "value": [0]})
    text = findings.caveat_lines(pd.DataFrame({"statement": []}), overview, "region",
                                 targets_eval=evaluation)  # fmt: skip
    assert "was not evaluated on this corpus" in text
