"""The first instrument type under each coder (``instrument_methods``) and the report's words.

A first type that the model gives and the cue-word rules do not is not a finding: the table
recomputes every group's and document's shares under both coders and the report says, beside
each group's first type, whether the other coder agrees.

The sentences are real seed sentences (named by document); in the table-driven cases each one
comes with the primary type each coder gave it at the time the case was written (the model's
from ``data/processed/sentence_instruments.csv``, the rules' from ``code_text``), so that the
cases test the arithmetic and stay fixed when the model is refitted. The last tests run both
coders for real.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policystudy.instruments import instrument_groups, instrument_methods, instrument_tables
from policystudy.instruments.tables import RULES_ONLY
from policystudy.report.instruments import coder_clause, instruments_section

LIVELIHOOD = {"housing", "employment", "social_assistance", "education", "health"}

# (document, sentence, domain, the model's primary type, the rules' primary type)
CHANGBAISHAN_JOBS = ("cbs", "推进城乡统筹的公共就业服务制度建设,扩大服务供给。", "employment",
                     "supply", "environment")  # fmt: skip
LIANYUNGANG_SECURITY = ("lyg", "完善社会保障体系,增强兜底保障能力,提升社会保障水平。",
                        "social_assistance", "environment", "environment")  # fmt: skip
CHANGBAISHAN_CULTURE = ("cbs", "以社会主义核心价值观引领文化建设,结合独具特色的长白山文化,弘扬民族精神、"
                        "时代精神和“长白山精神”。", "non_livelihood", "environment", "environment")  # fmt: skip
CHANGBAISHAN_HOUSING = ("cbs", "推进棚户区、老旧小区改造,将老旧小区改造与城镇更新结合起来。",
                        "housing", "supply", "none")  # fmt: skip
CHANGZHOU_TALENT = ("czx", "大力引进海外留学回国人才和各类高层次人才。", "education", "none",
                    "supply")  # fmt: skip
SUBSIDY = ("lyg", "继续提高退休人员基本养老金标准。", "social_assistance", "demand", "demand")

# (units of one group, scope, the model's first type, the rules' first type, same_top)
CASES = [
    # a job-services sentence the coders read differently outweighs the pension: a flip
    ([CHANGBAISHAN_JOBS, ("cbs", *SUBSIDY[1:])], "all", "supply", "environment", False),
    # a sentence both coders read alike: environment under both
    ([("cbs", *LIANYUNGANG_SECURITY[1:])], "all", "environment", "environment", True),
    # the culture sentence is not livelihood text: all text agrees on environment, livelihood
    # text (the job services alone) flips
    ([CHANGBAISHAN_CULTURE, CHANGBAISHAN_JOBS], "all", "environment", "environment", True),
    ([CHANGBAISHAN_CULTURE, CHANGBAISHAN_JOBS], "livelihood", "supply", "environment", False),
    # a sentence the rules leave without a type: the rules' first type comes from the rest
    ([CHANGBAISHAN_HOUSING, ("cbs", *SUBSIDY[1:])], "livelihood", "supply", "demand", False),
    # the model says none where the rules see supply: none is never first
    ([CHANGZHOU_TALENT, ("czx", *SUBSIDY[1:])], "all", "demand", "supply", False),
    # two documents: the group's shares are the mean of theirs, so the model's supply (all of
    # cbs) comes first though pooled text would put environment (most of lyg) first
    ([CHANGBAISHAN_JOBS, LIANYUNGANG_SECURITY, SUBSIDY], "all", "supply", "environment", False),
]  # fmt: skip


def _coding(units, method: str, group: str = "G") -> pd.DataFrame:
    """A ``sentence_instruments`` table of ``units`` as coded by ``method``."""
    rows = []
    for k, (doc, text, domain, model, rules) in enumerate(units):
        rows.append({"doc_id": doc, "region": group, "paragraph_id": f"{doc}-p001",
                     "sentence_id": f"{doc}-p001-s{k:02d}", "part": "policy",
                     "duplicate_of": "", "chars": len(text), "domain": domain,
                     "livelihood": domain in LIVELIHOOD,
                     "instrument_primary": model if method == "model" else rules})  # fmt: skip
    return pd.DataFrame(rows)


def _codings(units) -> dict[str, pd.DataFrame]:
    return {m: _coding(units, m) for m in ("model", "rules")}


@pytest.mark.parametrize(("units", "scope", "model_top", "rules_top", "same"), CASES)
def test_the_first_type_under_each_coder(units, scope, model_top, rules_top, same):
    table = instrument_methods(_codings(units), group_by="region", default="model")
    rows = table.query("level == 'group' and scope == @scope")
    tops = rows.drop_duplicates("method").set_index("method")
    assert (tops.loc["model", "top"], tops.loc["rules", "top"]) == (model_top, rules_top)
    assert set(rows["same_top"]) == {same}
    assert set(zip(rows["method"], rows["is_default"], strict=True)) == {
        ("model", True),
        ("rules", False),
    }
    # every method's shares of a group, none included, sum to one
    assert np.allclose(rows.groupby("method")["share"].sum(), 1.0)


def test_a_groups_shares_are_the_mean_of_its_documents_as_in_instrument_groups():
    units = [CHANGBAISHAN_JOBS, LIANYUNGANG_SECURITY, SUBSIDY]
    codings = _codings(units)
    table = instrument_methods(codings, group_by="region", default="model")
    docs = table.query("level == 'document' and method == 'rules' and scope == 'all'")
    group = table.query("level == 'group' and method == 'rules' and scope == 'all'")
    mean = docs.groupby("instrument", sort=False)["share"].mean()
    assert np.allclose(group.set_index("instrument")["share"], mean.reindex(group["instrument"]))
    assert set(group["n_documents"]) == {2} and set(docs["n_documents"]) == {1}
    # the document rows carry their group and their own first type
    lyg = docs[docs["doc_id"] == "lyg"]
    assert set(lyg["group"]) == {"G"} and set(lyg["top"]) == {"environment"}
    from policystudy.instruments import instrument_documents

    by_groups = instrument_groups(
        instrument_documents(codings["rules"], group_by="region"),
        group_by="region",
        n_bootstrap=10,
    ).query("scope == 'all'")
    assert np.allclose(group["share"], by_groups["share"])


def test_one_coder_leaves_the_agreement_unknown_and_says_why():
    table = instrument_methods(
        {"rules": _coding([CHANGBAISHAN_JOBS], "rules")}, group_by="region", default="rules"
    )
    assert set(table["method"]) == {"rules"} and table["is_default"].all()
    assert table["same_top"].isna().all() and set(table["note"]) == {RULES_ONLY}


# --- both coders run for real -----------------------------------------------------------------


def _coded(units) -> pd.DataFrame:
    frame = _coding(units, "rules").drop(columns=["instrument_primary", "livelihood"])
    frame = frame.rename(columns={"domain": "primary"})
    return frame.assign(text=[u[1] for u in units])


def test_notebook_tables_code_the_units_again_with_the_other_coder():
    coded = _coded([CHANGBAISHAN_JOBS, LIANYUNGANG_SECURITY, SUBSIDY])
    paragraphs = pd.DataFrame({"doc_id": coded["doc_id"].unique()})
    tables = instrument_tables(coded, paragraphs, group_by="region", n_bootstrap=10)
    methods = tables["instrument_methods"]
    assert sorted(methods["method"].unique()) == ["model", "rules"]
    # the run's own coding is reused: its rows are instrument_groups' shares and first type
    own = methods.query("level == 'group' and method == 'model'")
    groups = tables["instrument_groups"]
    assert np.allclose(own["share"], groups["share"])
    assert list(own["top"]) == list(groups["top"])
    rules = instrument_tables(coded, paragraphs, group_by="region", n_bootstrap=10, method="rules")[
        "instrument_methods"
    ]
    # run with the rules, the same two codings, the other one marked the default
    key = ["level", "group", "doc_id", "scope", "method", "instrument"]
    a, b = methods.sort_values(key), rules.sort_values(key)
    assert np.allclose(a["share"], b["share"]) and list(a["top"]) == list(b["top"])
    assert (a["is_default"].to_numpy() != b["is_default"].to_numpy()).all()


def test_another_typology_is_coded_by_the_rules_alone():
    coded = _coded([CHANGBAISHAN_JOBS, SUBSIDY])
    paragraphs = pd.DataFrame({"doc_id": coded["doc_id"].unique()})
    tables = instrument_tables(
        coded, paragraphs, group_by="region", taxonomy="regulatory", method="rules",
        n_bootstrap=10,
    )  # fmt: skip
    methods = tables["instrument_methods"]
    assert set(methods["method"]) == {"rules"} and set(methods["note"]) == {RULES_ONLY}
    lead = instruments_section(tables, labels={}, min_documents=5)[1]
    assert "no other coder checks the #1" in lead


# --- the report -------------------------------------------------------------------------------


def _section(units_by_group: dict[str, list]) -> str:
    codings = {
        m: pd.concat([_coding(u, m, group=g) for g, u in units_by_group.items()])
        for m in ("model", "rules")
    }
    from policystudy.instruments import instrument_documents

    docs = instrument_documents(codings["model"], group_by="region")
    tables = {
        "instrument_groups": instrument_groups(docs, group_by="region", n_bootstrap=10),
        "instrument_methods": instrument_methods(codings, group_by="region", default="model"),
    }
    return "\n\n".join(instruments_section(tables, labels={}, min_documents=5))


def test_the_report_states_a_flip_and_an_agreement_with_links():
    md = _section({"吉林": [CHANGBAISHAN_JOBS], "江苏": [LIANYUNGANG_SECURITY]})
    flip = next(line for line in md.splitlines() if line.startswith("- **吉林**"))
    assert "first: **supply** by the model, but **environment** by the rules ([100.0%](" in flip
    assert "the #1 depends on the coder, not read as a finding" in flip
    link = "instrument_methods.csv#group=%E5%90%89%E6%9E%97&instrument=environment&level=group"
    assert link in flip
    agree = next(line for line in md.splitlines() if line.startswith("- **江苏**"))
    assert "first: **environment** under both coders (the rules: [100.0%](" in agree
    assert "depends on the coder" not in agree
    assert "recomputed with every coder (model and rules)" in md


def test_the_report_reads_the_table_back_from_text_and_says_nothing_without_it():
    codings = _codings([CHANGBAISHAN_JOBS])
    methods = instrument_methods(codings, group_by="region", default="model")
    as_text = methods.astype(str).replace("nan", "")
    clause = coder_clause(as_text, group="G", scope="all")
    assert clause.startswith(" by the model, but **environment** by the rules")
    assert coder_clause(None, group="G", scope="all") == ""
    assert coder_clause(methods, group="other", scope="all") == ""
    assert math.isclose(methods.query("method == 'rules'")["share"].max(), 1.0)
