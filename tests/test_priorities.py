"""Tests of the domain classifier (``domains``) and the priority profiles (``priorities``)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from policystudy import domains as dm
from policystudy.core import resources
from policystudy.priorities import profiles as pr
from policystudy.workflow import paths

LABELS = resources.VALIDATION / "paragraph_labels.csv"
CODES = [
    "employment", "social_insurance", "social_assistance", "education", "health",
    "elderly_care", "housing", "culture_sports", "safety_governance", "rural_revitalization",
    "general",
]  # fmt: skip


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return dm.load_labels(LABELS)


@pytest.fixture(scope="module")
def corpus_paragraphs(labelled) -> pd.DataFrame:
    # The labelled paragraphs double as a small, real paragraphs table with manifest columns.
    man = pd.read_csv(paths.DEFAULT_MANIFEST)
    p = labelled.drop(columns="labels").merge(man, on="doc_id", how="left")
    n = p.groupby("doc_id").cumcount().add(1)
    p["paragraph_id"] = p["doc_id"] + "-p" + n.map("{:03d}".format)
    p["chars"] = p["text"].str.len()
    return p


# --- taxonomy ---------------------------------------------------------------------------------


def test_taxonomy_has_the_fixed_codes_in_order():
    tax = dm.load_taxonomy()
    assert tax.codes == CODES
    assert tax.domain("employment").qiyou == ("劳有所得",)
    assert set(tax.domain("education").qiyou) == {"幼有所育", "学有所教"}


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("domains:\n  housing: {zh: 住房, en: Housing, terms: {住房: 3}}\n", "'general'"),
        (
            "domains:\n  a_b: {zh: 甲, en: A, terms: {低保: 2}}\n"
            "  c_d: {zh: 乙, en: C, terms: {低保: 3}}\n  general: {zh: 综合, en: G, terms: {}}\n",
            "is in both",
        ),
        (
            "domains:\n  Bad-Code: {zh: 甲, en: A, terms: {}}\n"
            "  general: {zh: 综合, en: G, terms: {}}\n",
            "snake_case",
        ),
        (
            "domains:\n  housing: {zh: 住房, en: H, terms: {住房: -1}}\n"
            "  general: {zh: 综合, en: G, terms: {}}\n",
            ">= 0",
        ),
    ],
)
def test_taxonomy_errors_are_named(tmp_path, yaml_text, message):
    f = tmp_path / "tax.yaml"
    f.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(dm.TaxonomyError, match=message):
        dm.load_taxonomy(f)


def test_user_taxonomy_adds_a_domain_without_code_changes(tmp_path):
    text = (paths.PACKAGE_DATA / "taxonomy.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  general:\n",
        "  childcare:\n    order: 10.5\n    zh: 托育\n    en: Childcare\n    qiyou: []\n"
        "    terms:\n      托育: 3\n      婴幼儿照护: 3\n  general:\n",
    )
    f = tmp_path / "user.yaml"
    f.write_text(text, encoding="utf-8")
    out = dm.classify_lines(["发展普惠托育服务,完善婴幼儿照护体系"], taxonomy=f)
    assert out.loc[0, "primary"] == "childcare"
    assert dm.load_taxonomy(f).codes[-2:] == ["childcare", "general"]


# --- matching and classification ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Longest match: pension insurance is not elderly care.
        ("完善城乡居民基本养老保险制度", [("养老保险", "social_insurance")]),
        ("建设分布式、多功能、专业化的社区养老服务设施", [("社区养老", "elderly_care")]),
        (
            "加大医疗救助力度,减轻困难群众就医负担",
            [
                ("医疗救助", "social_assistance"),
                ("困难群众", "social_assistance"),
                ("就医", "health"),
            ],
        ),
        # Weight-0 shadow phrase hides 健康.
        ("推动教育健康发展", [("教育", "education"), ("健康发展", "general")]),
    ],
)
def test_term_hits_are_leftmost_longest(text, expected):
    assert dm.term_hits(text) == expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("完善最低生活保障制度,兜牢民生底线。", ["social_assistance"]),
        ("推进棚户区、老旧小区改造,将老旧小区改造与城镇更新结合起来。", ["housing"]),
        ("加强食品药品安全监管,保障人民群众身体健康。", ["safety_governance"]),
        ("建设池北区综合性医疗康养中心,推进社区居家养老服务。", ["elderly_care", "health"]),
        ("统筹做好巩固拓展脱贫攻坚成果和全面推进乡村振兴", ["rural_revitalization"]),
        ("完善全民健身公共服务体系,推进长白山冰雪运动中心建设。", ["culture_sports"]),
        # Traditional script is converted first.
        ("健全覆蓋全民的社會保障體系", ["social_insurance"]),
        ("加強職業技能培訓,促進就業更加充分", ["employment"]),
        # Framing text and lists of every domain are general.
        ("坚持发展为民、发展惠民、发展成果由人民共享", ["general"]),
        ("在学有所教、劳有所得、病有所医、老有所养上持续取得新进展", ["general"]),
        ("", ["general"]),
    ],
)
def test_predict_ranked_labels(text, labels):
    assert dm.LexiconClassifier().predict([text]) == [labels]


def test_threshold_controls_secondary_labels():
    text = "建设池北区综合性医疗康养中心,推进社区居家养老服务。"
    low = dm.LexiconClassifier(threshold=0.2).predict([text])[0]
    high = dm.LexiconClassifier(threshold=0.7).predict([text])[0]
    assert low == ["elderly_care", "health"]
    assert high == ["elderly_care"]


def test_fit_tunes_only_threshold(labelled):
    clf = dm.LexiconClassifier(threshold=0.25)
    clf.fit(labelled["text"].tolist(), labelled["labels"].tolist())
    assert clf.threshold == 0.25  # constructor parameter untouched
    assert clf.threshold_ in clf.threshold_grid
    assert list(clf.cv_results_.columns) == ["threshold", "primary_accuracy", "micro_f1"]
    best = clf.cv_results_["primary_accuracy"].max()
    assert clf.cv_results_.set_index("threshold").loc[clf.threshold_, "primary_accuracy"] == best


def test_classify_lines_columns_and_format():
    out = dm.classify_lines(
        ["提高城乡低保标准,扩大临时救助范围\n", "", "推进公立医院改革和养老服务"]
    )
    assert list(out.columns) == ["line", "primary", "labels", "scores"]
    assert out["line"].tolist() == [1, 2, 3]
    assert out.loc[0].tolist() == [
        1,
        "social_assistance",
        "social_assistance",
        "social_assistance:1.000",
    ]
    assert out.loc[1, "labels"] == "general" and out.loc[1, "scores"] == ""
    assert out.loc[2, "scores"] == "elderly_care:0.500|health:0.500"
    assert out.loc[2, "labels"] == "elderly_care|health"


def test_cli_domains_prints_tsv(tmp_path):
    f = tmp_path / "lines.txt"
    f.write_text("加强社会治安综合治理,创建平安社区。\n\n完善失业保险制度\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "policystudy.workflow.cli", "domains", str(f)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert res.stdout.splitlines() == [
        "line\tprimary\tlabels\tscores",
        "1\tsafety_governance\tsafety_governance\tsafety_governance:1.000",
        "2\tgeneral\tgeneral\t",
        "3\tsocial_insurance\tsocial_insurance\tsocial_insurance:1.000",
    ]


# --- labelled data and held-out validation --------------------------------------------------------


def test_labels_file_is_valid(labelled):
    assert list(labelled.columns) == ["doc_id", "text", "labels"]
    assert len(labelled) >= 100
    man = pd.read_csv(paths.DEFAULT_MANIFEST).set_index("doc_id")
    assert set(labelled["doc_id"]) == set(man.index)
    for doc, text in zip(labelled["doc_id"], labelled["text"], strict=True):
        raw = (paths.DATA / man.loc[doc, "file"]).read_text(encoding="utf-8")
        assert text in raw, (doc, text[:20])
    for value in labelled["labels"]:
        parts = value.split("|")
        assert set(parts) <= set(CODES) and len(parts) == len(set(parts))
        assert "general" not in parts[1:]


def test_leave_one_document_out_primary_accuracy(labelled):
    preds = dm.leave_one_document_out(labelled)
    assert sorted(preds["held_out"].unique()) == sorted(labelled["doc_id"].unique())
    _metrics, folds = dm.validation_tables(preds, codes=CODES)
    overall = folds.set_index("held_out").loc["ALL", "primary_accuracy"]
    assert overall >= 0.85
    assert (folds["primary_accuracy"] >= 0.8).all()


def test_domain_metrics_by_hand():
    truth = [["health", "elderly_care"], ["housing"], ["general"]]
    pred = [["health"], ["housing", "health"], ["health"]]
    m = dm.domain_metrics(truth, pred, codes=["health", "housing", "elderly_care"])
    m = m.set_index("domain")
    assert m.loc["health", "precision"] == pytest.approx(1 / 3)
    assert m.loc["health", "recall"] == 1.0
    assert m.loc["housing", "f1"] == 1.0
    assert m.loc["elderly_care", "recall"] == 0.0


# --- profiles -------------------------------------------------------------------------------------


def _toy():
    p = pd.DataFrame(
        {
            "paragraph_id": ["a-p001", "a-p002", "a-p003", "b-p001", "b-p002"],
            "doc_id": ["a", "a", "a", "b", "b"],
            "region": ["江苏", "江苏", "江苏", "辽宁", "辽宁"],
            "text": ["扩大就业" * 3, "完善低保", "发展养老服务", "办好教育" * 2, "扩大就业"],
        }
    )
    p["chars"] = p["text"].str.len()
    return p, dm.paragraph_domains(p)


def test_profiles_shares_and_ranks_by_hand():
    p, d = _toy()
    prof = pr.priority_profiles(p, d, n_bootstrap=0)
    assert list(prof.columns) == pr.PROFILE_COLUMNS
    js = prof[prof["group"] == "江苏"].set_index("domain")
    assert js.loc["employment", "share"] == pytest.approx(12 / 22)
    assert js.loc["social_assistance", "share"] == pytest.approx(4 / 22)
    assert js.loc["employment", "rank"] == 1
    assert pd.isna(js.loc["general", "rank"])
    by_count = pr.priority_profiles(p, d, weight="paragraphs", n_bootstrap=0)
    assert by_count.query("group == '江苏' and domain == 'employment'")["share"].item() == 1 / 3
    assert prof.groupby("group")["share"].sum().round(12).eq(1).all()


def test_bootstrap_is_seeded_and_brackets_share(corpus_paragraphs):
    d = dm.paragraph_domains(corpus_paragraphs)
    a = pr.priority_profiles(corpus_paragraphs, d, n_bootstrap=300, random_state=7)
    b = pr.priority_profiles(corpus_paragraphs, d, n_bootstrap=300, random_state=7)
    pd.testing.assert_frame_equal(a, b)
    assert (a["ci_low"] <= a["share"] + 1e-12).all() and (a["share"] <= a["ci_high"] + 1e-12).all()
    c = pr.priority_profiles(corpus_paragraphs, d, n_bootstrap=300, random_state=8)
    assert not np.allclose(a["ci_low"], c["ci_low"])


def test_holm_by_hand():
    assert pr.holm([0.01, 0.02, 0.04]).tolist() == pytest.approx([0.03, 0.04, 0.04])


def test_permutation_test_detects_and_rejects():
    n = 30
    p = pd.DataFrame(
        {
            "paragraph_id": [f"x-p{i:03d}" for i in range(2 * n)],
            "region": ["甲"] * n + ["乙"] * n,
            "text": ["字" * 10] * (2 * n),
        }
    )
    d = pd.DataFrame(
        {
            "paragraph_id": p["paragraph_id"],
            "primary": ["health"] * n + ["health", "housing"] * (n // 2),
        }
    )
    d["labels"] = d["primary"]
    t = pr.permutation_test(p, d, n_permutations=999, random_state=1)
    surv = pr.surviving_differences(t)
    assert set(surv["domain"]) == {"health", "housing"}
    assert t.set_index("domain").loc["education", "p_value"] == 1.0
    same = d.assign(primary="health", labels="health")
    assert not pr.permutation_test(p, same, n_permutations=199)["significant"].any()


def test_sensitivity_and_caveats_on_corpus(corpus_paragraphs):
    s = pr.sensitivity_table(corpus_paragraphs)
    assert list(s.columns) == [
        "group",
        "variant",
        "top1",
        "top2",
        "top3",
        "top3_same",
        "kendall_tau",
    ]
    base = s[s["variant"] == "baseline"]
    assert np.allclose(base["kendall_tau"], 1.0) and base["top3_same"].all()
    assert {"weight=paragraphs", "secondary counted", "drop strongest term: all"} <= set(
        s["variant"]
    )
    assert s["variant"].str.startswith("drop strongest term: housing").any()
    d = dm.paragraph_domains(corpus_paragraphs)
    c = pr.caveats(corpus_paragraphs, d)
    assert c.query("caveat == 'documents_per_group'")["subject"].tolist() == ["Jiangsu"]
    assert c.query("caveat == 'genre'")["value"].item() == 5.0
    alone = pr.standalone_profiles(corpus_paragraphs, d)
    assert alone["doc_id"].tolist() == ["ALL", "changzhou_xinbei", "lianyungang"]


# --- matrix path: one match per paragraph, identical to the per-paragraph classification -------


def _reference_ranked(text, *, taxonomy=None, threshold=0.25, min_score=1.0):
    """The per-paragraph classification the matrix path replaced, written out plainly."""
    tax = dm.load_taxonomy() if taxonomy is None else taxonomy
    codes = tax.substantive
    scores = dm.raw_scores(text, taxonomy=tax)
    raw = np.array([scores.get(c, 0.0) for c in codes])
    total = raw.sum()
    rel = raw / total if total > 0 else raw
    order = sorted(range(len(codes)), key=lambda i: (-rel[i], codes[i]))
    labels = [codes[i] for i in order if rel[i] > threshold and raw[i] >= min_score and raw[i] > 0]
    scored = dm.format_scores((codes[i], rel[i]) for i in order if raw[i] > 0)
    return (labels or ["general"])[0], "|".join(labels or ["general"]), scored


@pytest.mark.parametrize("threshold", [0.15, 0.25, 0.4])
def test_matrix_classification_equals_per_paragraph(labelled, threshold):
    texts = [
        *labelled["text"],
        "推进公立医院改革和养老服务",  # a tie, broken by code
        "完善城乡居民基本养老保险制度,发展居家养老服务,提高低保标准",
        "推动教育健康发展",  # weight-0 shadow phrase
        "",
    ]
    got = dm.LexiconClassifier(threshold=threshold).classify(texts)
    want = [_reference_ranked(t, threshold=threshold) for t in texts]
    assert list(got.itertuples(index=False, name=None)) == want


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("提高低保标准,低保动态管理", {"低保": 2}),
        # Leftmost-longest: 养老保险, not 养老 + 保险.
        ("完善城乡居民基本养老保险制度,发展居家养老服务", {"养老保险": 1, "居家养老": 1}),
        ("推动教育健康发展", {"教育": 1, "健康发展": 1}),
        ("提高政治站位", {}),
    ],
)
def test_term_counts_by_hand(text, counts):
    tax = dm.load_taxonomy()
    m = dm.term_counts([text], taxonomy=tax)
    assert m.shape == (1, len(tax.terms))
    got = {tax.terms[j]: int(v) for j, v in zip(m.indices, m.data, strict=True)}
    assert got == counts


@pytest.mark.parametrize(
    ("dropped", "text", "hits"),
    [
        # Without 养老保险 the text matches 养老 and 保险: another domain enters.
        ("养老保险", "完善城乡居民基本养老保险制度", {"养老": 1, "保险": 1}),
        ("医疗救助", "加大医疗救助力度", {"医疗": 1, "救助": 1}),
        ("居家养老", "发展居家养老服务", {"养老服务": 1}),
    ],
)
def test_reduced_taxonomy_counts_share_the_full_columns(dropped, text, hits):
    tax = dm.load_taxonomy()
    reduced = tax.without_terms([dropped])
    m = dm.term_counts([text], taxonomy=reduced, vocabulary=tax.terms)
    assert {tax.terms[j]: int(v) for j, v in zip(m.indices, m.data, strict=True)} == hits
    raw = m @ reduced.weight_matrix(tax.terms)
    assert dict(zip(tax.substantive, raw[0], strict=True)) == {
        c: dm.raw_scores(text, taxonomy=reduced).get(c, 0.0) for c in tax.substantive
    }
    with pytest.raises(ValueError, match="vocabulary lacks"):
        dm.term_counts([text], taxonomy=tax, vocabulary=reduced.terms)


def _reference_top3(p, clf, *, weight, secondary):
    d = dm.paragraph_domains(p, classifier=clf)
    prof = pr.priority_profiles(p, d, weight=weight, secondary=secondary, n_bootstrap=0)
    prof = prof.dropna(subset=["rank"]).sort_values(["group", "rank"])
    return {g: sub["domain"].head(3).tolist() for g, sub in prof.groupby("group")}


def test_sensitivity_equals_reclassifying_every_variant(corpus_paragraphs):
    # The table re-matches only paragraphs where a dropped term was found; classifying every
    # paragraph again with each reduced taxonomy must give the same top three.
    p = corpus_paragraphs.assign(region=corpus_paragraphs["genre"])  # several groups
    tax = dm.load_taxonomy()
    s = pr.sensitivity_table(p)
    strongest = tax.strongest_terms(p["text"].tolist())
    variants = {
        "baseline": (tax, "chars", False),
        "weight=paragraphs": (tax, "paragraphs", False),
        "secondary counted": (tax, "chars", True),
        "drop strongest term: all": (tax.without_terms(strongest.values()), "chars", False),
    }
    for code, term in strongest.items():
        variants[f"drop strongest term: {code} ({term})"] = (
            tax.without_terms([term]),
            "chars",
            False,
        )
    assert set(s["variant"]) == set(variants)
    for name, (t, w, sec) in variants.items():
        want = _reference_top3(p, dm.LexiconClassifier(t), weight=w, secondary=sec)
        got = s[s["variant"] == name].set_index("group")[["top1", "top2", "top3"]]
        assert {g: r.tolist() for g, r in got.iterrows()} == want, name


def _reference_pvalues(p, d, *, n_permutations, random_state):
    # From the definition, sharing no code with policystudy.priorities: a group's share of a
    # domain is the characters of its paragraphs whose primary domain it is over all its
    # characters; one permutation at a time. Only the draws are shared: the paragraphs in
    # (region, paragraph_id) order and one permutations x paragraphs shuffle per pair.
    data = p.merge(d[["paragraph_id", "primary"]], on="paragraph_id")
    data = data.sort_values(["region", "paragraph_id"], kind="mergesort")
    codes = dm.load_taxonomy().codes
    chars = data["text"].str.len().to_numpy(dtype=float)
    onehot = (data["primary"].to_numpy()[:, None] == np.array(codes)[None, :]) * chars[:, None]
    groups = data["region"].astype(str).to_numpy()
    rng = np.random.default_rng(random_state)
    out = []
    names = sorted(set(groups))
    for a, b in [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]:
        mask = (groups == a) | (groups == b)
        c, is_a = onehot[mask], groups[mask] == a

        def shares(rows, c=c):
            return c[rows].sum(axis=0) / c[rows].sum()

        observed = shares(is_a) - shares(~is_a)
        extreme = np.zeros(len(codes), dtype=int)
        for row in rng.permuted(np.tile(is_a, (n_permutations, 1)), axis=1):
            extreme += np.abs(shares(row) - shares(~row)) >= np.abs(observed) - 1e-12
        pval = (1 + extreme) / (1 + n_permutations)
        out += [pval[i] for i, code in enumerate(codes) if code != "general"]
    return out


@pytest.mark.parametrize("block_cells", [1, 1000, 10**9])
def test_permutation_blocks_draw_the_same_permutations(corpus_paragraphs, monkeypatch, block_cells):
    p = corpus_paragraphs
    d = dm.paragraph_domains(p)
    monkeypatch.setattr(pr, "BLOCK_CELLS", block_cells)
    t = pr.permutation_test(p, d, n_permutations=199, random_state=3)
    assert t["p_value"].tolist() == _reference_pvalues(p, d, n_permutations=199, random_state=3)


@pytest.mark.parametrize(
    ("primary", "labels", "secondary", "expected"),
    [
        (["health", "housing"], ["health", "housing|health"], False, [[4.0, 0.0], [0.0, 6.0]]),
        (["health", "housing"], ["health", "housing|health"], True, [[4.0, 0.0], [3.0, 3.0]]),
        # An empty label list contributes nothing.
        (["health", "housing"], ["health", ""], True, [[4.0, 0.0], [0.0, 0.0]]),
    ],
)
def test_contribution_matrix_by_hand(primary, labels, secondary, expected):
    d = pd.DataFrame({"text": ["低保标准", "扩增公办幼儿园"], "primary": primary, "labels": labels})
    d["chars"] = [4, 6]
    got = pr.contribution_matrix(d, ["health", "housing"], secondary=secondary)
    assert got.tolist() == expected


def test_contribution_matrix_names_unknown_labels():
    d = pd.DataFrame({"text": ["甲", "乙", "丙"], "primary": ["health", "养老", "住房"]})
    with pytest.raises(ValueError, match=r"\['养老'\]"):
        pr.contribution_matrix(d, ["health"])
