"""Validation on one's own corpus: codebook, blind draws, sheets, agreement, accuracy, report."""

import numpy as np
import pandas as pd
import pytest

from policystudy.core.io import write_table
from policystudy.report.corpus_validation import NO_SHEETS, corpus_validation_lines
from policystudy.targets import KINDS
from policystudy.validation import (
    SheetError,
    allocate,
    cohen_kappa,
    draw_sentences,
    krippendorff_alpha,
    read_sheet,
    score_sheets,
    weighted_accuracy,
    write_draw,
    write_sheet,
)
from policystudy.validation.codebook import KIND_DEFINITIONS, codebook_markdown
from policystudy.validation.draw import draw_targets, draw_word_intrusion
from policystudy.workflow import paths
from policystudy.workflow.cli import main

CODES = ["employment", "education", "health", "housing", "general", "non_livelihood"]
WRONG = "elderly_care"  # a code the machine never gives in these fixtures


# --- codebook ---------------------------------------------------------------------------------
def test_committed_codebook_is_the_generated_one():
    committed = (paths.ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert committed == codebook_markdown(), (
        "run: python -c 'from policystudy.validation "
        'import write_codebook; write_codebook("docs/codebook.md")\''
    )


def test_codebook_defines_every_target_kind_and_domain():
    assert set(KIND_DEFINITIONS) == set(KINDS)
    text = codebook_markdown()
    for code in ("employment", "general", "non_livelihood", "rural_revitalization"):
        assert f"(`{code}`)" in text
    assert "弱有所扶" in text and "优军服务保障" in text


# --- agreement against published examples -----------------------------------------------------
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, nominal values with missing data; alpha = 0.743.
K2011 = {
    "A": ["1", "2", "3", "3", "2", "1", "4", "1", "2", "", "", ""],
    "B": ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", "", "3"],
    "C": ["", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", ""],
    "D": ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", ""],
}


def _alpha_by_hand(codes: pd.DataFrame) -> float:
    """α nominal from the coincidence matrix (Krippendorff 2011, eqs. for nominal data)."""
    values = sorted({v for v in codes.to_numpy().ravel() if v})
    o = pd.DataFrame(0.0, index=values, columns=values)
    for _, row in codes.iterrows():
        given = [v for v in row if v]
        m = len(given)
        if m < 2:
            continue
        for i, a in enumerate(given):
            for j, b in enumerate(given):
                if i != j:
                    o.loc[a, b] += 1 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    observed = o.to_numpy()[~np.eye(len(values), dtype=bool)].sum()
    expected = (n_c.sum() ** 2 - (n_c**2).sum()) / (n - 1)
    return 1 - observed / expected


def test_alpha_equals_krippendorffs_published_example_and_the_library():
    import krippendorff

    codes = pd.DataFrame(K2011)
    assert round(krippendorff_alpha(codes), 3) == 0.743
    numeric = np.array([[float(v) if v else np.nan for v in K2011[c]] for c in "ABCD"])
    library = krippendorff.alpha(reliability_data=numeric, level_of_measurement="nominal")
    assert krippendorff_alpha(codes) == pytest.approx(library, abs=1e-12)
    assert _alpha_by_hand(codes) == pytest.approx(library, abs=1e-12)


def test_kappa_equals_the_textbook_example_and_scikit_learn():
    # The worked example of the Wikipedia article "Cohen's kappa": 50 proposals read by two
    # readers, yes/yes 20, yes/no 5, no/yes 10, no/no 15: po = .7, pe = .5, kappa = .4.
    from sklearn.metrics import cohen_kappa_score

    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    # Items one coder left empty are not pairs.
    assert cohen_kappa([*a, "yes"], [*b, ""]) == pytest.approx(0.4)
    # alpha on the same data equals the library's: 1 - 99 * 30 / 4950 = .4 (pooled margins).
    import krippendorff

    numeric = np.array([[1.0 if v == "yes" else 0.0 for v in col] for col in (a, b)])
    library = krippendorff.alpha(reliability_data=numeric, level_of_measurement="nominal")
    assert krippendorff_alpha(pd.DataFrame({"A": a, "B": b})) == pytest.approx(library)
    assert library == pytest.approx(0.4)


def test_the_bootstrap_kappa_is_scikit_learns():
    from sklearn.metrics import cohen_kappa_score

    from policystudy.validation.agreement import _as_codes, _kappa_codes

    rng = np.random.default_rng(3)
    a = rng.choice(["x", "y", "z"], size=60).tolist()
    b = [v if rng.random() < 0.7 else "y" for v in a]
    ca, cb = _as_codes(a, b)
    assert _kappa_codes(ca, cb) == pytest.approx(cohen_kappa_score(a, b))


# --- stratified draws and the weighted accuracy ----------------------------------------------
def test_allocate_gives_rare_strata_a_floor_and_shares_the_rest():
    take = allocate({"big": 900, "mid": 80, "rare": 4, "tiny": 1}, 50, min_per_stratum=5)
    assert take == {"big": 38, "mid": 7, "rare": 4, "tiny": 1}
    assert allocate({"a": 3, "b": 2}, 10) == {"a": 3, "b": 2}


def test_weighted_accuracy_is_unbiased_under_stratification_where_the_sample_mean_is_not():
    rng = np.random.default_rng(7)
    sizes = {"common": 1800, "middle": 150, "rare": 50}
    truth = {"common": 0.9, "middle": 0.5, "rare": 0.2}
    correct = {s: (rng.random(n) < truth[s]).astype(float) for s, n in sizes.items()}
    true_acc = np.concatenate(list(correct.values())).mean()
    take = allocate(sizes, 120, min_per_stratum=30)  # the draw's design: rare strata oversampled
    strata = np.repeat(list(take), list(take.values()))
    weighted, plain, covered = [], [], 0
    for _ in range(300):
        drawn = np.concatenate(
            [rng.choice(correct[s], size=k, replace=False) for s, k in take.items()]
        )
        est, low, high = weighted_accuracy(drawn, strata, sizes)
        weighted.append(est)
        plain.append(drawn.mean())
        covered += low <= true_acc <= high
    assert abs(np.mean(weighted) - true_acc) < 0.01
    assert np.mean(plain) < true_acc - 0.1  # rare strata oversampled: the plain mean is low
    assert covered / 300 > 0.85


def _units(n_docs: int = 4, per_doc: int = 30) -> pd.DataFrame:
    rows = []
    for d in range(n_docs):
        for s in range(per_doc):
            code = CODES[(d + s) % len(CODES)] if s % 5 else "housing" if s % 10 else "health"
            rows.append({"doc_id": f"d{d}", "region": "东" if d % 2 else "西",
                         "sentence_id": f"d{d}-p001-s{s + 1:02d}", "section": "一、民生",
                         "text": f"第{d}号文件第{s + 1}句。", "primary": code, "labels": code,
                         "duplicate_of": "" if s != 7 else f"d{d}-p001-s01"})  # fmt: skip
    return pd.DataFrame(rows)


def test_draw_is_seeded_blind_and_weighted_to_the_frame():
    units = _units()
    sheet, key = draw_sentences(units, n=40, random_state=3, coders=("A", "B"))
    again, _ = draw_sentences(units, n=40, random_state=3, coders=("A", "B"))
    pd.testing.assert_frame_equal(sheet, again)
    assert "machine" not in sheet.columns and "primary" not in sheet.columns
    assert {"code_A", "code_B", "heading", "previous", "next"} <= set(sheet.columns)
    assert len(sheet) == 40 and set(sheet["item_id"]) == set(key["item_id"])
    assert key["weight"].sum() == pytest.approx(len(units) - 4)  # duplicates are not drawn
    first = units.index[units["sentence_id"] == "d0-p001-s02"][0]
    row = draw_sentences(units, n=len(units))[0].set_index("item_id").loc["d0-p001-s02"]
    assert row["previous"] == units.loc[first - 1, "text"]
    assert row["next"] == units.loc[first + 1, "text"]
    shown, _ = draw_sentences(units, n=10, show_machine=True)
    assert "machine" in shown.columns


# --- sheets and their refusals ------------------------------------------------------------------
@pytest.fixture
def draw_folder(tmp_path):
    sheet, key = draw_sentences(_units(), n=30, random_state=1, coders=("A",))
    write_draw(sheet, key, tmp_path, codebook="# codebook\n")
    return tmp_path, sheet, key


def _refused(tmp_path, sheet: pd.DataFrame, key: pd.DataFrame, match: str):
    path = tmp_path / "coded_bad.csv"
    write_sheet(sheet, path, xlsx=False)
    with pytest.raises(SheetError, match=match) as err:
        score_sheets([path], key=key, labels=CODES, n_boot=100)
    assert "coded_bad.csv" in str(err.value)


def test_sheet_csv_has_a_bom_and_ids_stay_text(tmp_path):
    sheet = pd.DataFrame({"item_id": ["010"], "doc_id": ["007"], "text": ["+就业"]})
    write_sheet(sheet, tmp_path / "s.csv", xlsx=False)
    assert (tmp_path / "s.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    back = read_sheet(tmp_path / "s.csv")
    assert back.loc[0, "item_id"] == "010" and back.loc[0, "text"] == "+就业"


def test_refuses_an_empty_sheet(draw_folder):
    folder, sheet, key = draw_folder
    _refused(folder, sheet.iloc[0:0], key, "has no rows")
    (folder / "coded_bad.csv").write_bytes(b"")
    with pytest.raises(SheetError, match=r"coded_bad\.csv: the sheet is empty"):
        score_sheets([folder / "coded_bad.csv"], key=key)


def test_reads_a_sheet_excel_saved_back_as_gb18030(draw_folder):
    folder, sheet, key = draw_folder
    coded = sheet.assign(code_A="education")
    (folder / "coded_gbk.csv").write_bytes(coded.to_csv(index=False).encode("gb18030"))
    assert read_sheet(folder / "coded_gbk.csv")["text"].tolist() == sheet["text"].tolist()
    s = score_sheets([folder / "coded_gbk.csv"], key=key, labels=CODES, n_boot=100)
    assert s["validation_summary"].set_index("measure").loc["items", "n"] == len(sheet)


def test_refuses_a_missing_column_naming_it(draw_folder):
    folder, sheet, key = draw_folder
    _refused(folder, sheet.drop(columns="text"), key, r"row 1, column 'text': missing column")


def test_refuses_a_sheet_without_a_code_column(draw_folder):
    folder, sheet, key = draw_folder
    _refused(folder, sheet.drop(columns="code_A"), key, "no code column")


def test_refuses_an_unknown_code_naming_row_and_column(draw_folder):
    folder, sheet, key = draw_folder
    bad = sheet.assign(code_A="education")
    bad.loc[4, "code_A"] = "welfare"
    _refused(folder, bad, key, r"row 6, column 'code_A': unknown code 'welfare'")


def test_refuses_an_id_not_in_the_draw_and_a_repeated_id(draw_folder):
    folder, sheet, key = draw_folder
    bad = sheet.copy()
    bad.loc[2, "item_id"] = "nowhere-s01"
    _refused(folder, bad, key, r"row 4, column 'item_id': id 'nowhere-s01' is not in the draw")
    twice = pd.concat([sheet, sheet.iloc[[0]]], ignore_index=True)
    _refused(folder, twice, key, r"row 32, column 'item_id': .* repeats row 2")


def test_refuses_a_bad_yes_no_answer_in_a_targets_sheet(tmp_path):
    found = pd.DataFrame({"doc_id": ["d"] * 6, "group": ["g"] * 6, "sentence": ["新增学位6000个。"] * 6,
                          "value": ["6000"] * 6, "unit": ["个"] * 6, "sentence_id": ["s"] * 6,
                          "kind": ["target", "status"] * 3})  # fmt: skip
    sheet, key = draw_targets(found, n=6)
    sheet = sheet.assign(kind_A="target", value_ok_A="yes", unit_ok_A="yes")
    sheet.loc[1, "unit_ok_A"] = "maybe"
    _refused(tmp_path, sheet, key, r"row 3, column 'unit_ok_A': unknown code 'maybe' \(write yes")


# --- round trip: draw, code, score, report --------------------------------------------------------
def test_round_trip_draw_code_score_and_the_report_quotes_it(tmp_path):
    run = tmp_path / "run"
    units = _units()
    write_table(units, run / "data" / "processed" / "sentence_domains.csv")
    draw_dir = tmp_path / "draw"
    assert main(["validate", "draw", "--run", str(run), "--to", str(draw_dir), "-n", "40",
                 "--coder", "A", "--coder", "B"], standalone_mode=False) is None  # fmt: skip
    sheet = read_sheet(draw_dir / "sheet.csv")
    key = pd.read_csv(draw_dir / "key.csv", dtype=str).set_index("item_id")
    machine = key.loc[sheet["item_id"], "machine"].to_numpy()
    sheet["code_A"] = machine
    sheet["code_B"] = machine
    sheet.loc[:3, "code_A"] = WRONG  # coder A differs from the machine on four items,
    sheet.loc[:1, "code_B"] = WRONG  # B on two of them: two ties, no consensus there
    write_sheet(sheet, draw_dir / "coded_AB.csv", xlsx=False)
    tables = score_sheets([draw_dir / "coded_AB.csv"], labels=[*CODES, WRONG], n_boot=200)
    s = tables["validation_summary"].set_index(["measure", "coders"])
    n = len(sheet)
    assert s.loc[("items", "A+B"), "n"] == n
    assert s.loc[("accuracy_sample", "consensus"), "n"] == n - 2
    assert s.loc[("accuracy_sample", "consensus"), "estimate"] == pytest.approx((n - 4) / (n - 2))
    assert s.loc[("accuracy_sample", "A"), "estimate"] == pytest.approx((n - 4) / n)
    alpha = s.loc[("alpha", "A+B")]
    assert 0 < alpha["estimate"] < 1 and alpha["ci_low"] <= alpha["estimate"] <= alpha["ci_high"]
    assert set(tables["validation_disagreements"]["disagreement"]) == {"coders", "machine"}
    text = corpus_validation_lines(tables["validation_summary"], tables["validation_labels"])
    acc = s.loc[("accuracy", "consensus"), "estimate"]
    assert text.startswith("**Validated on this corpus**")
    assert f"{100 * acc:.1f}%" in text and f"{alpha['estimate']:.3f}" in text
    assert f"{n} sentences" in text or f"{n}](" in text


@pytest.mark.slow
def test_cli_score_writes_the_tables_and_the_confusion_figure(draw_folder):
    folder, sheet, key = draw_folder
    sheet = sheet.assign(code_A=key.set_index("item_id").loc[sheet["item_id"], "machine"].values)
    write_sheet(sheet, folder / "coded_A.csv", xlsx=False)
    out = folder / "scores"
    assert main(["validate", "score", str(folder / "coded_A.csv"), "--to", str(out),
                 "--n-boot", "100"], standalone_mode=False) is None  # fmt: skip
    assert (out / "validation_summary.csv").is_file()
    assert (out / "validation_disagreements.csv").is_file()
    assert (out / "figures" / "validation_confusion.png").is_file()


def test_one_coder_says_agreement_was_not_measured(draw_folder):
    folder, sheet, key = draw_folder
    sheet = sheet.assign(code_A=key.set_index("item_id").loc[sheet["item_id"], "machine"].values)
    write_sheet(sheet, folder / "coded_A.csv", xlsx=False)
    tables = score_sheets([folder / "coded_A.csv"], labels=CODES, n_boot=100)
    text = corpus_validation_lines(tables["validation_summary"], tables["validation_labels"])
    assert "**not measured** (one coder" in text and "100.0%" in text


def test_without_sheets_the_report_says_nothing_was_validated_here():
    assert corpus_validation_lines(None) == NO_SHEETS
    assert "another genre" in NO_SHEETS


def test_cli_refuses_a_bad_sheet_with_status_2(draw_folder, capsys):
    folder, sheet, _ = draw_folder
    write_sheet(sheet.drop(columns="doc_id"), folder / "coded_x.csv", xlsx=False)
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "score", str(folder / "coded_x.csv")], standalone_mode=False)
    assert exit_.value.code == 2
    assert "column 'doc_id': missing column" in capsys.readouterr().err


def test_word_intrusion_items_and_their_score(tmp_path):
    terms = {1: ["就业", "创业", "培训", "岗位"], 2: ["医院", "医保", "药品", "医生"],
             3: ["学校", "教师", "学生", "课程"]}  # fmt: skip
    topics = pd.DataFrame([{"topic": t, "rank": r + 1, "term": w}
                           for t, ws in terms.items() for r, w in enumerate(ws)])  # fmt: skip
    sheet, key = draw_word_intrusion(topics, n_words=3, per_topic=2, intruder_rank=2)
    assert len(sheet) == 6
    for words, intruder, topic in zip(sheet["words"], key["intruder"], key["topic"], strict=True):
        assert intruder in words.split(" / ") and intruder not in terms[topic]
    write_draw(sheet, key, tmp_path, codebook="")
    coded = sheet.assign(code_A=key["intruder"].to_numpy())
    coded.loc[0, "code_A"] = coded.loc[0, "words"].split(" / ")[0] if (
        coded.loc[0, "words"].split(" / ")[0] != key.loc[0, "intruder"]) else \
        coded.loc[0, "words"].split(" / ")[1]  # fmt: skip
    write_sheet(coded, tmp_path / "coded_A.csv", xlsx=False)
    s = score_sheets([tmp_path / "coded_A.csv"])["validation_summary"].iloc[0]
    assert s["estimate"] == pytest.approx(5 / 6) and s["chance"] == pytest.approx(0.25)
    coded.loc[1, "code_A"] = "工资"
    write_sheet(coded, tmp_path / "coded_A.csv", xlsx=False)
    with pytest.raises(SheetError, match="row 3, column 'code_A': unknown code '工资'"):
        score_sheets([tmp_path / "coded_A.csv"])


def test_targets_kind_value_and_unit_scores(tmp_path):
    found = pd.DataFrame({"doc_id": [f"d{i % 3}" for i in range(12)], "group": ["g"] * 12,
                          "sentence": ["到2025年新增学位6000个。"] * 12, "value": ["6000"] * 12,
                          "unit": ["个"] * 12, "sentence_id": [f"s{i}" for i in range(12)],
                          "kind": ["target"] * 8 + ["status"] * 4})  # fmt: skip
    sheet, key = draw_targets(found, n=12)
    write_draw(sheet, key, tmp_path, codebook="")
    k = key.set_index("item_id").loc[sheet["item_id"], "machine"].to_numpy()
    coded = sheet.assign(kind_A=k, value_ok_A="yes", unit_ok_A="是")
    coded.loc[0, "kind_A"] = "rule"
    coded.loc[1, "value_ok_A"] = "no"
    write_sheet(coded, tmp_path / "coded_A.csv", xlsx=False)
    s = score_sheets([tmp_path / "coded_A.csv"])["validation_summary"].set_index("measure")
    assert s.loc["kind_accuracy_sample", "estimate"] == pytest.approx(11 / 12)
    assert s.loc["value_correct", "estimate"] == pytest.approx(11 / 12)
    assert s.loc["unit_correct", "estimate"] == pytest.approx(1.0)


def test_xlsx_sheet_round_trips_when_openpyxl_is_installed(tmp_path):
    pytest.importorskip("openpyxl")
    sheet = pd.DataFrame({"item_id": ["010"], "text": ["=提高低保"], "code_A": [""]})
    written = write_sheet(sheet, tmp_path / "sheet.csv")
    assert [p.suffix for p in written] == [".csv", ".xlsx"]
    back = read_sheet(tmp_path / "sheet.xlsx")
    assert back.loc[0, "item_id"] == "010" and back.loc[0, "text"] == "=提高低保"


def test_validation_sheets_parameter_auto_and_missing_files(tmp_path):
    from policystudy.workflow import params
    from policystudy.workflow.validate_cli import resolve_sheets

    seed = paths.ROOT / "data" / "validation" / "seed_domains" / "coded_A.csv"
    assert resolve_sheets("auto", manifest=paths.DEFAULT_MANIFEST) == [seed]
    # Another corpus, even when run from inside the project, never gets the project's sheets.
    assert resolve_sheets("auto", manifest=tmp_path / "corpus.csv") == []
    assert resolve_sheets("none", manifest=paths.DEFAULT_MANIFEST) == []
    with pytest.raises(params.ParameterError, match=r"nope\.csv: file not found"):
        params.validate({"validation_sheets": "nope.csv"})
