"""The report's account of validation on the corpus itself, and its confusion-matrix figure.

With coded sheets (``validation_sheets``) the report quotes this corpus's own figures first:
how many items, documents and coders, the agreement between coders, the machine's accuracy
weighted back to the corpus and per label, each with its interval. Without them it says that
nothing was validated on this corpus, and the development figures that follow are evidence
from another genre.

Examples
--------
>>> print(corpus_validation_lines(None).splitlines()[0][:60])
**Nothing was validated on this corpus.** No coded sheet was
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from policystudy.core.markdown import md_code, md_text
from policystudy.report import plots
from policystudy.report.fmt import pct
from policystudy.report.links import cite
from policystudy.report.templates import macros

TABLE = "validation_summary"
_T = "corpus_validation.md.j2"
#: What the report says when no coded sheet of the corpus was given.
NO_SHEETS = macros(_T).no_sheets()


def _interval(r, fmt=pct) -> str:
    if pd.isna(r["ci_low"]) or pd.isna(r["ci_high"]):
        return ""
    return macros(_T).interval(fmt(r["ci_low"]), fmt(r["ci_high"]), md_text(r["interval"]))


def _coef(x: float) -> str:
    return f"{x:.3f}"


def _one(summary: pd.DataFrame, task: str, measure: str, coders: str | None = None):
    rows = summary[(summary["task"] == task) & (summary["measure"] == measure)]
    if coders is not None:
        rows = rows[rows["coders"].astype(str) == coders]
    return None if rows.empty else rows.iloc[0]


def _quoted(r, text: str) -> str:
    where = {"task": r["task"], "measure": r["measure"], "coders": r["coders"]}
    if "draw" in r.index:  # sheets of several draws: the link names the draw's rows
        where["draw"] = r["draw"]
    return cite(text, TABLE, **where)


def _coders(coders: list[str]) -> str:
    return macros(_T).coders(md_text(", ".join(coders)), len(coders))


def _domain_lines(s: pd.DataFrame, labels: pd.DataFrame | None) -> list[str]:
    items = _one(s, "domains", "items")
    if items is None:
        return []
    say = macros(_T)
    coders = [c for c in str(items["coders"]).split("+") if c]
    out = [
        say.domains(
            _quoted(items, str(int(items["n"]))),
            int(items["n_documents"]),
            _coders(coders),
            md_text(items["note"]),
        )
    ]
    agree = s[(s["task"] == "domains") & s["measure"].isin(["alpha", "kappa"])]
    measured = agree[agree["estimate"].notna()]
    if measured.empty:
        out.append(say.not_measured())
    for _, r in measured.iterrows():
        out.append(
            say.agreement(
                r["measure"],
                md_text(r["coders"]),
                int(r["n"]),
                _quoted(r, _coef(r["estimate"])),
                _interval(r, _coef),
            )
        )
    acc = _one(s, "domains", "accuracy", "consensus")
    sample = _one(s, "domains", "accuracy_sample", "consensus")
    if acc is not None:
        n_left = int(items["n"]) - int(acc["n"])
        out.append(
            say.machine(
                len(coders) == 1,
                _quoted(acc, pct(acc["estimate"])),
                _interval(acc),
                int(acc["n"]),
                n_left if n_left > 0 else 0,
                ""
                if sample is None
                else _quoted(sample, pct(sample["estimate"])) + _interval(sample),
            )
        )
    kappa = _one(s, "domains", "kappa_machine")
    if kappa is not None and not pd.isna(kappa["estimate"]):
        out.append(
            say.machine_kappa(_quoted(kappa, _coef(kappa["estimate"])), _interval(kappa, _coef))
        )
    if labels is not None and not labels.empty:
        out.append(say.labels_head())
        for _, r in labels.iterrows():
            out.append(
                say.label_row(
                    md_code(r["label"], cell=True),
                    int(r["n_machine"]),
                    int(r["n_coders"]),
                    pct(r["precision"]),
                    pct(r["precision_low"]),
                    pct(r["precision_high"]),
                    pct(r["recall"]),
                    pct(r["recall_low"]),
                    pct(r["recall_high"]),
                    pct(r["f1"]),
                )
            )
        out.append(say.labels_note())
    return out


def _other_lines(s: pd.DataFrame) -> list[str]:
    say = macros(_T)
    out = []
    kind = _one(s, "targets", "kind_accuracy", "consensus")
    if kind is not None:
        out.append(
            say.targets(_quoted(kind, pct(kind["estimate"])), _interval(kind), int(kind["n"]))
        )
        for part in ("value", "unit"):
            r = _one(s, "targets", f"{part}_correct", "consensus")
            if r is not None:
                out.append(
                    say.target_part(part, _quoted(r, pct(r["estimate"])), _interval(r), int(r["n"]))
                )
    for _, r in s[s["measure"] == "intrusion_accuracy"].iterrows():
        out.append(
            say.intrusion(
                md_text(r["coders"]),
                _quoted(r, pct(r["estimate"])),
                _interval(r),
                int(r["n"]),
                pct(r["chance"]),
                f"{r['p_value']:.3g}",
            )
        )
    return out


def corpus_validation_lines(
    summary: pd.DataFrame | None, labels: pd.DataFrame | None = None, *, figure: str = ""
) -> str:
    """What was validated on this corpus, first; or plainly that nothing was."""
    if summary is None or summary.empty:
        return NO_SHEETS
    say = macros(_T)
    lines = [say.validated(), ""]
    lines += _domain_lines(summary, labels)
    lines += _other_lines(summary)
    if figure:
        lines += ["", say.figure(figure)]
    lines += ["", say.closing()]
    return "\n".join(lines)


def confusion_figure(confusion: pd.DataFrame):
    """Heat map of machine label (rows) against the coders' label (columns), with counts."""
    plots.setup()
    labels = sorted(set(confusion["machine"]) | set(confusion["coders"]))
    square = (
        confusion.pivot_table(index="machine", columns="coders", values="n", aggfunc="sum")
        .reindex(index=labels, columns=labels)
        .fillna(0)
        .astype(int)
    )
    n = len(labels)
    fig, ax = plt.subplots(figsize=(0.7 * n + 2.6, 0.6 * n + 1.8))
    ax.imshow(square.to_numpy(), cmap="Blues", vmin=0, aspect="auto")
    ax.set_xticks(range(n), labels, rotation=45, ha="right")
    ax.set_yticks(range(n), labels)
    top = max(1, int(np.max(square.to_numpy())))
    for i in range(n):
        for j in range(n):
            v = int(square.iat[i, j])
            if v:
                ax.text(j, i, str(v), ha="center", va="center",
                        color="white" if v > top / 2 else "black")  # fmt: skip
    ax.set_xlabel("编码员 coders")
    ax.set_ylabel("机器 machine")
    ax.set_title(f"Machine against coders, n = {int(square.to_numpy().sum())}")
    fig.tight_layout()
    return fig


def save_confusion(confusion: pd.DataFrame, out: Path | str, *, notebook: str) -> list[Path]:
    """Draw and save ``figures/validation_confusion.png`` (and SVG, sidecar)."""
    fig = confusion_figure(confusion)
    try:
        return plots.save_figure(
            fig, out, "validation_confusion", notebook=notebook,
            function="policystudy.report.corpus_validation.confusion_figure",
            caption="Primary domain of the machine against the coders' consensus on the blind "
            "sample of this corpus (counts on the sample).",
        )  # fmt: skip
    finally:
        plt.close(fig)


__all__ = ["NO_SHEETS", "confusion_figure", "corpus_validation_lines", "save_confusion"]
