"""The supervised kind model of extracted quantities (``policystudy.targets.kindmodel``).

Its cross-validated figures against the rules are in dev/TARGETS_DEV.md ("Kind model (sixth
session)"); the model is not wired into the extractor. These tests check the features on real
work-report sentences, the estimator's contract and the folds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from policystudy.targets.evaluation import evaluate_split_parts, read_gwr
from policystudy.targets.kindmodel import (
    PART_ORDER,
    KindModel,
    cv_kinds,
    kind_features,
    kind_table,
    matched_rows,
    number_clause,
)
from policystudy.targets.paragraphs import extract_targets_from_paragraphs

# (sentence, indicator, expected clause, expected text before the number in it)
CLAUSES = [
    (
        "今年发展的主要预期目标是:国内生产总值增长6.5%-7%,居民消费价格涨幅3%左右",
        "国内生产总值增长",
        "国内生产总值增长6.5%-7%",
        "国内生产总值增长",
    ),
    (
        "由于国家建设的需要和生产的发展,劳动就业的人数逐年增加,一九五三年全国公私企业的职工已经达到一千三百七十四万五千余人。",
        "一九五三年全国公私企业的职工",
        "一九五三年全国公私企业的职工已经达到一千三百七十四万五千余人",
        "一九五三年全国公私企业的职工",
    ),
    # an indicator the sentence does not hold: the sentence is the clause
    (
        "五年内大学毕业生共一百五十万人。",
        "大学生",
        "五年内大学毕业生共一百五十万人。",
        "五年内大学毕业生共一百五十万人。",
    ),
]


@pytest.mark.parametrize(("sentence", "indicator", "clause", "left"), CLAUSES)
def test_number_clause(sentence, indicator, clause, left):
    assert number_clause(sentence, indicator) == (clause, left)


# (row of the extractor, tokens expected among the features' tokens, tokens expected absent)
FEATURES = [
    (
        {
            "kind": "status",
            "cue": "已",
            "cue_where": "clause",
            "year": 1954,
            "year_to": 1953,
            "sentence": "一九五三年全国公私企业的职工已经达到一千三百七十四万五千余人。",
            "indicator": "一九五三年全国公私企业的职工",
            "value_type": "level",
        },
        {
            "K=status",
            "KW=status|clause",
            "CUE=已",
            "YTO=past",
            "DC=past",
            "YDEC=1950",
            "value_type=level",
        },
        {"DC=same", "DC=later"},
    ),
    (
        {
            "kind": "target",
            "cue": "目标",
            "cue_where": "sentence",
            "year": 2016,
            "year_to": 2016,
            "sentence": "今年发展的主要预期目标是:国内生产总值增长6.5%-7%",
            "indicator": "国内生产总值增长",
            "section_path": "三、2016年重点工作",
        },
        {"K=target", "W=sentence", "YTO=same", "YDEC=2010"},
        {"DC=past", "DS=past", "DS=same"},  # no year is written in the sentence
    ),
    (
        # 1979年 in a 1980 report dates its clause; no period or year_to from the rules
        {
            "kind": "unknown",
            "year": 1980,
            "sentence": "1979年国民收入比上年增长7%,今年力争增长5.5%",
            "indicator": "1979年国民收入比上年增长",
        },
        {"K=unknown", "YTO=none", "DC=past", "DS=past"},
        {"DC=same"},
    ),
]


@pytest.mark.parametrize(("row", "present", "absent"), FEATURES)
def test_kind_features_tokens(row, present, absent):
    tokens = set(kind_features(row)["tokens"].split())
    assert present <= tokens
    assert not absent & tokens


def test_heading_is_the_innermost_of_the_trail():
    row = {"sentence": "五年内大学毕业生共一百五十万人。", "indicator": "五年内大学毕业生共",
           "section_path": "三、关于教育 > (一)高等教育"}  # fmt: skip
    assert kind_features(row)["heading"] == "(一)高等教育"


TOY = pd.DataFrame(
    {
        "sentence": ["今年要新增就业1100万人", "去年已新增就业1300万人", "标准为每月300元"] * 4,
        "indicator": ["新增就业", "新增就业", "标准为每月"] * 4,
        "kind": ["target", "status", "rule"] * 4,
        "cue": ["要", "已", "标准为"] * 4,
        "cue_where": "clause",
        "year": 2019,
        "doc_id": [f"d{i}" for i in range(12)],
        "split": ["tune", "report", "fresh", "final"] * 3,
    }
)
TOY_Y = ["target", "status", "rule"] * 4


@pytest.mark.parametrize("params", [{}, {"C": 2.0, "class_weight": "balanced"},
                                    {"rule_evidence": False, "sentence_weight": 0.0}])  # fmt: skip
def test_clone_and_determinism(params):
    model = KindModel(**params)
    copy = clone(model)
    assert copy.get_params() == model.get_params() and "random_state" in model.get_params()
    # nothing learned before fit; fitted attributes end in _
    assert not [k for k in vars(copy) if k.endswith("_")]
    a = model.fit(TOY, TOY_Y).decision_function(TOY.iloc[:3])
    b = copy.fit(TOY, TOY_Y).decision_function(TOY.iloc[:3])
    assert np.array_equal(a, b)
    assert list(model.classes_) == ["rule", "status", "target"]
    assert model.predict(TOY.iloc[:3]).tolist() == ["target", "status", "rule"]


def test_rule_evidence_off_drops_the_rules_tokens():
    with_rules = KindModel().fit(TOY, TOY_Y).vectorizers_["tokens"].vocabulary_
    without = KindModel(rule_evidence=False).fit(TOY, TOY_Y).vectorizers_["tokens"].vocabulary_
    assert "K=target" in with_rules
    assert not [t for t in without if t.startswith(("K=", "KW=", "W=", "CUE=", "YTO="))]
    assert "YDEC=2010" in without


@pytest.mark.parametrize(("by", "folds"), [("split", {"tune", "report", "fresh", "final"}),
                                           ("doc_id", {"1", "2", "3"})])  # fmt: skip
def test_cv_kinds_folds_hold_out_whole_groups(by, folds):
    out = cv_kinds(TOY.assign(kind_gold=TOY_Y), by=by, n_splits=3)
    assert set(out["fold"]) == folds
    assert (out["model"] != "").all()
    # every document (and part) is predicted in exactly one fold
    key = "split" if by == "split" else "doc_id"
    assert out.groupby(key)["fold"].nunique().eq(1).all()


def test_kind_table_counts_and_discordant_rows():
    pred = pd.DataFrame({
        "split": ["coda", "coda", "coda", "last"],
        "kind_gold": ["status", "target", "status", "target"],
        "kind": ["unknown", "target", "status", "status"],
        "model": ["status", "status", "status", "target"],
    })  # fmt: skip
    table = kind_table(pred).set_index("split")
    assert table.index.tolist() == ["last", "coda", "all"]  # in PART_ORDER, then all
    assert table.loc["coda", ["n", "model_k", "rules_k", "model_only", "rules_only"]].tolist() == [
        3, 2, 2, 1, 1
    ]  # fmt: skip
    assert table.loc["all", "model"] == 0.75 and table.loc["all", "rules"] == 0.5
    assert table.loc["all", "model_lo"] < 0.75 < table.loc["all", "model_hi"]


def test_matched_rows_score_as_the_evaluation():
    # the rows the model learns from are the matched numeric rows of evaluate_split_parts: the
    # rules' kinds on them give its kind accuracy
    assert PART_ORDER[0] == "tune"
    paragraphs, gold = read_gwr("tune")
    pred = extract_targets_from_paragraphs(
        paragraphs.assign(group=paragraphs["doc_id"]), group_by="group"
    )
    rows = matched_rows(paragraphs, gold, pred)
    scores = evaluate_split_parts(gold, pred)
    assert len(rows) == scores["kind_accuracy_n"]
    assert int((rows["kind"] == rows["kind_gold"]).sum()) == scores["kind_accuracy_k"]
    assert rows["year"].notna().all() and "section_path" in rows
