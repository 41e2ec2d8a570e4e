"""Keywords per group: token filter, the four methods, stability and the must-show terms."""

from __future__ import annotations

import pickle
import warnings

import jieba.analyse
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from policystudy import corpus, paths, preprocess
from policystudy.keyness import keyness_table
from policystudy.keywords import (
    MeaningfulAnalyzer,
    ThinEvidenceWarning,
    _JiebaScorer,
    _TextRankScorer,
    extract_keywords,
    group_matrix,
    is_meaningful,
    jieba_engine,
    keywords_for_files,
    meaningful_tokens,
    stratified_bootstrap,
)
from policystudy.segmentation import PolicyTokenizer, tokenize_paragraphs


@pytest.fixture(scope="module")
def real():
    """The corpus's paragraphs, tokens and regions, as notebook 01 sees them."""
    paragraphs = preprocess.prepare(corpus.load_corpus(paths.DEFAULT_MANIFEST)).paragraphs
    tokenizer = PolicyTokenizer()
    texts = paragraphs["text"].tolist()
    return {
        "texts": texts,
        "tokens": tokenize_paragraphs(texts, tokenizer),
        "groups": paragraphs["region"].tolist(),
        "stopwords": tokenizer.stopword_set,
        "tokenizer": tokenizer,
    }


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("社保卡", True),
        ("公办幼儿园", True),
        ("长白山", True),
        ("网格化", True),
        ("的", False),  # one character
        ("省", False),
        ("31150", False),  # bare numbers, as in 新增就业31150人
        ("3.36%", False),
        ("２０２１", False),  # full-width digits
        ("5000万", False),
        ("二十", False),  # numerals only
        ("5G", True),  # a technology, not a number
        ("加强", False),  # a stopword (given below)
    ],
)
def test_is_meaningful(token, expected):
    assert is_meaningful(token, stopwords={"加强", "推进"}) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全面 推行 社保卡 一卡通 31150 人", ["全面", "推行", "社保卡", "一卡通"]),
        ("推进 公办园 建设", ["公办园", "建设"]),
        ("  ", []),
    ],
)
def test_meaningful_tokens(text, expected):
    assert meaningful_tokens(text, stopwords={"推进"}) == expected


def test_analyzer_pickles_and_vectorisers_do_not_warn():
    analyzer = pickle.loads(pickle.dumps(MeaningfulAnalyzer(stopwords=["推进"])))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vec = TfidfVectorizer(analyzer=analyzer, lowercase=False).fit(
            ["推进 公办园 建设", "社保卡 申领 公办园"]
        )
    assert vec.get_feature_names_out().tolist() == ["公办园", "建设", "申领", "社保卡"]
    pickle.loads(pickle.dumps(vec))


def test_stratified_bootstrap_keeps_group_sizes_and_is_seeded():
    groups = ["Jilin"] * 3 + ["Liaoning"] * 5 + ["Tianjin"]
    w = stratified_bootstrap(groups, 200, 7)
    assert w.shape == (200, 9)
    assert (w[:, :3].sum(axis=1) == 3).all() and (w[:, 3:8].sum(axis=1) == 5).all()
    assert (w[:, 8] == 1).all()
    np.testing.assert_array_equal(w, stratified_bootstrap(groups, 200, 7))
    assert not np.array_equal(w, stratified_bootstrap(groups, 200, 8))


