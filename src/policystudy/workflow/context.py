"""What a notebook sees: its validated parameters, paths, and the tables of earlier notebooks.

Examples
--------
>>> from policystudy.workflow import pipeline
>>> ctx = pipeline.start("00_corpus", {"out_dir": "", "manifest": ""})
>>> ctx.processed.relative_to(ctx.out_dir).as_posix()
'data/processed'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from policystudy.core import io, tables
from policystudy.workflow import paths
from policystudy.workflow.graph import PRODUCERS


@dataclass
class Context:
    """What a notebook needs: validated parameters and resolved paths."""

    notebook: str
    params: dict[str, Any]
    manifest: Path
    out_dir: Path
    metadata: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    @property
    def processed(self) -> Path:
        return paths.processed(self.out_dir)

    @property
    def figures(self) -> Path:
        return paths.figures(self.out_dir)

    @property
    def reports(self) -> Path:
        return paths.reports(self.out_dir)

    def write_table(self, df: pd.DataFrame, name: str) -> Path:
        """Write ``<out>/data/processed/<name>.csv`` deterministically.

        A declared table (:data:`policystudy.core.tables.TABLES`) is checked against its
        declaration first; a table of a notebook of your own is written as it is.
        """
        if name in tables.TABLES:
            return tables.write(df, self.processed, name)
        path = self.processed / f"{name}.csv"
        io.write_table(df, path)
        return path

    def read_table(self, name: str) -> pd.DataFrame:
        """Read a table an earlier notebook wrote (see :func:`read_table`).

        The grouping column stays text like the ids (``010`` is not ``10``), so that groups
        join with the manifest's metadata; other metadata (``year``) is numeric when every
        value reads back exactly as written.
        """
        group_by = self.params.get("group_by", "region")
        return read_table(self.out_dir, name, text_columns=(group_by, f"{group_by}_zh"))

    def save_figure(self, fig, name: str, *, function: str, caption: str) -> list[Path]:
        """Save a figure with this notebook recorded as its maker."""
        from policystudy.report import plots

        return plots.save_figure(
            fig, self.out_dir, name, notebook=self.notebook, function=function, caption=caption
        )

    def group_names(self) -> dict[str, str] | None:
        """Group label -> "中文 English" panel titles when the manifest has ``<group_by>_zh``.

        Examples
        --------
        >>> from policystudy.workflow import pipeline
        >>> pipeline.start("01_keywords", {}).group_names()["Jilin"]
        '吉林 Jilin'
        """
        group_by = self.params.get("group_by", "region")
        zh = f"{group_by}_zh"
        if zh not in self.metadata.columns:
            return None
        labels = self.metadata[group_by].astype(str)
        return dict(zip(labels, self.metadata[zh] + " " + labels, strict=True))

    def term_inputs_args(self) -> dict[str, Any]:
        """The plain arguments of :func:`policystudy.text.inputs.load_inputs` for this run.

        The paragraphs of notebook 00 (read as :meth:`read_table` reads), the tokenizer's and
        the segmentation engine's parameters, and the groups' panel titles: what notebooks 01
        and 02 pass, ``inputs.load_inputs(**ctx.term_inputs_args())``.
        """
        return {
            "paragraphs": self.read_table("paragraphs"),
            "group_by": self.params["group_by"],
            **self._segmentation(),
            "group_names": self.group_names(),
        }

    def _segmentation(self) -> dict[str, Any]:
        # The tokenizer's and the engine's parameters, as load_inputs takes them.
        p = self.params
        return {
            "userdict": p.get("userdict") or None,
            "stopwords": p.get("stopwords") or None,
            "keep_numbers": p.get("keep_numbers", False),
            "backend": p.get("backend", "jieba"),
            "engine": p.get("engine", "local"),
            "scheduler": p.get("scheduler", ""),
            "n_jobs": p.get("n_jobs", 0),
        }

    def tokenize(self, texts: list[str]) -> list[str]:
        """Segment ``texts`` (space-joined tokens) with this run's tokenizer and engine."""
        from policystudy.text import tokenize_paragraphs

        s = self._segmentation()
        return tokenize_paragraphs(
            texts,
            self.tokenizer(),
            engine=s["engine"],
            scheduler=s["scheduler"],
            n_jobs=s["n_jobs"],
        )

    def tokenizer(self):
        """The tokenizer configured by this run's parameters."""
        from policystudy.text import PolicyTokenizer

        s = self._segmentation()
        return PolicyTokenizer(
            userdict=s["userdict"],
            stopwords=s["stopwords"],
            keep_numbers=s["keep_numbers"],
            backend=s["backend"],
        )


def read_table(out_dir: Path | str, name: str, *, text_columns=()) -> pd.DataFrame:
    """Read ``<out>/data/processed/<name>.csv``, naming the notebook to run first if missing.

    A declared table comes back with its declared column types
    (:func:`policystudy.core.tables.read`); other columns, and the tables of a notebook of
    your own, as :func:`policystudy.core.io.read_table` reads them: ids, groups and
    ``text_columns`` as text.

    Examples
    --------
    >>> read_table("/nonexistent", "paragraphs")
    Traceback (most recent call last):
    ...
    FileNotFoundError: /nonexistent/data/processed/paragraphs.csv not found: run notebooks/00_corpus.ipynb (or `policystudy run`) first
    """
    path = paths.processed(out_dir) / f"{name}.csv"
    if not path.is_file():
        producer = PRODUCERS.get(name, "the earlier notebooks")
        raise FileNotFoundError(f"{path} not found: run {producer} (or `policystudy run`) first")
    if name in tables.TABLES:
        return tables.read(path.parent, name, text_columns=text_columns)
    return io.read_table(path, text_columns=text_columns)
