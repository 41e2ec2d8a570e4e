"""Keywords per group: token filter, the four methods, stability and the must-show terms."""

from __future__ import annotations

import pickle
import re
import warnings

import jieba.analyse
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from policystudy.ingest import corpus, preprocess
from policystudy.keywords import corpus as kw_corpus
from policystudy.keywords import extract as keywords
from policystudy.keywords import textrank as kw_textrank
from policystudy.keywords.cli import jieba_engine, keywords_for_files
from policystudy.keywords.corpus import _Block, _Corpus, _jieba_idf
from policystudy.keywords.extract import (
    METHODS,
    MeaningfulAnalyzer,
    ThinEvidenceWarning,
    extract_keywords,
    group_matrix,
    is_meaningful,
    keyword_table,
    meaningful_tokens,
    stratified_bootstrap,
)
from policystudy.keywords.textrank import (
    _cooccurrence_edges,
    _pagerank_edges,
    _TextRankScorer,
)
from policystudy.stats.keyness import keyness_table, log_odds_dirichlet
from policystudy.stats.ranking import top_mask as _top_mask
from policystudy.stats.ranking import top_order as _top_order
from policystudy.stats.resampling import bootstrap_blocks
from policystudy.text import NUMBER_WITH_UNIT, PolicyTokenizer, tokenize_paragraphs
from policystudy.workflow import paths


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


def test_analyzer_memo_is_not_pickled_and_does_not_change_decisions():
    analyzer = MeaningfulAnalyzer(stopwords=["推进"])
    text = "推进 公办园 建设 2021 二十 社保卡 公办园"
    first = analyzer(text)
    assert analyzer._memo  # decisions remembered ...
    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy._memo == {}  # ... but not shipped
    assert len(pickle.dumps(analyzer)) == len(pickle.dumps(MeaningfulAnalyzer(["推进"])))
    assert copy(text) == analyzer(text) == first == ["公办园", "建设", "社保卡", "公办园"]
    assert first == meaningful_tokens(text, stopwords={"推进"})


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
        ({"window": 1}, "window"),
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


@pytest.fixture(scope="module")
def real_corpus(real):
    return _Corpus(real["tokens"], real["groups"], MeaningfulAnalyzer(real["stopwords"]))


@pytest.fixture(scope="module")
def real_textrank(real_corpus):
    return _TextRankScorer(real_corpus, window=5, damping=0.85)


def test_corpus_counts_are_count_vectorizer_counts(real, real_corpus):
    vec = CountVectorizer(analyzer=MeaningfulAnalyzer(real["stopwords"]), lowercase=False)
    counts = vec.fit_transform(real["tokens"])
    assert real_corpus.terms.tolist() == vec.get_feature_names_out().tolist()
    assert (real_corpus.counts != counts).nnz == 0


def test_textrank_point_estimate_is_networkx_bit_for_bit(real_textrank):
    np.testing.assert_array_equal(real_textrank.points(), real_textrank._networkx_points())


def test_textrank_bootstrap_scorer_equals_networkx(real, real_corpus, real_textrank):
    block = _Block(real_corpus, np.ones((1, len(real["tokens"])), dtype=np.uint8))
    np.testing.assert_allclose(
        np.vstack(real_textrank.block_scores(block)), real_textrank.points(), atol=1e-12
    )


def test_batched_pagerank_is_the_per_resample_pagerank(real, real_corpus, real_textrank):
    """Every resample's scores equal _pagerank_edges on that resample's own graph, exactly."""
    w = stratified_bootstrap(real["groups"], 12, 3)
    scores = real_textrank.block_scores(_Block(real_corpus, w))
    for gi, graph in enumerate(real_textrank.graphs):
        u, v = (
            np.searchsorted(graph.nodes, graph.edges[:, 0]),
            np.searchsorted(graph.nodes, graph.edges[:, 1]),
        )
        # Edge weights from every member paragraph's own co-occurrences, copies included.
        par_edges = (real_corpus.copies[gi].T @ graph.sub.T).toarray()  # members × edges
        weights = (w[:, real_corpus.members[gi]] @ par_edges).T.astype(float)
        for r in range(len(w)):
            ew = weights[:, r]
            alive = (np.bincount(u, ew, graph.n) + np.bincount(v, ew, graph.n)) > 0
            remap = np.cumsum(alive) - 1
            kept = ew > 0
            expected = np.zeros(len(real_corpus.terms))
            expected[graph.nodes[alive]] = _pagerank_edges(
                remap[u[kept]], remap[v[kept]], ew[kept], int(alive.sum())
            )
            np.testing.assert_array_equal(scores[gi][r], expected)


