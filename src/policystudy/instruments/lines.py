"""The ``policystudy instruments`` adapter: code the lines of a text, print TSV.

A line is coded as one unit, or split into sentences (and long list sentences into clauses, as
the domain coder splits them) with ``unit="sentences"``.

Examples
--------
>>> instruments_tsv(instrument_lines(["开展新型农村社会养老保险试点"])).splitlines()[1]
'1\\tdemand\\tdemand\\tdemand.pilot\\tdemand.pilot:试点'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.domains import load_taxonomy, split_clauses
from policystudy.ingest.structure import split_sentences
from policystudy.instruments.model import code_units
from policystudy.instruments.taxonomy import InstrumentTaxonomy, as_instruments

LINE_COLUMNS = ["line", "primary", "types", "instruments", "evidence"]
SENTENCE_LINE_COLUMNS = ["line", "sentence", "primary", "types", "instruments", "evidence", "text"]


def instrument_lines(
    lines: Sequence[str],
    *,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    unit: str = "lines",
    method: str = defaults.INSTRUMENT_METHOD,
) -> pd.DataFrame:
    """Code each line (``unit="lines"``) or each sentence of each line (``"sentences"``).

    Parameters
    ----------
    lines : sequence of str
        Trailing newlines are ignored; an empty line is ``none``.
    taxonomy : InstrumentTaxonomy, name, path-like or None, keyword-only
        See :func:`~policystudy.instruments.taxonomy.load_instruments`.
    unit : {"lines", "sentences"}, keyword-only
    method : {"rules", "model"}, keyword-only
        ``"model"``: the primary type from the supervised model
        (:mod:`~policystudy.instruments.model`), the evidence from the rules.

    Returns
    -------
    pandas.DataFrame
        ``line, primary, types, instruments, evidence`` (``line`` 1-based); with sentences
        also ``sentence`` (1-based within the line, clauses numbered on) and ``text``.

    Examples
    --------
    >>> instrument_lines(["对灵活就业人员给予社保补贴。严格控制新上项目。"], unit="sentences")[
    ...     "primary"].tolist()
    ['demand', 'environment']
    """
    tax = as_instruments(taxonomy)
    texts = [str(s).rstrip("\r\n") for s in lines]
    if unit == "lines":
        out = _coded(texts, tax, method)
        out.insert(0, "line", np.arange(1, len(texts) + 1, dtype=int))
        return out[LINE_COLUMNS]
    if unit != "sentences":
        raise ValueError(f"unit must be 'lines' or 'sentences', not {unit!r}")
    # The units of the domain coder: sentences, long list sentences cut into clauses.
    min_chars = int(load_taxonomy().settings["clause_min_chars"])
    records = []
    for i, text in enumerate(texts, 1):
        k = 0
        for sent in split_sentences(text):
            for clause in split_clauses(sent, min_chars=min_chars):
                k += 1
                records.append({"line": i, "sentence": k, "text": clause})
    units = pd.DataFrame(records, columns=["line", "sentence", "text"])
    out = pd.concat([units, _coded(units["text"].tolist(), tax, method)], axis=1)
    return out[SENTENCE_LINE_COLUMNS].astype({"line": int, "sentence": int})


def _coded(texts: list[str], tax: InstrumentTaxonomy, method: str) -> pd.DataFrame:
    coded = code_units(texts, taxonomy=tax, method=method)
    coded.columns = LINE_COLUMNS[1:]
    return coded


def instruments_tsv(df: pd.DataFrame) -> str:
    """Render :func:`instrument_lines` output as TSV with a header and ``\\n`` line ends."""
    cols = SENTENCE_LINE_COLUMNS if "sentence" in df.columns else LINE_COLUMNS
    return df[cols].to_csv(sep="\t", index=False, lineterminator="\n")
