"""The ``policystudy domains`` adapter: code the lines of a text, print TSV.

The CLI uses the pipeline's classifier (:class:`LexiconClassifier` with the taxonomy's
settings); a line is coded as one unit, or split into sentences (and long list sentences into
clauses) with ``unit="sentences"``.

Examples
--------
>>> domains_tsv(classify_lines(["办好家长学校"])).splitlines()
['line\\tprimary\\tlabels\\tscores', '1\\teducation\\teducation\\teducation:1.000']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.domains.classifier import LexiconClassifier
from policystudy.domains.taxonomy import Taxonomy
from policystudy.domains.units import split_clauses
from policystudy.ingest.structure import split_sentences

DOMAIN_COLUMNS = ["line", "primary", "labels", "scores"]
SENTENCE_TSV_COLUMNS = ["line", "sentence", "primary", "labels", "scores", "text"]


def classify_lines(
    lines: Sequence[str],
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    threshold: float | None = None,
    unit: str = "lines",
) -> pd.DataFrame:
    """Code each line (``unit="lines"``) or each sentence of each line (``"sentences"``).

    Parameters
    ----------
    lines : sequence of str
        Trailing newlines are ignored; an empty line is ``non_livelihood`` (no evidence).
    taxonomy : Taxonomy, path-like or None, keyword-only
    threshold : float or None, keyword-only
        ``None``: the taxonomy's setting.
    unit : {"lines", "sentences"}, keyword-only

    Returns
    -------
    pandas.DataFrame
        ``line, primary, labels, scores`` (``line`` 1-based); with sentences also
        ``sentence`` (1-based within the line, clauses numbered on) and ``text``.

    Examples
    --------
    >>> classify_lines(["提高城乡低保标准", ""]).to_dict("records")[1]
    {'line': 2, 'primary': 'non_livelihood', 'labels': 'non_livelihood', 'scores': ''}
    >>> classify_lines(["提高低保标准。推动能源产业发展,扩大就业。"], unit="sentences")[
    ...     "primary"].tolist()
    ['social_assistance', 'non_livelihood']
    """
    clf = LexiconClassifier(taxonomy, threshold=threshold).fit()
    texts = [str(s).rstrip("\r\n") for s in lines]
    if unit == "lines":
        out = clf.classify(texts)
        out.insert(0, "line", np.arange(1, len(texts) + 1, dtype=int))
        return out[DOMAIN_COLUMNS]
    if unit != "sentences":
        raise ValueError(f"unit must be 'lines' or 'sentences', not {unit!r}")
    line_no, sent_no, units = [], [], []
    min_chars = int(clf.taxonomy_.settings["clause_min_chars"])
    for i, text in enumerate(texts, 1):
        k = 0
        for sent in split_sentences(text):
            for clause in split_clauses(sent, min_chars=min_chars):
                k += 1
                line_no.append(i)
                sent_no.append(k)
                units.append(clause)
    out = clf.classify(units)
    out.insert(0, "sentence", np.asarray(sent_no, dtype=int))
    out.insert(0, "line", np.asarray(line_no, dtype=int))
    out["text"] = units
    return out[SENTENCE_TSV_COLUMNS]


def domains_tsv(df: pd.DataFrame) -> str:
    """Render :func:`classify_lines` output as TSV with a header and ``\\n`` line ends."""
    cols = SENTENCE_TSV_COLUMNS if "sentence" in df.columns else DOMAIN_COLUMNS
    return df[cols].to_csv(sep="\t", index=False, lineterminator="\n")
