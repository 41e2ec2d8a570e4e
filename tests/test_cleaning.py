"""Cleaning rules on real lines of the seed corpus, the per-document audit, and its invariant."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policystudy.ingest import cleaning

# (normalised line from data/raw, expected reason); None = body text that must be kept.
RULE_CASES = [
    ("logo", "logo"),  # jiangsu_lianyungang.txt:1
    ("□ 肖婷婷 庄婷婷 杨宗峰 刘必雷 蔡廷银 张梦岩", "byline"),  # jiangsu_lianyungang.txt:5
    ("总值班: 王夫成 曹银生 编辑: 张笑爽", "editor_credit"),  # jiangsu_lianyungang.txt:56
    ("来源: 连云港发布", "source_line"),  # jiangsu_lianyungang.txt:58
    ("相关新闻", "related_footer"),  # jiangsu_lianyungang.txt:60
    ("发布时间:2022-05-10 15:30", "timestamp"),  # jilin_changbaishan.txt:3
    ("预览阅读已结束,若您需要全文或代笔。", "ad_footer"),  # tianjin_bonded_zone.txt:55
    ("请点击👉 mooonya 👈联系老师", "ad_footer"),  # tianjin_bonded_zone.txt:56
    ("END", "end_marker"),  # jiangsu_changzhou_xinbei.txt:97
    ("分享到:", "share_footer"),  # jiangsu_changzhou_xinbei.txt:100
    ("相关文章:", "related_footer"),  # jiangsu_changzhou_xinbei.txt:103 (相關文章 after t2s)
    ("大连新闻传媒集团记者", "reporter_credit"),  # liaoning_dalian.txt:5
    ("于艳新 刘湘竹 张丽霞 曲琦", "byline"),  # liaoning_dalian.txt:7
    ("编辑:唐依婷", "editor_credit"),  # liaoning_dalian.txt:41
    # variants users' scrapes carry
    ("责任编辑:王芳", "editor_credit"),
    ("本报记者 张三", "reporter_credit"),
    ("2021年5月8日 08:30 来源:大连日报", "timestamp"),
    # body text and headings that look a little like noise but must stay
    ("牵头单位:人社局,配合单位:组织部、农业局、各镇(街道)", None),
    ("突出以人为本 强化共建共享 加快民生事业的现代化跨越", None),
    ("【权威解读】党代表程晓红(市人社局党组书记、局长):接下来,市人社部门将从四个方面发力。", None),
    ("共建共享幸福大连 打造“向往的生活”", None),
    ("编辑部门将加强新闻宣传,营造良好氛围。", None),
    ("到2025年,全市至少累计新开办公办园50所。", None),
    ("(一)稳定扩大就业提高居民收入", None),
    ("专栏12 “十四五”时期社会保障能力提升工程", None),
]


@pytest.mark.parametrize(("line", "reason"), RULE_CASES)
def test_noise_rules(line, reason):
    assert cleaning.noise_reason(line) == reason


# Every line the audit must list for each seed document: (line number, reason).
EXPECTED_AUDIT = {
    "lianyungang": [
        (1, "logo"), (5, "byline"), (56, "editor_credit"), (58, "source_line"),
        (60, "related_footer"),
    ],
    "changbaishan": [(3, "timestamp")],
    "tianjin_bonded": [(55, "ad_footer"), (56, "ad_footer")],
    "changzhou_xinbei": [
        (3, "repeated_header"), (7, "repeated_header"), (15, "repeated_header"),
        (39, "repeated_header"), (53, "repeated_header"), (61, "repeated_header"),
        (97, "end_marker"), (100, "share_footer"), (103, "related_footer"),
    ],
    "dalian": [(5, "reporter_credit"), (7, "byline"), (41, "editor_credit")],
}  # fmt: skip


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_AUDIT))
def test_audit_lists_exactly_the_noise_of_each_document(seed_corpus, doc_id):
    doc = next(d for d in seed_corpus.documents if d.doc_id == doc_id)
    result = cleaning.clean_text(doc.text)
    assert [(r.line, r.reason) for r in result.removed] == EXPECTED_AUDIT[doc_id]
    assert result.reconstruct() == doc.text.splitlines()


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_AUDIT))
def test_no_body_paragraph_is_removed(seed_corpus, doc_id):
    # A body paragraph is a line with a full stop; none may reach the audit, and each one
    # appears in paragraphs.csv.
    doc = next(d for d in seed_corpus.documents if d.doc_id == doc_id)
    result = cleaning.clean_text(doc.text)
    removed_body = [r for r in result.removed if "。" in r.text and r.reason != "ad_footer"]
    assert removed_body == []


def test_every_body_line_reaches_paragraphs(seed_corpus, seed_tables):
    from policystudy.ingest import normalize

    paras = seed_tables.paragraphs
    for doc in seed_corpus.documents:
        kept = set(paras.loc[paras["doc_id"] == doc.doc_id, "text"])
        for line in doc.text.splitlines():
            text = normalize.normalize_text(line)
            if text.endswith("。") and len(text) > 30:
                assert text in kept, (doc.doc_id, text[:30])


def test_first_copy_of_repeated_header_is_kept_as_title(seed_tables):
    heads = seed_tables.headings
    title = heads[(heads["doc_id"] == "changzhou_xinbei") & (heads["level"] == 0)]
    assert title["line"].tolist() == [1]


def test_short_heading_used_twice_is_not_a_duplicate():
    lines = ["一、组织保障", "坚持党的领导。", "二、组织保障", "加强组织领导。"]
    assert cleaning.clean_lines(lines).removed == []


def test_romanisation_garble_is_repaired_and_audited():
    result = cleaning.clean_lines(["召开会(huì)议,研究部署民生实事。"])
    assert result.kept[0].text == "召开会议,研究部署民生实事。"
    assert [(r.action, r.reason) for r in result.audit] == [
        ("repaired", "romanisation_gloss_removed:1")
    ]
    assert result.reconstruct() == ["召开会(huì)议,研究部署民生实事。"]


_LINE = st.one_of(
    st.sampled_from([r[0] for r in RULE_CASES] + ["", "  ", "常州高新区(新北区)行动计划"]),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Zl", "Zp", "Cc")),
        max_size=40,
    ),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=40))
def test_kept_plus_removed_lines_equal_the_original(lines):
    result = cleaning.clean_lines(lines)
    assert result.reconstruct() == lines
    kept_numbers = {k.number for k in result.kept}
    removed_numbers = {r.line for r in result.removed}
    assert kept_numbers.isdisjoint(removed_numbers)
    assert kept_numbers | removed_numbers == set(range(1, len(lines) + 1))


# --- Wikisource copies (excerpts of the development corpus, CPC congress reports) -----------
# The licence footer of cpc01.txt (lines 33-53, blank lines dropped), as scraped.
CPC01_FOOTER = [
    "这部作品在1931年1月1日以前以匿名或別名發表，確實作者身份不明（包括僅以法人名義發表），在",
    "美國",
    "以及版權期限是",
    "匿名別名作品發表起95年",
    "以下的國家以及地区（包括新加坡、",
    "加拿大、韓國、新西蘭",
    "、兩岸四地、馬來西亞）屬於",
    "公有領域",
    "。",
    "",
    "Public domain",
    "Public domain",
    "false",
    "false",
]
# cpc03.txt lines 3-8: a footnote reference split over three lines inside a sentence.
CPC03_MARKER = ["現在我代表中央委員會作關於上屆代表會議", "[", "1", "]", "以來的工作報告。"]
# cpc03.txt lines 83-91: footnote bodies.
CPC03_NOTES = ["", "↑", " ", "為代表大會之誤，下同。", "", "↑", " ", "原文無貨幣單位。"]
# cpc09.txt lines 232-235 and cpc20.txt lines 53-57: sentences broken at every link.
CPC09_LINK = [
    "在一九六六年五月十六日的《",
    "通知",
    "》和八月的《十六条》中，早已对无产阶级作了规定。",
]
CPC20_LINK = ["全面准确推进“一国两制”实践，", "宪法", "和", "基本法", "有效实施。", ""]

# (lines, expected paragraph texts, expected audit (reason, action) rows)
WIKI_CASES = [
    (["同志们，北京共产主义组织仅仅是在十个月以前才产生的。", "", *CPC01_FOOTER],
     ["同志们,北京共产主义组织仅仅是在十个月以前才产生的。"],
     [("licence", "removed")] * 9 + [("licence", "removed")] * 2 + [("markup", "removed")] * 2),
    (CPC03_MARKER, ["现在我代表中央委员会作关于上届代表会议以来的工作报告。"],
     [("footnote_marker", "removed")] * 3 + [("broken_line:footnote_marker", "joined")]),
    (["杭州会议以后,我们出版了日报。", *CPC03_NOTES], ["杭州会议以后,我们出版了日报。"],
     [("footnote", "removed")] * 4),
    (CPC09_LINK, ["在一九六六年五月十六日的《通知》和八月的《十六条》中,早已对无产阶级作了规定。"],
     [("broken_line:previous_opens", "joined"), ("broken_line:starts_with_closing", "joined")]),
    (["一、总体要求", "", *CPC20_LINK, "同志们:", "", "大会的主题是团结奋斗。", ""],
     ["全面准确推进“一国两制”实践,宪法和基本法有效实施。", "同志们:大会的主题是团结奋斗。"],
     [("broken_line:no_blank_line_between", "joined")] * 4
     + [("short_line:lead_in", "joined")]),
    (["健全社会救助体系。", "完善法律", "、", "法规。"], ["健全社会救助体系。", "完善法律、法规。"],
     [("broken_line:starts_with_closing", "joined"), ("broken_line:previous_opens", "joined")]),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "paragraphs", "audit"), WIKI_CASES)
def test_wiki_leftovers_are_removed_and_broken_lines_joined(lines, paragraphs, audit):
    from policystudy.ingest import structure

    result = cleaning.clean_lines(lines)
    paras, _ = structure.split_paragraphs(result.paragraph_lines())
    assert [p.text for p in paras] == paragraphs
    assert [(r.reason, r.action) for r in result.audit] == audit
    assert result.reconstruct() == lines


FOOTER = [
    "主办单位:某某市人民政府办公室 版权所有",
    "网站标识码:3702000001 备案号:鲁ICP备05000000号",
]
SLOGAN = "坚持以人民为中心的发展思想,让发展成果更多更公平惠及全体人民。"
ASSISTANCE = "健全分层分类的社会救助体系,完善最低生活保障制度,加强困难群众基本生活保障。"


def test_boilerplate_shared_across_documents_is_removed_with_its_documents():
    docs = {
        "a": [
            "关于做好民生工作的通知",
            "",
            "健全社会救助体系。",
            "",
            ASSISTANCE,
            "",
            SLOGAN,
            "",
            *FOOTER,
        ],
        "b": ["养老服务实施方案", "", "发展普惠型养老服务。", "", SLOGAN, "", *FOOTER],
        "c": ["教育规划", "", "推进学前教育普及。", "", *FOOTER],
    }
    shared = cleaning.shared_lines(docs)
    result = cleaning.clean_lines(docs["a"], shared=shared, doc_id="a")
    assert [(r.line, r.reason, r.detail) for r in result.removed] == [
        (9, "boilerplate_shared", "b,c"),
        (10, "boilerplate_shared", "b,c"),
    ]
    # The slogan two plans share, at the end of their body, stays: it is content.
    assert SLOGAN in [k.text for k in result.kept]


@pytest.mark.parametrize("position", ["head", "tail", "body"])
def test_a_slogan_shared_by_two_plans_is_never_removed(position):
    body = ["健全社会救助体系。", "", "发展普惠型养老服务。"]
    place = {"head": lambda b: [SLOGAN, "", *b], "tail": lambda b: [*b, "", SLOGAN],
             "body": lambda b: [b[0], "", SLOGAN, "", *b[1:]]}[position]  # fmt: skip
    docs = {"a": place(body), "b": place(["推进学前教育普及。"])}
    result = cleaning.clean_lines(docs["a"], shared=cleaning.shared_lines(docs), doc_id="a")
    assert result.removed == []


def test_no_shared_body_sentence_of_the_seeds_is_removed(seed_corpus):
    lines = {d.doc_id: cleaning.normalised_lines(d.text) for d in seed_corpus.documents}
    shared = cleaning.shared_lines(lines)
    for doc in seed_corpus.documents:
        result = cleaning.clean_text(doc.text, shared=shared, doc_id=doc.doc_id)
        assert [(r.line, r.reason) for r in result.removed] == EXPECTED_AUDIT[doc.doc_id]
        assert all(r.action != "joined" for r in result.audit)
