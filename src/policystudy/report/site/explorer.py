"""The explorer's data: sentences by term, by domain and by target, written as sharded
JavaScript payloads under ``site/data/``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from policystudy.core import io
from policystudy.report.site import data as sd
from policystudy.report.site.coded import write_coded
from policystudy.report.site.instruments import instrument_types, with_instruments

# Optional columns of targets.csv shown when present, in this order (see docs/site.md).
TARGET_COLUMNS = (
    "sentence_id", "doc_id", "group", "kind", "indicator", "canonical_indicator", "comparator",
    "value", "value_high", "unit", "value_normalized", "unit_base", "value_type", "deadline",
    "deadline_year", "period", "bindingness", "cue", "domain", "sentence",
)  # fmt: skip


def _group_column(df: pd.DataFrame, group_by: str) -> str | None:
    for col in (group_by, "group"):
        if col in df.columns:
            return col
    return None


def _sentences(proc: Path, group_by: str) -> tuple[pd.DataFrame | None, str]:
    """Domain-coded sentences: ``sentence_domains.csv`` when the run wrote it, else sentences
    with the labels and scores of their paragraph."""
    cols = ["sentence_id", "doc_id", "group", "section", "text", "primary", "labels", "scores"]
    path = proc / "sentence_domains.csv"
    if path.is_file():
        df = sd.read_csv_strings(path)
        gcol = _group_column(df, group_by)
        df["group"] = df[gcol] if gcol else ""
        if "text" not in df.columns and "sentence" in df.columns:
            df["text"] = df["sentence"]
        for c in cols:
            if c not in df.columns:
                df[c] = ""
        return with_instruments(df[cols], proc), "sentence"
    if not (proc / "sentences.csv").is_file() or not (proc / "paragraphs.csv").is_file():
        return None, ""
    sent = sd.read_csv_strings(proc / "sentences.csv")
    header = list(sd.read_csv_strings(proc / "paragraphs.csv", nrows=0).columns)
    gcol = _group_column(pd.DataFrame(columns=header), group_by)
    use = [c for c in ("paragraph_id", "doc_id", gcol, "section") if c and c in header]
    para = sd.read_csv_strings(proc / "paragraphs.csv", usecols=use)
    para["group"] = para[gcol] if gcol else ""
    df = sent.merge(para.drop(columns=[gcol] if gcol and gcol != "group" else []), how="left")
    dom = proc / "paragraph_domains.csv"
    if dom.is_file():
        labels = sd.read_csv_strings(dom)
        keep = [c for c in ("paragraph_id", "primary", "labels", "scores") if c in labels.columns]
        df = df.merge(labels[keep], on="paragraph_id", how="left")
    df = df.rename(columns={"sentence": "text"})
    for c in cols:
        if c not in df.columns:
            df[c] = ""
    return with_instruments(df[cols].fillna(""), proc), "paragraph"


def write_explorer(proc: Path, site: Path, *, group_by: str, taxonomy: Path | str | None) -> dict:
    from policystudy.domains import load_taxonomy
    from policystudy.report.plots import group_noun, group_palette

    data = site / "data"
    docs: dict[str, dict] = {}
    overview = proc / "corpus_overview.csv"
    if overview.is_file():
        ov = sd.read_csv_strings(overview)
        gcol = _group_column(ov, group_by)
        for row in ov.to_dict("records"):
            docs[row["doc_id"]] = {
                k: row[c]
                for k, c in (
                    ("group", gcol),
                    ("title", "title_zh"),
                    ("place", "place_zh"),
                    ("year", "year"),
                )
                if c and c in row and row[c] != ""
            }
    sentences, level = _sentences(proc, group_by)
    groups = sorted(set(sentences["group"]) if sentences is not None else set())
    targets = None
    if (proc / "targets.csv").is_file():
        targets = sd.read_csv_strings(proc / "targets.csv")
        tg = _group_column(targets, group_by)
        if tg is None and "doc_id" in targets.columns:
            targets["group"] = targets["doc_id"].map(lambda d: docs.get(d, {}).get("group", ""))
        elif tg != "group":
            targets["group"] = targets[tg]
        groups = sorted(set(groups) | set(targets["group"]))
    if not groups:
        groups = sorted({d.get("group", "") for d in docs.values()})
    gi = {g: i for i, g in enumerate(groups)}
    palette = group_palette(groups)

    try:
        tax = load_taxonomy(taxonomy or None)
        domain_info = [{"code": d.code, "zh": d.zh, "en": d.en} for d in tax.domains]
    except Exception:  # a taxonomy that no longer loads only loses the domain names
        domain_info = []
    known = {d["code"] for d in domain_info}

    meta: dict = {
        "group_by": group_by,
        "group_noun": group_noun(group_by),
        "groups": [{"name": g, "color": palette[g]} for g in groups],
        "docs": docs,
        "level": level,
    }

    # Sentences per group: the term view scans them.
    scols = ["sentence_id", "doc_id", "section", "text", "primary", "labels", "scores",
             "instrument", "instruments"]  # fmt: skip
    files: dict[str, list] = {}
    domain_files: dict[str, dict[str, list]] = {}
    if sentences is not None:
        by_group = {g: part for g, part in sentences.groupby("group", sort=True)}
        coded: dict[str, dict[str, list]] = {}
        for g, part in by_group.items():
            rows = part[scols].values.tolist()
            files[g] = write_coded(data / "s" / str(gi[g]), f"s/{gi[g]}", rows, scols)
            for row in rows:
                scores = sd.split_pairs(row[6])
                labels = [x for x in str(row[5]).split("|") if x]
                for code in sorted(set(labels) | ({row[4]} if row[4] else set())):
                    coded.setdefault(code, {}).setdefault(g, []).append(
                        [*row[:6], f"{scores.get(code, 0.0):.3f}", *row[7:]]
                    )
        dcols = [*scols[:6], "score", *scols[7:]]
        for code in sorted(coded):
            for g, rows in sorted(coded[code].items()):
                domain_files.setdefault(code, {})[g] = write_coded(
                    data / "d" / code / str(gi[g]), f"d/{code}/{gi[g]}", rows, dcols
                )
        for code in sorted(set(coded) - known):
            domain_info.append({"code": code, "zh": code, "en": code})
    meta["sentences"] = {g: files.get(g, []) for g in groups}
    meta["instruments"] = instrument_types(sentences)
    meta["domains"] = [
        d | {"files": domain_files.get(d["code"], {})}
        for d in domain_info
        if d["code"] in domain_files
    ]

    # Targets per group, every column the table has.
    tfiles: dict[str, list] = {}
    tcols: list[str] = []
    kinds: list[str] = []
    if targets is not None:
        tcols = [c for c in TARGET_COLUMNS if c in targets.columns]
        tcols += sorted(c for c in targets.columns if c not in tcols)
        kinds = sorted(set(targets["kind"])) if "kind" in targets.columns else []
        for g, part in targets.groupby("group", sort=True):
            tfiles[g] = sd.write_chunks(
                data / "t" / str(gi[g]), f"t/{gi[g]}", part[tcols].values.tolist(), columns=tcols
            )
    meta["targets"] = {"columns": tcols, "kinds": kinds, "files": tfiles}

    # Each group's share of the domain, shown over the sentences it rests on.
    shares: dict[str, dict[str, list[str]]] = {}
    if (proc / "priorities.csv").is_file():
        pr = sd.read_csv_strings(proc / "priorities.csv")
        if {"group", "domain", "share"} <= set(pr.columns):
            for row in pr.to_dict("records"):
                shares.setdefault(row["domain"], {})[row["group"]] = [
                    row["share"],
                    row.get("ci_low", ""),
                    row.get("ci_high", ""),
                ]
    meta["shares"] = shares

    # Keyness of every term in every group, sharded by term.
    meta["terms"] = _write_terms(proc, data)
    return meta


def _write_terms(proc: Path, data: Path) -> dict:
    path = proc / "keyness.csv"
    if not path.is_file():
        return {"shards": 0, "suggest": {}}
    key = sd.read_csv_strings(path)
    need = {"group", "term", "count_in_group", "z"}
    if not need <= set(key.columns):
        return {"shards": 0, "suggest": {}}
    key["_z"] = pd.to_numeric(key["z"], errors="coerce").fillna(0.0)
    key = key.sort_values(["group", "_z", "term"], ascending=[True, False, True], kind="mergesort")
    key["_rank"] = key.groupby("group").cumcount() + 1
    size = key.groupby("group")["term"].transform("size")
    fields = [c for c in ("count_in_group", "count_in_rest", "log_odds", "z") if c in key.columns]
    terms: dict[str, dict] = {}
    for row, rank, n in zip(key.to_dict("records"), key["_rank"], size, strict=True):
        terms.setdefault(row["term"], {})[row["group"]] = [
            *(row[f] for f in fields),
            int(rank),
            int(n),
        ]
    total = len(json.dumps(terms, ensure_ascii=False).encode("utf-8"))
    shards = sd.shard_count(total)
    parts: list[dict] = [{} for _ in range(shards)]
    for term in sorted(terms):
        parts[sd.term_shard(term, shards)][term] = terms[term]
    for k, part in enumerate(parts):
        io.write_text(data / "k" / f"{k}.js", sd.js_payload(f"k/{k}", {"terms": part}))
    suggest = {g: part["term"].head(8).tolist() for g, part in key.groupby("group", sort=True)}
    return {"shards": shards, "fields": [*fields, "rank", "of"], "suggest": suggest}