@pytest.mark.parametrize(
    ("tokens", "window", "expected"),
    [
        # 社保卡 申领 社保卡: the pair counted twice in the paragraph, never with itself
        (["社保卡 申领 社保卡"], 2, {("申领", "社保卡"): [2]}),
        (["社保卡 申领 线上"], 2, {("申领", "社保卡"): [1], ("申领", "线上"): [1]}),
        (
            ["社保卡 申领 线上"],
            3,
            {("申领", "社保卡"): [1], ("申领", "线上"): [1], ("社保卡", "线上"): [1]},
        ),
        # no pair across paragraphs
        (["社保卡 申领", "线上 办理"], 5, {("申领", "社保卡"): [1, 0], ("办理", "线上"): [0, 1]}),
    ],
)
def test_cooccurrence_edges(tokens, window, expected, monkeypatch):
    c = _Corpus(tokens, ["辽宁"] * len(tokens), MeaningfulAnalyzer())
    for chunk in (1, 10**6):  # chunked or not, the same matrix
        monkeypatch.setattr(kw_textrank, "_PAIR_CHUNK", chunk)
        mat, edges = _cooccurrence_edges(c.ids, c.paragraph, len(tokens), len(c.terms), window)
        got = {
            tuple(sorted(c.terms[edges[e]].tolist())): mat[:, e].toarray().ravel().tolist()
            for e in range(len(edges))
        }
        assert got == {tuple(sorted(k)): v for k, v in expected.items()}
        assert (edges[:, 0] < edges[:, 1]).all()


def test_textrank_on_a_path_graph_matches_pagerank():
    # 社保卡 - 申领 - 线上 with window 2: 申领 is the hub.
    kw = extract_keywords(["社保卡 申领 线上"] * 5, ["辽宁"] * 5, method="textrank", window=2,
                          n_bootstrap=0, min_tokens=1)  # fmt: skip
    pr = nx.pagerank(nx.Graph([("社保卡", "申领"), ("申领", "线上")]))
    assert kw["term"].tolist() == ["申领", "社保卡", "线上"]
    assert kw["score"].tolist() == pytest.approx([pr["申领"], pr["社保卡"], pr["线上"]])


def test_jieba_idf_is_jieba_tfidf_table():
    ex = jieba.analyse.TFIDF()
    idf, median = _jieba_idf()
    assert idf == ex.idf_freq
    assert median == ex.median_idf
    assert kw_corpus._JIEBA_STOP_WORDS == ex.stop_words


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # extract_tags keeps 社保卡 ×2, 申领, 一卡通 (4 words); the stopword "the" and one-character
        # words are not counted in the total.
        ("社保卡 申领 社保卡 一卡通 the 省", {"社保卡": 2 / 4, "申领": 1 / 4, "一卡通": 1 / 4}),
        # 二十 is kept by extract_tags (so in the total) but is not a meaningful term
        ("社保卡 二十", {"社保卡": 1 / 2}),
    ],
)
def test_jieba_score_is_tf_idf_over_total(tokens, expected):
    idf, median = _jieba_idf()
    kw = extract_keywords([tokens], ["辽宁"], method="jieba", n_bootstrap=0, min_tokens=1,
                          min_paragraphs=1)  # fmt: skip
    got = dict(zip(kw["term"], kw["score"], strict=True))
    assert got == pytest.approx({t: f * idf.get(t, median) for t, f in expected.items()})


def _near_number(term: str, text: str) -> bool:
    """Whether some occurrence of ``term`` overlaps or touches a number with its unit
    (万人 in 2.15万人以上, 多人 in 1000多人)."""
    spans = [m.span() for m in NUMBER_WITH_UNIT.finditer(text)]
    for m in re.finditer(re.escape(term), text):
        if any(a <= m.end() and m.start() <= b for a, b in spans):
            return True
    return False


