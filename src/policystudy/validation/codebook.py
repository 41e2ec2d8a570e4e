"""The codebook a human coder follows, generated from ``taxonomy.yaml`` and the target kinds.

Domain names, scopes, the 七有 phrases and the areas of the 2021 national basic public service
standard are read from the taxonomy the machine uses, and the example sentences from the
hand-labelled development sentences, so the codebook cannot drift from the classifier.
``docs/codebook.md`` is this function's output (a test compares them).

Examples
--------
>>> text = codebook_markdown()
>>> "## 住房保障 Housing (`housing`)" in text, "住有所居" in text
(True, True)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from policystudy.core import resources
from policystudy.core.io import read_table, write_text
from policystudy.core.markdown import md_code, md_text
from policystudy.domains.taxonomy import GENERAL, NON_LIVELIHOOD, as_taxonomy
from policystudy.targets.extract import KINDS

#: What each target kind means (from ``data/validation/TARGETS.md``); a test checks the keys
#: are :data:`policystudy.targets.KINDS`.
KIND_DEFINITIONS = {
    "target": "a level to reach, with a goal or future cue in its own clause (到2025年, 力争, 确保, "
    "将) or inside a goal section or heading (今年…主要预期目标); a cue inside a programme's name "
    "(…计划, …工程) or in another sentence does not count",
    "status": "a reported fact about the present or past (过去一年, 五年来, 上年, 已, 累计, 截至, a year "
    "before the document's) or inside a review section",
    "unknown": "a quantity with no evidence either way in its clause, sentence, heading or section: "
    "never counted as a target",
    "rule": "a standing formula or standard rather than a level to reach (低保标准按…的30%至40%"
    "动态调整, a service standard in force)",
    "placeholder": "the drafters left the number unfilled (20xx张); the value stays empty",
    "commitment": "a checkable qualitative goal with no number (全覆盖, 动态清零, 不出现规模性返贫)",
}
#: Inclusion and exclusion rules of the domain coding (from ``LABELLING.md`` and
#: ``LABELLING_DEV.md``), in the order a coder applies them.
RULES = (
    "Code the **primary** domain of each sentence: the field the largest part of it is about. "
    "Read the heading and the neighbouring sentences only to resolve what the sentence refers "
    "to (这, 上述); do not code the heading.",
    "**Livelihood or not.** A sentence about economy and growth, industry, agriculture as "
    "production, finance and tax, science, environment, party building, ideology, the political "
    "system, defence or diplomacy is `non_livelihood`, even with an incidental livelihood word "
    "in it (扩大就业 as a benefit of investment).",
    "**Framing versus a field.** Framing of livelihood policy (titles, guiding ideology, 民生 as "
    "a whole, closing sentences) and lists of three or more fields with none dominating (a "
    "list of the 七有 phrases, goal lists) are `general`; so are sentences about the plan "
    "period (“十四五”时期是…的窗口期) and lines listing the agencies in charge (牵头单位, "
    "责任单位, 配合单位: metadata, not policy content).",
    "**Insurance versus assistance.** Contributory schemes (pension, medical, unemployment, "
    "work-injury insurance, 医保, 参保) are `social_insurance`; means-tested or categorical help "
    "(低保, 特困, 临时救助, disability, child welfare, civil affairs as a whole) is "
    "`social_assistance`; veterans' care (退役军人, 优抚, 双拥) is `veterans`.",
    "**Health versus elderly care.** Hospitals, public health, epidemic control, family "
    "doctors, health education and public-health emergencies are `health`; elderly services, "
    "nursing beds and 医养结合 are `elderly_care`. A college is `education` whatever it "
    "teaches (a medical or vocational college); food-safety work is `safety_governance`.",
    "**Rural revitalisation.** Consolidating poverty-alleviation gains and preventing relapse "
    "into poverty are `rural_revitalization`, also when the help goes to low-income households.",
    "**Culture.** Public cultural services, heritage, arts for the people and sport are "
    "`culture_sports`; culture as ideology, propaganda or industry is `non_livelihood`. "
    "Political and ideological education is `non_livelihood`; schooling is `education`.",
    "When two fields are close, the one with more characters in the sentence wins. Write a "
    "short reason in `note` for a debatable call; leave the code empty only if the text is not "
    "a sentence at all (page noise).",
)


def _raw_domains(path: Path) -> dict:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return raw.get("domains", {}) or {}


def _examples(per_label: int = 2) -> dict[str, list[str]]:
    """Short hand-labelled sentences of the development set, by primary label; the latest
    reports first (their language is nearest to today's policy documents)."""
    path = resources.VALIDATION / "dev" / "dev_sentence_labels.csv"
    labels = read_table(path, text_columns=("labels", "is_heading"))
    labels["primary"] = labels["labels"].str.split("|").str[0]
    keep = labels[(labels["is_heading"] == "0") & labels["text"].str.len().between(12, 70)]
    return {
        code: g.sort_values("item_id", ascending=False)["text"].head(per_label).tolist()
        for code, g in keep.groupby("primary", sort=True)
    }


def _kind_examples(per_kind: int = 2) -> dict[str, list[str]]:
    path = resources.VALIDATION / "dev" / "dev_targets_gold.csv"
    gold = read_table(path, text_columns=("fragment", "kind"))
    keep = gold[gold["fragment"].str.len().between(8, 50)]
    return {
        kind: g.sort_values(["doc_id", "item_id"], ascending=False)["fragment"]
        .drop_duplicates()
        .head(per_kind)
        .tolist()
        for kind, g in keep.groupby("kind", sort=True)
    }


def codebook_markdown(taxonomy: Path | str | None = None) -> str:
    """The codebook as Markdown: rules, then every domain, then the target kinds.

    Parameters
    ----------
    taxonomy : path, optional
        A taxonomy file; the packaged ``taxonomy.yaml`` by default. Its ``scope`` lines are the
        domains' definitions.
    """
    path = Path(taxonomy) if taxonomy is not None else resources.TAXONOMY
    tax = as_taxonomy(path)
    raw = _raw_domains(path)
    examples = _examples() if taxonomy is None else {}
    lines = [
        "# Codebook: livelihood (民生) domains and target kinds",
        "",
        "_Generated by `policystudy.validation.codebook_markdown()` from "
        f"`{path.name}` (the taxonomy the machine codes with) and the target kinds of "
        "`policystudy.targets`; do not edit by hand (`tests/test_validation.py` checks it)._",
        "",
        "Code blind: the coding sheet does not show the machine's labels. Use exactly one code "
        "of the list below in each `code_<coder>` cell.",
        "",
        "## Rules",
        "",
        *[f"{i}. {rule}" for i, rule in enumerate(RULES, 1)],
        "",
        "## Codes",
        "",
        "| code | domain | 七有 | 2021 standard areas | relation to the standard |",
        "|---|---|---|---|---|",
    ]
    for d in tax.domains:
        relation = d.relation if d.code in tax.livelihood else "–"
        lines.append(
            f"| {md_code(d.code, cell=True)} | {md_text(d.label)} | "
            f"{'、'.join(d.qiyou) or '–'} | {'、'.join(d.standard_areas) or '–'} | "
            f"{md_text(relation)} |"
        )
    lines.append("")
    for d in tax.domains:
        entry = raw.get(d.code, {}) or {}
        lines += [f"## {d.label} ({md_code(d.code)})", ""]
        lines.append(f"- **Scope:** {md_text(entry.get('scope', '')) or '(no scope given)'}")
        if d.code == GENERAL:
            lines.append("- **Livelihood:** framing of livelihood policy, no field dominating")
        elif d.code == NON_LIVELIHOOD:
            lines.append("- **Livelihood:** no; text outside livelihood policy")
        else:
            lines.append(
                "- **七有:** " + ("、".join(d.qiyou) or "none")
                + "; **2021 standard:** " + ("、".join(d.standard_areas) or "outside the standard")
                + (f" ({md_text(d.relation)}: {md_text(d.relation_note)})" if d.relation_note else "")
            )  # fmt: skip
        if d.subdomains:
            lines.append(
                "- **Sub-domains:** "
                + "; ".join(
                    f"{md_text(name)} ({'、'.join(terms[:4])})" for name, terms in d.subdomains
                )
            )
        strongest = [t for t, w in d.terms if w >= 3][:8]
        if strongest:
            lines.append("- **Typical words:** " + "、".join(md_text(t) for t in strongest))
        for ex in examples.get(d.code, []):
            lines.append(f"- Example: 「{md_text(ex)}」")
        lines.append("")
    lines += [
        "## Target kinds",
        "",
        "For a quantity, write its kind in `kind_<coder>`, and `yes` or `no` in "
        "`value_ok_<coder>` and `unit_ok_<coder>`: is the value the machine read the number "
        "written (before any 万/亿 multiplier), and is the unit the one written after it?",
        "",
    ]
    kind_examples = _kind_examples()
    for kind in KINDS:
        lines.append(f"- {md_code(kind)}: {md_text(KIND_DEFINITIONS[kind])}")
        for ex in kind_examples.get(kind, []):
            lines.append(f"  - Example: 「{md_text(ex)}」")
    lines += [
        "",
        "## Word intrusion (topics)",
        "",
        "Each item lists the top words of one topic and one word from another topic. Write the "
        "word that does not belong in `code_<coder>`, exactly as shown.",
        "",
        "Example sentences come from the hand-labelled development sets "
        "(`data/validation/dev/`), the reports to CPC national congresses.",
    ]
    return "\n".join(lines) + "\n"


def write_codebook(path: Path | str) -> None:
    """Write :func:`codebook_markdown` to ``path`` (``docs/codebook.md`` in the repository)."""
    write_text(path, codebook_markdown())


__all__ = ["KIND_DEFINITIONS", "RULES", "codebook_markdown", "write_codebook"]
