"""What the keyword and topic notebooks share: paragraphs, their terms and the groups.

Notebooks 01 and 02 start from the same inputs: the paragraphs of notebook 00, segmented by the
run's tokenizer, with synonyms merged (``data/synonyms.yaml``), the group of each paragraph and
the tokens that may never be a term (stopwords, function words, dates, person names; see
:mod:`policystudy.text.vocabulary`). :func:`load_inputs` builds them once, from plain arguments
(the paragraphs, the run's parameter values), so both notebooks read the corpus the same way;
the workflow's context gathers those arguments (``ctx.term_inputs_args()``).

Examples
--------
>>> paras = pd.DataFrame({"region": ["辽宁", "吉林"], "text": ["推行社会保障卡。", "刘少奇指出。"]})
>>> x = load_inputs(paras, group_by="region", userdict=None, stopwords=None,
...                 keep_numbers=False, backend="jieba", engine="local", scheduler="", n_jobs=1)
>>> x.groups, list(x.paragraphs.columns)
(['辽宁', '吉林'], ['region'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from policystudy.core import io
from policystudy.text import vocabulary


@dataclass
class TermInputs:
    """Paragraphs, their tokens (synonyms merged) and groups, and the term filters.

    Attributes
    ----------
    paragraphs : pandas.DataFrame
        ``paragraphs.csv`` of notebook 00 (from :func:`load_inputs`, without its ``text``).
    tokens : list of str
        Space-joined tokens per paragraph, synonyms replaced by their canonical term.
    groups : list of str
        The ``group_by`` value of each paragraph.
    group_by : str
    stopwords : frozenset of str
        The tokenizer's stopwords plus every token :func:`vocabulary.excluded_terms` excludes.
    kinds : dict of str to str
        Token -> ``function``, ``date``, ``person`` or ``place`` (see :func:`vocabulary.term_kind`).
    group_names : dict or None
        Group -> "中文 English" panel title, when the manifest has ``<group_by>_zh``.
    """

    paragraphs: pd.DataFrame
    tokens: list[str]
    groups: list[str]
    group_by: str
    stopwords: frozenset[str]
    kinds: dict[str, str]
    group_names: dict[str, str] | None = None

    @property
    def places(self) -> frozenset[str]:
        """Tokens flagged as place names (kept as terms)."""
        return frozenset(t for t, k in self.kinds.items() if k == "place")

    def summary(self) -> str:
        """One line: paragraphs, tokens, groups and what the filters set aside.

        Examples
        --------
        >>> TermInputs(pd.DataFrame({"text": ["a"]}), ["刘少奇 指出"], ["x"], "region",
        ...            frozenset(), {"刘少奇": "person", "指出": "function"}).summary()
        "1 paragraphs, 2 tokens, 1 groups by 'region'; never terms: 1 function words, 0 dates, 1 person names; 0 place names flagged"
        """
        count = {k: sum(1 for v in self.kinds.values() if v == k) for k in vocabulary.TERM_KINDS}
        n_tokens = sum(len(t.split()) for t in self.tokens)
        return (
            f"{len(self.paragraphs)} paragraphs, {n_tokens} tokens, {len(set(self.groups))} "
            f"groups by {self.group_by!r}; never terms: {count['function']} function words, "
            f"{count['date']} dates, {count['person']} person names; "
            f"{count['place']} place names flagged"
        )

    def kind_table(self) -> pd.DataFrame:
        """``term, kind, count``: every token the filters set aside or flag, for the record.

        Examples
        --------
        >>> TermInputs(pd.DataFrame({"text": ["a"]}), ["刘少奇 指出 刘少奇"], ["x"], "region",
        ...            frozenset(), {"刘少奇": "person", "指出": "function"}).kind_table()
          term      kind  count
        0   指出  function      1
        1  刘少奇    person      2
        """
        counts: dict[str, int] = {}
        for text in self.tokens:
            for t in text.split():
                if t in self.kinds:
                    counts[t] = counts.get(t, 0) + 1
        rows = [(t, k, counts.get(t, 0)) for t, k in self.kinds.items()]
        df = pd.DataFrame(rows, columns=["term", "kind", "count"])
        return df.sort_values(["kind", "count", "term"], ascending=[True, False, True]).reset_index(
            drop=True
        )


def term_inputs(
    paragraphs: pd.DataFrame,
    tokens: Sequence[str],
    *,
    group_by: str,
    tokenizer,
    synonyms: dict[str, str] | None = None,
    group_names: dict[str, str] | None = None,
) -> TermInputs:
    """Build :class:`TermInputs` from paragraphs and their space-joined tokens.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        With a ``group_by`` column.
    tokens : sequence of str
        One space-joined token string per paragraph.
    group_by : str, keyword-only
    tokenizer : PolicyTokenizer, keyword-only
        Its stopwords and part-of-speech tags are used.
    synonyms : dict, keyword-only
        Variant -> canonical; default :func:`vocabulary.load_synonyms`.
    group_names : dict, keyword-only

    Examples
    --------
    >>> from policystudy.text.tokenizer import PolicyTokenizer
    >>> paras = pd.DataFrame({"region": ["辽宁", "吉林"], "text": ["", ""]})
    >>> x = term_inputs(paras, ["推行 社会保障卡", "刘少奇 指出"], group_by="region",
    ...                 tokenizer=PolicyTokenizer())
    >>> x.tokens, sorted(x.stopwords & {"刘少奇", "指出"})
    (['推行 社保卡', '刘少奇 指出'], ['刘少奇', '指出'])
    """
    mapping = vocabulary.load_synonyms() if synonyms is None else synonyms
    merged = vocabulary.apply_synonyms(list(tokens), mapping)
    kinds = vocabulary.term_kinds(merged, tokenizer.pos_tags)
    return TermInputs(
        paragraphs=paragraphs,
        tokens=merged,
        groups=paragraphs[group_by].astype(str).tolist(),
        group_by=group_by,
        stopwords=tokenizer.stopword_set | vocabulary.excluded_terms(kinds),
        kinds=kinds,
        group_names=group_names,
    )


def load_inputs(
    paragraphs: pd.DataFrame | Path | str,
    *,
    group_by: str,
    userdict: str | None,
    stopwords: str | None,
    keep_numbers: bool,
    backend: str,
    engine: str,
    scheduler: str,
    n_jobs: int,
    group_names: dict[str, str] | None = None,
) -> TermInputs:
    """:func:`term_inputs` of a corpus's paragraphs, segmented with the run's tokenizer.

    Every argument is a plain value (the run's parameters have no defaults here: the
    parameter schema holds them, and the workflow passes them, ``ctx.term_inputs_args()``).

    Parameters
    ----------
    paragraphs : DataFrame or path
        ``paragraphs.csv`` of notebook 00, or its path (read with ids and the ``group_by``
        column as text, as :func:`policystudy.core.io.read_table` reads).
    group_by : str, keyword-only
    userdict, stopwords : str or None, keyword-only
        Files of the :class:`~policystudy.text.tokenizer.PolicyTokenizer` (``None``: packaged).
    keep_numbers : bool, keyword-only
    backend : str, keyword-only
        ``jieba`` or ``rjieba``.
    engine, scheduler : str, keyword-only
    n_jobs : int, keyword-only
        How to segment (:func:`policystudy.text.engines.tokenize_paragraphs`).
    group_names : dict, keyword-only
        Group -> "中文 English" panel title.
    """
    from policystudy.text.engines import tokenize_paragraphs
    from policystudy.text.tokenizer import PolicyTokenizer

    if not isinstance(paragraphs, pd.DataFrame):
        paragraphs = io.read_table(paragraphs, text_columns=(group_by, f"{group_by}_zh"))
    tokenizer = PolicyTokenizer(
        userdict=userdict or None,
        stopwords=stopwords or None,
        keep_numbers=keep_numbers,
        backend=backend,
    )
    tokens = tokenize_paragraphs(
        paragraphs["text"].tolist(), tokenizer, engine=engine, scheduler=scheduler, n_jobs=n_jobs
    )
    # The tokens stand for the text from here on: keeping both held a 100 MB corpus twice in
    # the keyword notebook, whose peak (1.6 GB) was over the 1.5 GB goal.
    paragraphs = paragraphs.drop(columns="text")
    return term_inputs(
        paragraphs, tokens, group_by=group_by, tokenizer=tokenizer, group_names=group_names
    )