@pytest.mark.slow
def test_jieba_ranking_is_extract_tags_ranking(real):
    """On the corpus with the jieba backend, the method ranks as extract_tags itself does.

    The project tokenizer keeps numbers with their units whole (2.15万人 is one token,
    dropped as a number) where jieba alone cuts 万人 out of them; terms next to a number are
    the only ones counted differently, and none reaches the reported top 20.
    """
    ex = jieba.analyse.TFIDF()
    ex.tokenizer = jieba_engine(real["tokenizer"])
    analyzer = MeaningfulAnalyzer(real["stopwords"])
    kw = extract_keywords(real["tokens"], real["groups"], method="jieba", top_k=5000,
                          stopwords=real["stopwords"], n_bootstrap=0)  # fmt: skip
    for group, mine in kw.groupby("group"):
        text = "\n".join(
            t for t, g in zip(real["texts"], real["groups"], strict=True) if g == group
        )
        tags = dict(ex.extract_tags(text, topK=None, withWeight=True))
        reference = sorted((t for t in tags if analyzer(t)), key=lambda t: (-tags[t], t))
        assert mine["term"].tolist()[:20] == reference[:20], group
        differ = {t for t in set(reference) ^ set(mine["term"]) | {"万人"} if _near_number(t, text)}
        assert [t for t in mine["term"] if t not in differ] == [
            t for t in reference if t not in differ
        ], group
        # Same numbers up to extract_tags' word total, a constant per group.
        same = mine[~mine["term"].isin(differ)]
        ratio = same["score"].to_numpy() / np.array([tags[t] for t in same["term"]])
        np.testing.assert_allclose(ratio, ratio[0], rtol=1e-12)


def test_jieba_texts_argument_is_deprecated():
    with pytest.warns(DeprecationWarning, match="ignored"):
        kw = extract_keywords(["社保卡 申领", "网格 治理"], ["辽宁", "江苏"], method="jieba",
                              n_bootstrap=0, texts=["社保卡申领", "网格治理"], min_tokens=1,
                              min_paragraphs=1)  # fmt: skip
    assert kw.groupby("group")["term"].apply(set).to_dict() == {
        "江苏": {"治理", "网格"},
        "辽宁": {"社保卡", "申领"},
    }


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
        n_bootstrap=0,
    )  # fmt: skip
    liaoning = set(kw.loc[kw["group"] == "Liaoning", "term"])
    assert liaoning & {"社保卡", "社会保障卡"}
    assert liaoning & {"公办园", "公办幼儿园"}


@pytest.mark.parametrize("method", ["tfidf", "textrank", "keyness", "jieba"])
def test_two_runs_give_identical_tables(real, method):
    def run():
        return extract_keywords(
            real["tokens"], real["groups"], method=method, top_k=20, stopwords=real["stopwords"],
            n_bootstrap=100, random_state=42,
        )  # fmt: skip

    first, second = run(), run()
    pd.testing.assert_frame_equal(first, second)
    assert list(first.columns) == [
        "group",
        "method",
        "rank",
        "term",
        "score",
        "stability",
        "resampled_unit",
    ]
    assert first["stability"].between(0, 1).all()
    for _, d in first.groupby("group"):
        assert d["rank"].tolist() == list(range(1, len(d) + 1))
        assert (np.diff(d["score"]) <= 0).all()


@pytest.mark.parametrize(
    ("scores", "top_k", "positive"),
    [
        ([[0.5, 2.0, 2.0, 1.0]], 2, True),
        ([[0.5, 2.0, 2.0, 1.0]], 1, True),  # tie at the boundary: the lower column wins
        ([[1.0, 1.0, 1.0, 1.0], [0.0, 3.0, 0.0, 0.0]], 2, True),  # absent terms never count
        ([[-np.inf, -1.0, -np.inf, 2.0]], 3, False),  # keyness: unseen terms are -inf
        ([[0.1, 0.2]], 5, True),  # top_k beyond the vocabulary
    ],
)
def test_top_mask_is_the_set_of_top_order(scores, top_k, positive):
    scores = np.array(scores)
    order = _top_order(scores, top_k, positive=positive)
    expected = np.zeros(scores.shape, dtype=bool)
    for r, row in enumerate(order):
        expected[r, row[row >= 0]] = True
    np.testing.assert_array_equal(_top_mask(scores, top_k, positive=positive), expected)


def test_keyword_table_is_extract_keywords_per_method(real):
    args = dict(top_k=15, stopwords=real["stopwords"], n_bootstrap=40, random_state=7)
    table = keyword_table(real["tokens"], real["groups"], methods=METHODS, **args)
    assert table["method"].unique().tolist() == list(METHODS)
    threaded = keyword_table(real["tokens"], real["groups"], methods=METHODS, n_jobs=2, **args)
    pd.testing.assert_frame_equal(threaded, table)
    for method in METHODS:
        alone = extract_keywords(real["tokens"], real["groups"], method=method, **args)
        pd.testing.assert_frame_equal(
            table[table["method"] == method].reset_index(drop=True), alone
        )


