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
from policystudy.report.links import cite

TABLE = "validation_summary"
NO_SHEETS = (
    "**Nothing was validated on this corpus.** No coded sheet was given (`validation_sheets`), "
    "so every figure on how well the coding works below comes from the development corpora, "
    "another genre (the seed documents and reports to party congresses): read it as evidence "
    "from other text, not as this corpus's accuracy. `docs/validation.md` shows how to draw a "
    "blind sample of this corpus, code it and let this report quote it."
)


def _pct(x: float) -> str:
    return "–" if pd.isna(x) else f"{100 * x:.1f}%"


def _interval(r, fmt=_pct) -> str:
    if pd.isna(r["ci_low"]) or pd.isna(r["ci_high"]):
        return ""
    return f" (95% interval {fmt(r['ci_low'])}–{fmt(r['ci_high'])}, {md_text(r['interval'])})"


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
    names = md_text(", ".join(coders))
    return f"one coder ({names})" if len(coders) == 1 else f"{len(coders)} coders ({names})"


def _domain_lines(s: pd.DataFrame, labels: pd.DataFrame | None) -> list[str]:
    items = _one(s, "domains", "items")
    if items is None:
        return []
    coders = [c for c in str(items["coders"]).split("+") if c]
    out = [
        f"- **Domains** (primary label): {_quoted(items, str(int(items['n'])))} sentences from "
        f"{int(items['n_documents'])} documents, drawn blind, stratified by group and machine "
        f"label and seeded, coded by {_coders(coders)}; {md_text(items['note'])}."
    ]
    agree = s[(s["task"] == "domains") & s["measure"].isin(["alpha", "kappa"])]
    measured = agree[agree["estimate"].notna()]
    if measured.empty:
        out.append("  - Agreement between coders: **not measured** (one coder; α and κ need two).")
    for _, r in measured.iterrows():
        name = "Krippendorff's α" if r["measure"] == "alpha" else "Cohen's κ"
        out.append(
            f"  - {name} ({md_text(r['coders'])}, n = {int(r['n'])}): "
            f"{_quoted(r, _coef(r['estimate']))}{_interval(r, _coef)}."
        )
    acc = _one(s, "domains", "accuracy", "consensus")
    sample = _one(s, "domains", "accuracy_sample", "consensus")
    if acc is not None:
        who = "the coder" if len(coders) == 1 else "the coders' consensus"
        out.append(
            f"  - The machine against {who}: accuracy {_quoted(acc, _pct(acc['estimate']))}"
            f"{_interval(acc)}, weighted back to the corpus, n = {int(acc['n'])}"
            + (
                f" (the {int(items['n']) - int(acc['n'])} other coded sentences are in text this "
                "run does not analyse: documents or parts set aside)"
                if int(acc["n"]) < int(items["n"])
                else ""
            )
            + (
                f"; on the sample {_quoted(sample, _pct(sample['estimate']))}{_interval(sample)}"
                if sample is not None
                else ""
            )
            + "."
        )
    kappa = _one(s, "domains", "kappa_machine")
    if kappa is not None and not pd.isna(kappa["estimate"]):
        out.append(
            f"  - Cohen's κ of the machine against them: {_quoted(kappa, _coef(kappa['estimate']))}"
            f"{_interval(kappa, _coef)}."
        )
    if labels is not None and not labels.empty:
        out += [
            "",
            "  | label | machine | coders | precision | recall | F1 |",
            "  |---|---|---|---|---|---|",
        ]
        for _, r in labels.iterrows():
            out.append(
                f"  | {md_code(r['label'], cell=True)} | {int(r['n_machine'])} | "
                f"{int(r['n_coders'])} | {_pct(r['precision'])} ({_pct(r['precision_low'])}–"
                f"{_pct(r['precision_high'])}) | {_pct(r['recall'])} ({_pct(r['recall_low'])}–"
                f"{_pct(r['recall_high'])}) | {_pct(r['f1'])} |"
            )
        out.append(
            "\n  Per label on the sample (rare labels are oversampled), Wilson intervals; the "
            "disagreements to read are in `validation_disagreements.csv`."
        )
    return out


def _other_lines(s: pd.DataFrame) -> list[str]:
    out = []
    kind = _one(s, "targets", "kind_accuracy", "consensus")
    if kind is not None:
        out.append(f"- **Targets**: kind accuracy {_quoted(kind, _pct(kind['estimate']))}"
                   f"{_interval(kind)}, n = {int(kind['n'])}.")  # fmt: skip
        for part in ("value", "unit"):
            r = _one(s, "targets", f"{part}_correct", "consensus")
            if r is not None:
                out.append(f"  - {part} right: {_quoted(r, _pct(r['estimate']))}{_interval(r)}, "
                           f"n = {int(r['n'])}.")  # fmt: skip
    for _, r in s[s["measure"] == "intrusion_accuracy"].iterrows():
        out.append(
            f"- **Topics** (word intrusion, coder {md_text(r['coders'])}): "
            f"{_quoted(r, _pct(r['estimate']))}{_interval(r)} of {int(r['n'])} items against "
            f"chance {_pct(r['chance'])} (one-sided binomial p = {r['p_value']:.3g})."
        )
    return out


def corpus_validation_lines(
    summary: pd.DataFrame | None, labels: pd.DataFrame | None = None, *, figure: str = ""
) -> str:
    """What was validated on this corpus, first; or plainly that nothing was."""
    if summary is None or summary.empty:
        return NO_SHEETS
    lines = ["**Validated on this corpus** (coded sheets of `validation_sheets`):", ""]
    lines += _domain_lines(summary, labels)
    lines += _other_lines(summary)
    if figure:
        lines += ["", f"![The machine against the coders]({figure})"]
    lines += [
        "",
        "These figures hold for this corpus coded by the current taxonomy. Where the taxonomy "
        "was written or tuned on these very texts (the seed corpus of the package), they "
        "measure fit rather than accuracy on new text. The figures below come from the "
        "development corpora (another genre) and are secondary to the ones above.",
    ]
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
