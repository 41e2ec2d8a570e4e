"""A supervised kind model for extracted quantities (issue 29), fitted on the spent gold parts.

The hand-written kind rules (:mod:`~policystudy.targets.kinds`) fit the parts they were tuned
on (0.94-0.96) and fall back to about 0.92 on each new blind part. :class:`KindModel` learns
the kind of a matched quantity from what the extractor already knows about it: the rules' own
kind, the cue that decided it and where it was, the value type, comparator, period and baseline,
the period's years against the document's year, the report's decade, and character n-grams of
the quantity's clause, its sentence and its innermost heading (:func:`kind_features`). The rules'
kind stays a feature, so the model can learn where to trust it.

:func:`training_rows` builds the training table: the extractor run on the paragraphs of each
part of ``gwr_targets_gold.csv`` (all spent), matched to the gold numeric rows as
:func:`~policystudy.targets.evaluation.evaluate_split_parts` matches them, one row per matched
quantity with its gold kind. :func:`cv_kinds` gives out-of-fold kinds over documents (grouped
folds) and over parts (leave one part out); ``tools/score_kinds.py`` prints them and replays
each blind part with the rules of its day.

The model is **not used by the extractor**: on the blind replay it gains 1.1 points over the
rules (0.916 against 0.904 pooled), all from rows the rules leave ``unknown``, which reading
them as ``status`` gains as well; with words alone it is at 0.84 (``dev/TARGETS_DEV.md``, "Kind
model (sixth session)").

Examples
--------
>>> rows = pd.DataFrame({"kind": ["target", "status"] * 4, "cue": ["要", "已"] * 4,
...     "cue_where": "clause", "sentence": ["今年要新增就业1100万人", "去年已新增就业1300万人"] * 4,
...     "indicator": ["新增就业"] * 8, "value_type": "level", "year": 2019})
>>> m = KindModel().fit(rows, ["target", "status"] * 4)
>>> m.predict(rows.iloc[:2]).tolist()
['target', 'status']
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

from policystudy.core import defaults
from policystudy.stats.intervals import wilson
from policystudy.targets.context import _YEAR
from policystudy.text import numbers

#: The blind parts of the work-report list in the order they were drawn (all spent now).
PART_ORDER = ("tune", "report", "fresh", "final", "sealed", "last", "reserve", "coda")

# A clause ends at these marks (the enumeration comma 、 joins the parts of one list).
_CLAUSE_BREAK = re.compile(r"[,;:。!?]")
# A year written out in the text (2019年, 一九五八年), read against the document's year.
_TEXT_YEAR = re.compile(rf"(?P<y>{_YEAR})\s*年")


def number_clause(sentence: str, indicator: str) -> tuple[str, str]:
    """The clause of a quantity and the text before its indicator's end in that clause.

    The extractor's rows keep the indicator (the words before the number), not the number's
    offset, so the quantity is placed at the end of its indicator's first occurrence; with no
    indicator found, the whole sentence is its clause.

    Examples
    --------
    >>> number_clause("过去一年,城镇新增就业1300万人,今年要新增1100万人", "城镇新增就业")
    ('城镇新增就业1300万人', '城镇新增就业')
    >>> number_clause("增长6%", "")
    ('增长6%', '增长6%')
    """
    at = sentence.find(indicator) if indicator else -1
    if at < 0:
        return sentence, sentence
    anchor = at + len(indicator)
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    lo = starts[-1] if starts else 0
    end = _CLAUSE_BREAK.search(sentence, anchor)
    hi = end.start() if end else len(sentence)
    return sentence[lo:hi], sentence[lo:anchor]


def _text(x: Any) -> str:
    return "" if x is None or (isinstance(x, float) and np.isnan(x)) else str(x)


def _year(x: Any) -> int | None:
    try:
        return int(float(x))
    except (TypeError, ValueError):
        return None


def kind_features(row: dict[str, Any]) -> dict[str, str]:
    """The texts and category tokens :class:`KindModel` reads for one extracted quantity.

    ``row`` holds the extractor's columns (``kind``, ``cue``, ``cue_where``, ``sentence``,
    ``indicator``, ``value_type``, ``comparator``, ``period_type``, ``year_from``, ``year_to``,
    ``baseline``, ``deadline``) and, from its paragraph, ``section_path`` and ``year``; missing
    ones count as empty.

    Returns
    -------
    dict
        ``clause``, ``left``, ``sentence``, ``heading`` (texts for character n-grams) and
        ``tokens`` (space-joined category tokens: the rules' kind with its cue place, the value
        type, the period's last year against the document's year, the document's decade, the
        years written in the clause and the sentence against the document's year).

    Examples
    --------
    >>> f = kind_features({"kind": "target", "cue": "要", "cue_where": "clause", "year": 2019,
    ...                    "year_to": 2019, "sentence": "今年要新增就业1100万人", "indicator": "新增就业"})
    >>> f["tokens"].split()[:4]
    ['K=target', 'KW=target|clause', 'W=clause', 'CUE=要']
    >>> f["clause"], [t for t in f["tokens"].split() if t.startswith("Y")]
    ('今年要新增就业1100万人', ['YTO=same', 'YDEC=2010'])
    """
    get = row.get
    sentence = _text(get("sentence"))
    clause, left = number_clause(sentence, _text(get("indicator")))
    kind, where = _text(get("kind")), _text(get("cue_where"))
    tokens = [f"K={kind}", f"KW={kind}|{where}", f"W={where}", f"CUE={_text(get('cue'))}"]
    for col in ("value_type", "comparator", "period_type"):
        tokens.append(f"{col}={_text(get(col))}")
    tokens += [f"HAS_{col}" for col in ("baseline", "deadline", "binding") if _text(get(col))]
    year, year_to = _year(get("year")), _year(get("year_to"))
    if year is not None and year_to is not None:
        # A period ending before the report's year is reported; in it or later, planned.
        tokens.append(f"YTO={_relative(year_to, year)}")
    else:
        tokens.append("YTO=none")
    if year is not None:
        tokens.append(f"YDEC={year // 10 * 10}")
        # Years written in the clause and the sentence, against the report's year: read from
        # the text, not from the period the rules gave the row.
        for place, text in (("DC", clause), ("DS", sentence)):
            tokens += sorted({f"{place}={_relative(y, year)}" for y in _text_years(text)})
    trail = _text(get("section_path")).split(" > ")
    return {
        "clause": clause,
        "left": left[-8:],
        "sentence": sentence,
        "heading": trail[-1] if trail else "",
        "tokens": " ".join(t.replace(" ", "_") for t in tokens),
    }


def _text_years(text: str) -> list[int]:
    years = (numbers.parse_year(m.group("y")) for m in _TEXT_YEAR.finditer(text))
    return [y for y in years if y is not None]


def _relative(y: int, year: int) -> str:
    return "past" if y < year else "same" if y == year else "later"


#: The feature blocks: name, n-gram range of the characters (``None``: category tokens).
_BLOCKS: tuple[tuple[str, tuple[int, int] | None], ...] = (
    ("clause", (1, 3)),
    ("left", (1, 2)),
    ("sentence", (1, 2)),
    ("heading", (1, 2)),
    ("tokens", None),
)


# The tokens that carry the rules' own decision (left out with ``rule_evidence=False``): the
# kind, its cue and place, and what the extractor derives from the kind (the period it gives a
# result is the year before, a goal's deadline and bindingness).
_RULE_TOKENS = ("K=", "KW=", "W=", "CUE=", "period_type=", "YTO=", "HAS_deadline", "HAS_binding")


class KindModel(ClassifierMixin, BaseEstimator):
    """The kind of an extracted quantity from the extractor's evidence and its words.

    A linear SVM over blocks of TF-IDF features (:func:`kind_features`): character
    n-grams of the clause, of the words right before the number, of the sentence and of the
    innermost heading, and the category tokens (the rules' kind, cue and cue place, value type,
    period against the document's year, decade), each block scaled by its weight.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of the linear SVM.
    class_weight : "balanced" or None
        Class weights (``rule`` is rare).
    clause_weight, left_weight, sentence_weight, heading_weight, token_weight : float
        Scale of each block (0 leaves it out).
    min_df : int
        Least number of training rows an n-gram must occur in.
    rule_evidence : bool
        Read the rules' kind, cue and cue place (``False`` leaves them out: what the words,
        headings, value type and dates alone teach, with nothing of the tuned rules).
    random_state : int

    Examples
    --------
    >>> KindModel(C=2.0).get_params()["C"]
    2.0
    """

    def __init__(
        self,
        *,
        C: float = 0.5,
        class_weight: str | None = None,
        clause_weight: float = 1.0,
        left_weight: float = 1.0,
        sentence_weight: float = 0.5,
        heading_weight: float = 0.5,
        token_weight: float = 1.0,
        min_df: int = 2,
        rule_evidence: bool = True,
        random_state: int = defaults.RANDOM_STATE,
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.clause_weight = clause_weight
        self.left_weight = left_weight
        self.sentence_weight = sentence_weight
        self.heading_weight = heading_weight
        self.token_weight = token_weight
        self.min_df = min_df
        self.rule_evidence = rule_evidence
        self.random_state = random_state

    def _weights(self) -> dict[str, float]:
        return {
            "clause": self.clause_weight,
            "left": self.left_weight,
            "sentence": self.sentence_weight,
            "heading": self.heading_weight,
            "tokens": self.token_weight,
        }

    def _matrix(self, rows: pd.DataFrame, *, fit: bool) -> sp.csr_matrix:
        feats = pd.DataFrame([kind_features(r) for r in rows.to_dict("records")])
        if not self.rule_evidence:
            feats["tokens"] = [" ".join(t for t in x.split() if not t.startswith(_RULE_TOKENS))
                               for x in feats["tokens"]]  # fmt: skip
        if fit:
            self.vectorizers_: dict[str, TfidfVectorizer | None] = {}
        blocks = []
        for name, ngrams in _BLOCKS:
            weight = self._weights()[name]
            if not weight:
                continue
            if fit:
                vec = (
                    TfidfVectorizer(
                        analyzer="char", ngram_range=ngrams, min_df=self.min_df, sublinear_tf=True
                    )
                    if ngrams
                    else TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False)
                )
                try:
                    self.vectorizers_[name] = vec.fit(feats[name])
                except ValueError:
                    # No n-gram in min_df rows (no headings in the training rows): no block.
                    self.vectorizers_[name] = None
            fitted = self.vectorizers_[name]
            if fitted is not None:
                blocks.append(weight * fitted.transform(feats[name]))
        return sp.hstack(blocks).tocsr()

    def fit(self, rows: pd.DataFrame, kinds: Any) -> KindModel:
        """Learn kinds (``target``, ``status``, ``rule``) from extracted rows.

        ``rows`` has the extractor's columns and the paragraph's ``section_path`` and ``year``
        (:func:`kind_features`); ``kinds`` the gold kind of each row.
        """
        y = np.asarray(kinds, dtype=str)
        x = self._matrix(rows.reset_index(drop=True), fit=True)
        self.classes_ = np.unique(y)
        # A linear SVM: as accurate here as a logistic regression and ten times faster to fit.
        self.model_ = LinearSVC(
            C=self.C, class_weight=self.class_weight, random_state=self.random_state
        ).fit(x, y)
        return self

    def decision_function(self, rows: pd.DataFrame) -> np.ndarray:
        """The SVM's score of each kind in :attr:`classes_` for each row."""
        return self.model_.decision_function(self._matrix(rows.reset_index(drop=True), fit=False))

    def predict(self, rows: pd.DataFrame) -> np.ndarray:
        """The best-scored kind of each row."""
        return self.model_.predict(self._matrix(rows.reset_index(drop=True), fit=False))


def training_rows(splits: tuple[str, ...] = PART_ORDER) -> pd.DataFrame:
    """The matched numeric rows of the work-report list's parts, with their gold kind.

    The extractor runs on each part's paragraphs alone (as
    :func:`~policystudy.targets.evaluation.evaluate_gwr` does); :func:`matched_rows` pairs its
    rows with the part's gold rows.
    """
    from policystudy.targets.evaluation import read_gwr
    from policystudy.targets.paragraphs import extract_targets_from_paragraphs

    out = []
    for split in splits:
        paragraphs, gold = read_gwr(split)
        pred = extract_targets_from_paragraphs(
            paragraphs.assign(group=paragraphs["doc_id"]), group_by="group"
        )
        out.append(matched_rows(paragraphs, gold, pred).assign(split=split))
    return pd.concat(out, ignore_index=True)


def matched_rows(paragraphs: pd.DataFrame, gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """The predicted numeric rows that match a numeric gold row, with ``kind_gold``.

    Numeric rows on both sides and the one-to-one match are those of
    :func:`~policystudy.targets.evaluation.evaluate_split_parts`, so the rules' kinds here
    score as its kind accuracy; each row gets its paragraph's ``section_path`` and ``year``.
    """
    from policystudy.targets.evaluation import match_targets

    num_gold = gold[gold["value"].notna()].reset_index(drop=True)
    num_pred = pred[pred["value"].notna() | (pred["kind"] == "placeholder")]
    num_pred = num_pred.reset_index(drop=True)
    m = match_targets(num_gold, num_pred)
    m = m[(m["gold_index"] >= 0) & (m["pred_index"] >= 0)]
    rows = num_pred.iloc[m["pred_index"].to_numpy()].reset_index(drop=True)
    rows = rows.drop(columns=[c for c in ("section_path", "year") if c in rows.columns])
    rows = rows.merge(
        paragraphs[["paragraph_id", "section_path", "year"]], on="paragraph_id", how="left"
    )
    return rows.assign(kind_gold=m["kind_gold"].to_numpy())


def cv_kinds(
    rows: pd.DataFrame, *, by: str = "doc_id", n_splits: int = 5, **params: Any
) -> pd.DataFrame:
    """Out-of-fold kinds of :class:`KindModel` (``model``) beside the rules' (``kind``).

    ``by="doc_id"``: :class:`~sklearn.model_selection.GroupKFold` over documents (no document
    in both the training and the test part); ``by="split"``: leave one part out (train on the
    other parts, test on it), which is how a blind part meets rules tuned on the others.
    ``params`` go to :class:`KindModel`. The ``fold`` column names the held-out fold or part.
    """
    rows = rows.reset_index(drop=True)
    gold = rows["kind_gold"].to_numpy(dtype=str)
    out = rows.assign(model="", fold="")
    if by == "split":
        folds = [(str(s), rows.index[rows["split"] != s], rows.index[rows["split"] == s])
                 for s in rows["split"].unique()]  # fmt: skip
    else:
        splitter = GroupKFold(n_splits=n_splits)
        folds = [(str(k), rows.index[a], rows.index[b])
                 for k, (a, b) in enumerate(splitter.split(rows, groups=rows[by]), 1)]  # fmt: skip
    for name, train, test in folds:
        model = KindModel(**params).fit(rows.loc[train], gold[train])
        out.loc[test, "model"] = model.predict(rows.loc[test])
        out.loc[test, "fold"] = name
    return out


def kind_table(pred: pd.DataFrame) -> pd.DataFrame:
    """Kind accuracy of the model and of the rules, per part and pooled, from :func:`cv_kinds`.

    One row per ``split`` (in :data:`PART_ORDER`) and an ``all`` row: ``n``, the number right
    and the accuracy of each with its 95 % Wilson interval, and the discordant rows
    (``model_only``: the model right and the rules wrong; ``rules_only``: the reverse).

    Examples
    --------
    >>> pred = pd.DataFrame({"split": ["coda"] * 4, "kind_gold": ["target", "status"] * 2,
    ...                      "kind": ["target", "unknown"] * 2, "model": ["target", "status"] * 2})
    >>> kind_table(pred)[["split", "n", "model_k", "rules_k", "model_only"]].values.tolist()
    [['coda', 4, 4, 2, 2], ['all', 4, 4, 2, 2]]
    """
    order = [s for s in PART_ORDER if s in set(pred["split"])]
    order += sorted(set(pred["split"]) - set(order))
    rows = []
    for name, part in [(s, pred[pred["split"] == s]) for s in order] + [("all", pred)]:
        gold = part["kind_gold"].to_numpy(dtype=str)
        model_ok = part["model"].to_numpy(dtype=str) == gold
        rules_ok = part["kind"].to_numpy(dtype=str) == gold
        row: dict[str, Any] = {"split": name, "n": len(part)}
        for who, ok in (("model", model_ok), ("rules", rules_ok)):
            k = int(ok.sum())
            lo, hi = wilson(k, len(part))
            row.update({f"{who}_k": k, who: k / len(part) if len(part) else np.nan,
                        f"{who}_lo": lo, f"{who}_hi": hi})  # fmt: skip
        row["model_only"] = int((model_ok & ~rules_ok).sum())
        row["rules_only"] = int((rules_ok & ~model_ok).sum())
        rows.append(row)
    return pd.DataFrame(rows)