def test_bootstrap_uses_bounded_blocks_not_the_full_matrix(real, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("stratified_bootstrap materialises resamples × paragraphs")

    monkeypatch.setattr(keywords, "stratified_bootstrap", refuse)
    monkeypatch.setattr(keywords, "_SCORE_CELLS", 3 * 4 * 2000)  # blocks of a few resamples
    small = keyword_table(real["tokens"], real["groups"], stopwords=real["stopwords"],
                          n_bootstrap=25, top_k=10)  # fmt: skip
    monkeypatch.undo()
    whole = keyword_table(real["tokens"], real["groups"], stopwords=real["stopwords"],
                          n_bootstrap=25, top_k=10)  # fmt: skip
    pd.testing.assert_frame_equal(small, whole)


def test_stability_equals_a_naive_recomputation(real):
    """TF-IDF and keyness stability from scratch: resampled paragraphs repeated, scikit-learn's
    TfidfVectorizer and log_odds_dirichlet on them, top 10 by (-score, term)."""
    n_boot, top_k = 30, 10
    groups = np.asarray(real["groups"])
    analyzer = MeaningfulAnalyzer(real["stopwords"])
    kw = keyword_table(real["tokens"], real["groups"], methods=["tfidf", "keyness"],
                       top_k=top_k, stopwords=real["stopwords"], n_bootstrap=n_boot,
                       random_state=5)  # fmt: skip
    hits = {}
    for w in stratified_bootstrap(real["groups"], n_boot, 5):
        rows = np.repeat(np.arange(len(w)), w)
        sample = [real["tokens"][i] for i in rows]
        vec = TfidfVectorizer(analyzer=analyzer, lowercase=False).fit(sample)
        terms = vec.get_feature_names_out()
        counts = CountVectorizer(analyzer=analyzer, lowercase=False, vocabulary=terms)
        counts = counts.transform(sample)
        labels, ind = group_matrix(groups[rows].tolist())
        gc = (ind @ counts).toarray().astype(float)
        scores = {"tfidf": gc * vec.idf_, "keyness": log_odds_dirichlet(gc).z}
        for method, score in scores.items():
            for gi, label in enumerate(labels):
                row = score[gi]
                order = sorted(range(len(terms)), key=lambda j: (-row[j], terms[j]))[:top_k]
                for j in order:
                    if method == "keyness" or row[j] > 0:
                        key = (method, label, terms[j])
                        hits[key] = hits.get(key, 0) + 1
    for method, group, term, stability in kw[["method", "group", "term", "stability"]].values:
        assert stability == hits.get((method, group, term), 0) / n_boot, (method, group, term)


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
    assert list(kw.columns) == [
        "group",
        "method",
        "rank",
        "term",
        "score",
        "stability",
        "resampled_unit",
    ]
    assert kw["group"].unique().tolist() == ["dalian.txt", "tianjin.txt"]
    assert kw.loc[kw["group"] == "dalian.txt", "term"].iloc[0] == "社保卡"
    tsv = kw.to_csv(sep="\t", index=False)
    assert tsv.splitlines()[0] == "group\tmethod\trank\tterm\tscore\tstability\tresampled_unit"


@pytest.mark.slow
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
    from policystudy.report.plots.keywords import keyness_bars

    fig = keyness_bars(real_keyness, top=8)
    assert sorted(ax.get_title() for ax in fig.axes) == ["Jiangsu", "Jilin", "Liaoning", "Tianjin"]
    liaoning = next(ax for ax in fig.axes if ax.get_title() == "Liaoning")
    assert {t.get_text() for t in liaoning.get_yticklabels()} & {"社保卡", "社会保障卡", "公办园"}
    fig.savefig(tmp_path / "bars.png")  # pyproject turns "Glyph … missing" into an error


@pytest.mark.parametrize("meaningful", [True, False])
def test_count_terms_is_countvectorizer_on_the_corpus(real, meaningful):
    # count_terms replaces CountVectorizer in count_matrix and TfidfSpace: same vocabulary,
    # same counts, same dtype, on every paragraph of the seed corpus (plus odd whitespace).
    from policystudy.text import count_terms
    from policystudy.text.dask_engine import split_tokens

    tokens = [*real["tokens"], "", "  社保卡\u3000一卡通 ", "的"]
    analyzer = MeaningfulAnalyzer(real["stopwords"]) if meaningful else split_tokens
    vec = CountVectorizer(analyzer=analyzer, lowercase=False)
    expected = vec.fit_transform(tokens).tocsr()
    expected.sort_indices()
    counts, terms = count_terms(tokens, keep=analyzer.keep if meaningful else None)
    assert terms.tolist() == vec.get_feature_names_out().tolist()
    assert counts.dtype == expected.dtype and counts.has_sorted_indices
    for name in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(counts, name), getattr(expected, name)), name


