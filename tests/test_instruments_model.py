"""The supervised instrument coder (``policystudy.instruments.model``)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from policystudy.instruments import (
    InstrumentError,
    InstrumentModel,
    code_text,
    code_texts,
    code_units,
    cv_predictions,
    cv_table,
    fitted_model,
    instrument_lines,
    load_instrument_labels,
    model_code_texts,
    nested_cv_predictions,
    training_labels,
)
from policystudy.instruments.model import BULK_SPLITS, UNSEEN_SPLITS
from policystudy.instruments.validation import REPORTED_SAMPLE

TOY = ["加大投入", "开展试点工作", "完善制度", "教育是基石"] * 3
TOY_Y = ["supply", "demand", "environment", "none"] * 3


def test_training_labels_are_eight_samples_and_the_bulk_sheets():
    labels = training_labels()
    assert len(labels) == 4115
    assert set(labels["split"]) == {
        "tune", "report", "fresh", "holdout", "final", "fifth", "sixth", "seventh", "eighth",
        *BULK_SPLITS,
    }  # fmt: skip
    assert labels["item_id"].is_unique
    # a sentence repeated word for word by two reports is two units; each copy got one label
    repeated = labels[labels["text"].duplicated(keep=False)]
    assert len(repeated) <= 10
    assert repeated.groupby("text")["doc_id"].nunique().min() == 2
    assert repeated.groupby("text")["primary"].nunique().max() == 1
    # the fifth to eighth were each scored once, blind, by the model fitted on the samples
    # before them (INSTRUMENTS.md, "Score of the ... sample"), and joined them afterwards
    for split, n in (("final", 200), ("fifth", 250), ("sixth", 250), ("seventh", 250),
                     ("eighth", 250)):  # fmt: skip
        sample = load_instrument_labels(split=split)
        assert len(sample) == n and set(sample["item_id"]) <= set(labels["item_id"])
    # the combiner learns from the samples the rules were never tuned on:
    # 270 + 200 + 250 + 250 + 250 + 250 and the 2,000 bulk sentences
    assert int(labels["split"].isin(UNSEEN_SPLITS).sum()) == 3470
    assert set(labels.loc[labels["split"].isin(UNSEEN_SPLITS), "split"]) == set(UNSEEN_SPLITS)


def test_reported_sample_is_new_text_to_the_model():
    reported = load_instrument_labels(split=REPORTED_SAMPLE)
    # not one of its sentences is training text, word for word (a repeated sentence of another
    # report would be seen in training even where the split is not)
    assert not set(reported["text"]) & set(training_labels()["text"])


@pytest.mark.parametrize(
    "params",
    [
        {"C": 2.0, "rule_weight": 0.5},
        {"base": "logreg", "stack": False},
        {"stack_C": 0.5},
        {"type_scores": True, "base": "logreg"},
        {"type_scores": True, "word_weight": 0.5, "head_weight": 0.5, "none_bias": -0.2},
    ],
)
def test_clone_and_determinism(params):
    model = InstrumentModel(**params)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    a = model.fit(TOY, TOY_Y).predict_proba(["开展医改试点", "增加投入"])
    b = copy.fit(TOY, TOY_Y).predict_proba(["开展医改试点", "增加投入"])
    assert np.array_equal(a, b)
    assert np.allclose(a.sum(axis=1), 1.0)
    assert list(model.classes_) == ["demand", "environment", "none", "supply"]
    assert model.predict(["开展医改试点"]).tolist() == ["demand"]


def test_word_and_head_blocks_join_the_text_features():
    # each block is a vocabulary of its own, scaled by its weight, beside the character n-grams
    plain = InstrumentModel(stack=False).fit(TOY, TOY_Y)
    assert plain.text_["words"] is None and plain.text_["heads"] is None
    both = InstrumentModel(stack=False, word_weight=0.5, head_weight=0.25).fit(TOY, TOY_Y)
    n_words = len(both.text_["words"].vocabulary_)
    n_heads = len(both.text_["heads"].vocabulary_)
    assert n_words > 0 and n_heads > 0
    width = plain.text_["clf"].coef_.shape[1]
    assert both.text_["clf"].coef_.shape[1] == width + n_words + n_heads
    # a sentence of one known head clause: its head block is the weight times a unit vector
    features = both._text_features(both.text_, ["完善制度"], [{}])
    heads = features[:, width + n_words :].toarray()
    assert np.isclose(np.linalg.norm(heads), 0.25)


def test_none_bias_shifts_the_none_score_only():
    model = InstrumentModel(n_inner=2).fit(TOY, TOY_Y)
    biased = clone(model).set_params(none_bias=-50.0).fit(TOY, TOY_Y)
    texts = ["教育是基石", "开展医改试点"]
    shift = biased.decision_function(texts) - model.decision_function(texts)
    none = list(model.classes_).index("none")
    assert np.allclose(shift[:, none], -50.0)
    assert np.allclose(np.delete(shift, none, axis=1), 0.0)
    assert model.predict(["教育是基石"]).tolist() == ["none"]
    assert biased.predict(["教育是基石"]).tolist() != ["none"]


def test_unknown_base_is_refused():
    with pytest.raises(ValueError, match="base"):
        InstrumentModel(base="bert").fit(TOY, TOY_Y)


def test_combiner_is_fitted_on_the_unseen_rows_only():
    # only the rows marked unseen reach the combiner: two rows, two classes; all rows, four
    texts = [*TOY, "严格执行住房建设标准", "建设社会主义新农村"]
    labels = [*TOY_Y, "environment", "none"]
    unseen = [False] * len(TOY) + [True, True]
    few = InstrumentModel(n_inner=2).fit(texts, labels, unseen=unseen)
    assert few.combiner_ is not None
    assert list(few.combiner_.classes_) == ["environment", "none"]
    every = InstrumentModel(n_inner=2).fit(texts, labels)
    assert list(every.combiner_.classes_) == ["demand", "environment", "none", "supply"]
    # a class the combiner never saw still gets a column (and a low probability)
    proba = few.predict_proba(["开展医改试点"])
    assert proba.shape == (1, 4) and np.isclose(proba.sum(), 1.0)


def test_type_scores_give_the_combiner_one_text_score_per_type():
    # a sentence may carry more types than its primary one: with type_scores the combiner
    # reads one binary text score per type of the typology, learnt from the labels' types
    texts = [*TOY, "加大投入,完善制度", "开展试点,加大投入"] * 2
    primary = [*TOY_Y, "supply", "demand"] * 2
    types = [*TOY_Y, "supply;environment", "supply;demand"] * 2
    plain = InstrumentModel(n_inner=2).fit(texts, primary)
    scored = InstrumentModel(n_inner=2, type_scores=True).fit(texts, primary, types=types)
    n_rules = 4 + 3  # primary-type and type indicators of the rules
    assert plain.combiner_.coef_.shape == (4, 4 + n_rules)
    assert scored.combiner_.coef_.shape == (4, 4 + 3 + n_rules)
    assert [m is not None for m in scored.text_["types"]] == [True, True, True]
    # without types the primary type alone stands for them: another model
    alone = InstrumentModel(n_inner=2, type_scores=True).fit(texts, primary)
    assert not np.array_equal(alone.combiner_.coef_, scored.combiner_.coef_)
    # without the combiner the type scores are not fitted and the scores are one per class
    text_only = InstrumentModel(stack=False, type_scores=True).fit(texts, primary, types=types)
    assert text_only.text_["types"] == []
    assert text_only.decision_function(["开展医改试点"]).shape == (1, 4)


def test_cross_validation_groups_documents_and_reports_unseen_rows():
    labels = training_labels()
    part = labels[labels["doc_id"].isin(sorted(labels["doc_id"].unique())[:12])]
    pred = cv_predictions(part, n_splits=3)
    assert set(pred["fold"]) == {1, 2, 3}
    for k in (1, 2, 3):  # no document in two folds
        docs = set(pred.loc[pred["fold"] == k, "doc_id"])
        assert not docs & set(pred.loc[pred["fold"] != k, "doc_id"])
    table = cv_table(pred)
    assert table["fold"].tolist() == ["1", "2", "3", "all"]
    assert int(table.iloc[-1]["n"]) == len(part)
    assert int(table.iloc[-1]["n_unseen"]) == int(part["split"].isin(UNSEEN_SPLITS).sum())
    assert 0.0 <= table.iloc[-1]["model"] <= 1.0


@pytest.mark.slow  # ten model fits (8 s): the fast loop keeps the plain cross-validation test
def test_nested_cross_validation_chooses_inside_each_outer_fold():
    labels = training_labels()
    part = labels[labels["doc_id"].isin(sorted(labels["doc_id"].unique())[:20])]
    # a candidate that barely learns (text alone, almost no weight) against the default
    candidates = {"blind": {"stack": False, "C": 1e-6}, "default": {}}
    pred = nested_cv_predictions(part, candidates=candidates, n_splits=2, n_inner=2)
    assert set(pred["fold"]) == {1, 2} and len(pred) == len(part)
    assert set(pred["chosen"]) == {"default"}
    for k in (1, 2):  # one choice per outer fold, and no document in two folds
        fold = pred[pred["fold"] == k]
        assert fold["chosen"].nunique() == 1
        assert not set(fold["doc_id"]) & set(pred.loc[pred["fold"] != k, "doc_id"])
    # a single candidate is the plain cross-validation of that setting (the same folds)
    alone = nested_cv_predictions(part, candidates={"default": {}}, n_splits=2, n_inner=2)
    plain = cv_predictions(part, n_splits=2)
    assert alone["model"].tolist() == plain["model"].tolist()


def test_model_method_keeps_rule_evidence_and_says_model():
    texts = ["继续提高退休人员基本养老金标准。", "教育是国家发展的基石。", ""]
    coded = code_units(texts, method="model")
    rules = code_texts(texts)
    assert coded["instrument_primary"].tolist()[1:] == ["none", "none"]
    assert coded["instrument_evidence"][0] == rules["instrument_evidence"][0]
    model = fitted_model()
    for row in coded.itertuples():
        if row.instrument_primary != "none":
            assert row.instrument_primary in row.instrument_types.split(";")
            if row.instrument_primary not in rules["instrument_types"][row.Index]:
                assert row.instrument_evidence.endswith(f"model:{row.instrument_primary}")
    assert model.predict(["教育是国家发展的基石。"]).tolist() == ["none"]


def test_model_method_in_lines_and_errors():
    table = instrument_lines(["开展新型农村社会养老保险试点"], method="model")
    assert table["primary"].tolist() == ["demand"]
    with pytest.raises(ValueError, match="method"):
        code_units(["开展试点"], method="bert")
    with pytest.raises(InstrumentError, match="rules"):
        code_units(["开展试点"], taxonomy="regulatory", method="model")


def test_rule_codes_passed_in_give_the_same_prediction():
    # model_code_texts hands the model the rule rows it has already coded (raw text; the coder
    # normalises), instead of coding every sentence twice
    texts = [
        "继续提高退休人员基本养老金标准。",
        "完善城乡居民基本医疗保险制度",
        "ＧＤＰ增长５％左右",
    ]
    model = fitted_model()
    rows = [code_text(t) for t in texts]
    assert np.array_equal(model.predict_proba(texts, rule_codes=rows), model.predict_proba(texts))
    assert model_code_texts(texts)["instrument_primary"].tolist() == model.predict(texts).tolist()


def test_rule_codes_passed_to_fit_give_the_same_model():
    # cv_predictions codes every sentence once and hands each fold's fit its rows
    labels = training_labels().iloc[::9].reset_index(drop=True)
    texts, y = labels["text"].tolist(), labels["primary"].tolist()
    kw = {"groups": labels["doc_id"], "unseen": labels["split"].isin(UNSEEN_SPLITS)}
    rows = [code_text(t) for t in texts]
    a = InstrumentModel().fit(texts, y, **kw, rule_codes=rows)
    b = InstrumentModel().fit(texts, y, **kw)
    assert np.array_equal(a.decision_function(texts[:40]), b.decision_function(texts[:40]))
