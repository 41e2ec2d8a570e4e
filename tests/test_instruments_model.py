"""The supervised instrument coder (``policystudy.instruments.model``)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from policystudy.instruments import (
    InstrumentError,
    InstrumentModel,
    code_texts,
    code_units,
    fitted_model,
    instrument_lines,
    load_instrument_labels,
    training_labels,
)

TOY = ["加大投入", "开展试点工作", "完善制度", "教育是基石"] * 3
TOY_Y = ["supply", "demand", "environment", "none"] * 3


def test_training_labels_are_the_three_earlier_samples_only():
    labels = training_labels()
    assert len(labels) == 915
    assert set(labels["split"]) == {"tune", "report", "fresh", "holdout"}
    final = load_instrument_labels(split="final")
    assert len(final) >= 200
    assert not set(final["text"]) & set(labels["text"])


def test_clone_and_determinism():
    model = InstrumentModel(C=2.0, rule_weight=0.5)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    a = model.fit(TOY, TOY_Y).predict_proba(["开展医改试点", "增加投入"])
    b = copy.fit(TOY, TOY_Y).predict_proba(["开展医改试点", "增加投入"])
    assert np.array_equal(a, b)
    assert list(model.classes_) == ["demand", "environment", "none", "supply"]


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