def test_count_terms_names_an_empty_vocabulary():
    from policystudy.text import count_terms

    with pytest.raises(ValueError, match="no meaningful tokens"):
        count_terms(["的 了", ""], keep=MeaningfulAnalyzer().keep)


def _document_corpus():
    """Eight short documents in two groups: 吉林 has five (document bootstrap), 辽宁 three."""
    docs = {
        "jl1": ["乡村振兴 巩固 脱贫 成果", "长白山 旅游 就业"],
        "jl2": ["乡村振兴 产业 就业 就业"],
        "jl3": ["脱贫 成果 医疗 保障", "长白山 生态 旅游"],
        "jl4": ["就业 创业 乡村振兴"],
        "jl5": ["养老 服务 长白山 乡村振兴", "乡村振兴 人才"],
        "ln1": ["社保卡 一卡通 应用", "公办园 学位"],
        "ln2": ["社保卡 养老 服务"],
        "ln3": ["公办园 学位 社保卡 就业"],
    }
    tokens, groups, documents = [], [], []
    for doc, paragraphs in docs.items():
        for t in paragraphs:
            tokens.append(t)
            groups.append("吉林" if doc.startswith("jl") else "辽宁")
            documents.append(doc)
    return tokens, groups, documents


@pytest.mark.parametrize("method", ["tfidf", "keyness", "jieba", "textrank"])
def test_document_bootstrap_is_the_stability_of_resampled_documents(method):
    """A group with min_documents documents resamples whole documents: each resample's top-k
    is that of the corpus rebuilt from the drawn documents (each copied as often as drawn),
    while the group with fewer documents keeps drawing paragraphs."""
    tokens, groups, documents = _document_corpus()
    top_k, n_boot = 2, 40
    kw = keyword_table(
        tokens, groups, methods=[method], top_k=top_k, n_bootstrap=n_boot, random_state=7,
        min_paragraphs=1, min_tokens=1, documents=documents, min_documents=5,
    )  # fmt: skip
    assert kw.groupby("group")["resampled_unit"].first().to_dict() == {
        "吉林": "documents",
        "辽宁": "paragraphs",
    }
    c = _Corpus(tokens, groups, MeaningfulAnalyzer(()), documents=documents, min_documents=5)
    draws = np.vstack(list(bootstrap_blocks(c.unit_groups, n_boot, 7)))
    unit_of = {}  # the unit of each paragraph on the resampling axis
    for gi, kind in enumerate(c.unit_kind):
        members = c.members[gi]
        if kind == "paragraphs":
            unit_of.update(zip(members, c.unit_members[gi], strict=True))
        else:
            names = list(dict.fromkeys(documents[p] for p in members))
            for p in members:
                unit_of[p] = c.unit_members[gi][names.index(documents[p])]
    hits = {}
    for row in draws:
        rs_tokens, rs_groups = [], []
        for p, (t, g) in enumerate(zip(tokens, groups, strict=True)):
            rs_tokens += [t] * int(row[unit_of[p]])
            rs_groups += [g] * int(row[unit_of[p]])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            top = keyword_table(rs_tokens, rs_groups, methods=[method], top_k=top_k,
                                n_bootstrap=0, min_paragraphs=1, min_tokens=1)  # fmt: skip
        for g, term in top[["group", "term"]].values:
            hits[g, term] = hits.get((g, term), 0) + 1
    for g, term, stability in kw[["group", "term", "stability"]].values:
        assert stability == pytest.approx(hits.get((g, term), 0) / n_boot), (g, term)


def test_paragraph_bootstrap_unchanged_without_enough_documents(real):
    """Seed groups have one or two documents: giving the documents changes no stability."""
    kw = keyword_table(real["tokens"], real["groups"], methods=["tfidf", "keyness"],
                       stopwords=real["stopwords"], n_bootstrap=50)  # fmt: skip
    docs = [g + str(i // 40) for i, g in enumerate(real["groups"])]
    with_docs = keyword_table(real["tokens"], real["groups"], methods=["tfidf", "keyness"],
                              stopwords=real["stopwords"], n_bootstrap=50, documents=docs)  # fmt: skip
    pd.testing.assert_frame_equal(kw, with_docs)
    assert set(kw["resampled_unit"]) == {"paragraphs"}