def test_rank_ties_are_broken_by_term():
    # 养老 and 安全 have the same count and IDF in the group: code-point order decides.
    kw = extract_keywords(
        ["安全 养老 网格", "养老 安全", "社保卡"] * 3,
        ["a", "a", "b"] * 3,
        top_k=3,
        n_bootstrap=0,
        min_paragraphs=1,
        min_tokens=1,
    )
    a = kw[kw["group"] == "a"]
    assert a["term"].tolist()[:2] == ["养老", "安全"]
    assert a["score"].iloc[0] == a["score"].iloc[1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"top_k": 0}, "top_k"),
        ({"method": "lda"}, "method"),
        ({"n_bootstrap": -1}, "n_bootstrap"),
        ({"method": "jieba"}, "texts"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        extract_keywords(["社保卡 申领", "网格 治理"], ["辽宁", "江苏"], **kwargs)


def test_keyness_method_needs_two_groups():
    with pytest.raises(ValueError, match="2 groups"):
        extract_keywords(["社保卡 申领", "社保卡"], ["辽宁", "辽宁"], method="keyness")


def test_tfidf_scores_are_scikit_learn_tfidf_of_the_group(real):
    """The bootstrap's own IDF formula agrees with scikit-learn on the full sample."""
    kw = extract_keywords(
        real["tokens"], real["groups"], top_k=10, stopwords=real["stopwords"], n_bootstrap=0
    )
    analyzer = MeaningfulAnalyzer(real["stopwords"])
    vec = TfidfVectorizer(analyzer=analyzer, lowercase=False).fit(real["tokens"])
    for group, d in kw.groupby("group"):
        pooled = " ".join(
            t for t, g in zip(real["tokens"], real["groups"], strict=True) if g == group
        )
        row = vec.transform([pooled]).toarray()[0]
        expected = dict(zip(vec.get_feature_names_out(), row, strict=True))
        for term, score in zip(d["term"], d["score"], strict=True):
            assert score == pytest.approx(expected[term], rel=1e-12)


def test_textrank_bootstrap_scorer_equals_networkx(real):
    analyzer = MeaningfulAnalyzer(real["stopwords"])
    vec = CountVectorizer(analyzer=analyzer, lowercase=False).fit(real["tokens"])
    _, ind = group_matrix(real["groups"])
    scorer = _TextRankScorer(
        [analyzer(t) for t in real["tokens"]], vec.vocabulary_, ind, window=5, damping=0.85
    )
    np.testing.assert_allclose(
        scorer(np.ones(len(real["tokens"]))), scorer.networkx_scores(), atol=1e-12
    )


def test_textrank_on_a_path_graph_matches_pagerank():
    # 社保卡 - 申领 - 线上 with window 2: 申领 is the hub.
    kw = extract_keywords(["社保卡 申领 线上"] * 5, ["辽宁"] * 5, method="textrank", window=2,
                          n_bootstrap=0, min_tokens=1)  # fmt: skip
    pr = nx.pagerank(nx.Graph([("社保卡", "申领"), ("申领", "线上")]))
    assert kw["term"].tolist() == ["申领", "社保卡", "线上"]
    assert kw["score"].tolist() == pytest.approx([pr["申领"], pr["社保卡"], pr["线上"]])


def test_jieba_ranking_is_extract_tags_ranking(real):
    engine = jieba_engine(real["tokenizer"])
    analyzer = MeaningfulAnalyzer(real["stopwords"])
    _, ind = group_matrix(real["groups"])
    scorer = _JiebaScorer(real["texts"], ind, analyzer=analyzer, jieba_tokenizer=engine)
    mine = scorer(np.ones(len(real["texts"])))
    points = scorer.extract_tags_scores(analyzer)
    # Same ranking: the ratio of the two scores is the group's word total, constant per row.
    for g in range(mine.shape[0]):
        on = points[g] > 0
        ratio = mine[g, on] / points[g, on]
        np.testing.assert_allclose(ratio, ratio[0], rtol=1e-9)
    # And the point estimates are extract_tags' own numbers.
    ex = jieba.analyse.TFIDF()
    ex.tokenizer = engine
    liaoning = "\n".join(
        t for t, g in zip(real["texts"], real["groups"], strict=True) if g == "Liaoning"
    )
    tags = dict(ex.extract_tags(liaoning, topK=None, withWeight=True))
    col = {t: i for i, t in enumerate(scorer.terms)}
    row = list(np.unique(real["groups"])).index("Liaoning")
    assert points[row, col["社保卡"]] == pytest.approx(tags["社保卡"])


# Must show: distinctive terms a reader of the texts recognises, by keyness z. Each row:
# region, alternatives (any may match), rank within which one must appear.
MUST_SHOW = [
    ("Jilin", ["乡村振兴"], 10),  # rural revitalisation
    ("Jilin", ["扶贫", "脱贫", "接续", "脱贫攻坚"], 20),  # consolidating poverty-alleviation gains
    ("Jilin", ["长白山"], 3),
    ("Jilin", ["文化"], 20),  # Changbai Mountain culture
    ("Jilin", ["竞技体育", "体育", "体育赛事", "体育训练"], 40),  # and sport
    ("Liaoning", ["社保卡", "社会保障卡"], 10),
    ("Liaoning", ["公办园", "公办幼儿园"], 10),
    ("Tianjin", ["安全生产", "食品安全", "网络安全", "安全监管"], 10),
    ("Tianjin", ["高校", "高等教育"], 50),
    ("Tianjin", ["文化遗产"], 5),
    ("Jiangsu", ["医院", "医生"], 20),  # health
    ("Jiangsu", ["养老机构", "养老"], 20),  # elderly care
    # Grid-based governance is a few paragraphs of Changzhou's plan: a real but weaker signal.
    ("Jiangsu", ["网格化", "网格", "社会治理", "社区治理", "基层社会治理"], 30),
]


@pytest.fixture(scope="module")
def real_keyness(real):
    analyzer = MeaningfulAnalyzer(real["stopwords"])
    vec = CountVectorizer(analyzer=analyzer, lowercase=False)
    counts = vec.fit_transform(real["tokens"])
    labels, ind = group_matrix(real["groups"])
    return keyness_table(ind @ counts, labels, vec.get_feature_names_out())


@pytest.mark.parametrize(("region", "terms", "within"), MUST_SHOW)
def test_must_show_terms(real_keyness, region, terms, within):
    top = real_keyness[(real_keyness["group"] == region) & (real_keyness["rank"] <= within)]
    assert set(terms) & set(top["term"]), f"{region} top {within}: {top['term'].tolist()}"


@pytest.mark.parametrize("method", ["tfidf", "textrank", "keyness", "jieba"])
def test_liaoning_social_security_card_and_public_kindergartens_in_every_method(real, method):
    kw = extract_keywords(
        real["tokens"], real["groups"], method=method, top_k=20, stopwords=real["stopwords"],
        n_bootstrap=0, texts=real["texts"], jieba_tokenizer=jieba_engine(real["tokenizer"]),
    )  # fmt: skip
    liaoning = set(kw.loc[kw["group"] == "Liaoning", "term"])
    assert liaoning & {"社保卡", "社会保障卡"}
    assert liaoning & {"公办园", "公办幼儿园"}


@pytest.mark.parametrize("method", ["tfidf", "textrank", "keyness", "jieba"])
def test_two_runs_give_identical_tables(real, method):
    def run():
        return extract_keywords(
            real["tokens"], real["groups"], method=method, top_k=20, stopwords=real["stopwords"],
            n_bootstrap=100, random_state=42, texts=real["texts"],
        )  # fmt: skip

    first, second = run(), run()
    pd.testing.assert_frame_equal(first, second)
    assert list(first.columns) == ["group", "method", "rank", "term", "score", "stability"]
    assert first["stability"].between(0, 1).all()
    for _, d in first.groupby("group"):
        assert d["rank"].tolist() == list(range(1, len(d) + 1))
        assert (np.diff(d["score"]) <= 0).all()


def test_stability_tells_robust_from_fluke():
    # 网格 is in every Jiangsu paragraph; 路灯 in one of six.
    tokens = ["网格 治理", "网格 社区", "网格 养老", "网格 医院", "网格 路灯", "网格 教育"]
    kw = extract_keywords(tokens * 2 + ["社保卡 申领"] * 12, ["江苏"] * 12 + ["辽宁"] * 12,
                          top_k=2, n_bootstrap=300, min_tokens=1)  # fmt: skip
    jiangsu = kw[kw["group"] == "江苏"].set_index("term")["stability"]
    assert jiangsu["网格"] == 1.0
    assert jiangsu.drop("网格").max() < 0.6


def test_thin_group_still_gets_keywords_with_a_warning(real):
    tokens = [*real["tokens"], "社保卡 一卡通 申领"]
    groups = [*real["groups"], "Hainan"]
    with pytest.warns(ThinEvidenceWarning, match="'Hainan' has only 1 paragraph"):
        kw = extract_keywords(tokens, groups, method="keyness", top_k=5, n_bootstrap=50,
                              stopwords=real["stopwords"])  # fmt: skip
    assert kw[kw["group"] == "Hainan"]["term"].tolist()[:1] == ["一卡通"]


DALIAN = "全面推行社保卡一卡通,实现社保卡申领线上办理。\n\n新建改扩建公办幼儿园,增加公办园学位。"
TIANJIN = "严格落实安全生产责任制,加强食品安全监管。\n\n支持高校建设,保护非物质文化遗产。"


def test_keywords_for_files(tmp_path):
    (tmp_path / "dalian.txt").write_text(DALIAN, encoding="utf-8")
    (tmp_path / "tianjin.txt").write_text(TIANJIN, encoding="gb18030")  # detected, not assumed
    files = [tmp_path / "dalian.txt", tmp_path / "tianjin.txt"]
    with pytest.warns(ThinEvidenceWarning):
        kw = keywords_for_files(files, top=3, method="keyness", n_bootstrap=20)
    assert list(kw.columns) == ["group", "method", "rank", "term", "score", "stability"]
    assert kw["group"].unique().tolist() == ["dalian.txt", "tianjin.txt"]
    assert kw.loc[kw["group"] == "dalian.txt", "term"].iloc[0] == "社保卡"
    tsv = kw.to_csv(sep="\t", index=False)
    assert tsv.splitlines()[0] == "group\tmethod\trank\tterm\tscore\tstability"


def test_keywords_for_one_file_and_errors(tmp_path):
    (tmp_path / "dalian.txt").write_text(DALIAN, encoding="utf-8")
    with pytest.warns(ThinEvidenceWarning, match="thin evidence"):
        kw = keywords_for_files([tmp_path / "dalian.txt"], top=2, method="textrank", n_bootstrap=20)
    assert len(kw) == 2
    with pytest.raises(ValueError, match="2 groups"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ThinEvidenceWarning)
        keywords_for_files([tmp_path / "dalian.txt"], method="keyness")
    with pytest.raises(FileNotFoundError, match="no such file"):
        keywords_for_files([tmp_path / "missing.txt"])


def test_keyness_bars_render_chinese_terms(real_keyness, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from policystudy.plots.keywords import keyness_bars

    fig = keyness_bars(real_keyness, top=8)
    assert sorted(ax.get_title() for ax in fig.axes) == ["Jiangsu", "Jilin", "Liaoning", "Tianjin"]
    liaoning = next(ax for ax in fig.axes if ax.get_title() == "Liaoning")
    assert {t.get_text() for t in liaoning.get_yticklabels()} & {"社保卡", "社会保障卡", "公办园"}
    fig.savefig(tmp_path / "bars.png")  # pyproject turns "Glyph … missing" into an error
