"""PDF and printed-page layout: spaced digits, tables of contents, page numbers, running
headers and hard-wrapped lines, each on real text (excerpts copied into this file)."""

import pytest

from policystudy.ingest import cleaning, normalize, pdftext, structure

# gwr1998.txt (development corpus, the 1998 government work report): digits spaced out by the
# extraction, as scraped (full-width ％ and ．, which normalisation makes ASCII first).
SPACED_CASES = [
    ("本届政府从1 9 9 3 年3 月就职，到现在已经五年了", "本届政府从1993年3月就职,到现在已经五年了"),
    ("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，按可比价格计算，平均每年增长1 1 ％。",
     "1997年国内生产总值达到74772亿元,按可比价格计算,平均每年增长11%。"),
    ("人口自然增长率下降到1 0 ．0 6 ‰。", "人口自然增长率下降到10.06‰。"),
    ("平均期望寿命达到7 0 ．8 岁。", "平均期望寿命达到70.8岁。"),
    ("城镇人均居住面积增加到8 ．7 平方米，农村增加到2 2 平方米。",
     "城镇人均居住面积增加到8.7平方米,农村增加到22平方米。"),
    ("二、关于1 9 9 8 年政府工作的建议", "二、关于1998年政府工作的建议"),
    # never touched: numbers of several digits with a blank between them
    ("发布时间:2022-05-10 15:30", "发布时间:2022-05-10 15:30"),
    ("2021 2022 2023", "2021 2022 2023"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), SPACED_CASES)
def test_spaced_digits_are_closed_up(raw, expected):
    assert pdftext.close_spaced_digits(normalize.normalize_text(raw)) == expected


def test_spaced_digits_are_repaired_only_with_enough_evidence_and_audited():
    lines = [raw for raw, _ in SPACED_CASES[:3]]
    result = cleaning.clean_lines(lines)
    assert [k.text for k in result.kept] == [e for _, e in SPACED_CASES[:3]]
    assert [(r.line, r.reason, r.action) for r in result.audit] == [
        (1, "spaced_digits", "repaired"),
        (2, "spaced_digits", "repaired"),
        (3, "spaced_digits", "repaired"),
    ]
    assert result.audit[0].detail == "5 blank(s) closed up"
    assert result.reconstruct() == lines
    # One spaced pair in a whole document is not evidence of extraction: left as written.
    single = cleaning.clean_lines(["指标值为2 3,见附表。"])
    assert single.kept[0].text == "指标值为2 3,见附表。" and single.audit == []


# (normalised line, reason); None = kept.
PAGE_CASES = [
    ("一、总体要求......1", "table_of_contents"),  # 「一、总体要求……1」 after NFKC
    ("第一章 总则 ........ 3", "table_of_contents"),
    ("(三)保障措施 ··········· 12", "table_of_contents"),
    ("附件 ......... iv", "table_of_contents"),
    ("- 3 -", "page_number"),
    ("— 12 —", "page_number"),
    ("第 3 页 共 12 页", "page_number"),
    ("第3页", "page_number"),
    ("3/12", "page_number"),
    ("一、总体要求", None),
    ("到2025年,城镇新增就业1.5万人......", None),
    ("新增就业1100万人以上。", None),
]


@pytest.mark.parametrize(("line", "reason"), PAGE_CASES)
def test_table_of_contents_and_page_numbers(line, reason):
    assert pdftext.page_reasons(["正文。", line, "正文。"]).get(1) == reason


def test_bare_numbers_are_page_numbers_only_in_order():
    assert pdftext.page_reasons(["正文。", "1", "正文。", "2", "正文。", "3"]) == {
        1: "page_number",
        3: "page_number",
        5: "page_number",
    }
    # A column of figures, or one number alone, stays.
    assert pdftext.page_reasons(["2025", "正文。", "1100", "正文。"]) == {}
    assert pdftext.page_reasons(["正文。", "12", "正文。"]) == {}


def test_footnote_markers_are_not_page_numbers():
    # cpc03.txt: "[" / "1" / "]" markers in order, as a Wikisource page carries them.
    lines = ["上届代表会议", "[", "1", "]", "以来的工作报告。", "杭州会议", "[", "2", "]", "以后。"]
    result = cleaning.clean_lines(lines)
    assert {r.reason for r in result.removed} == {"footnote_marker"}


# A hard-wrapped extraction of jilin_changbaishan.txt (seed) lines 1 and 5-7, as a PDF gives
# it: a running header and a page number on every page, a table of contents, a line break
# every 32 characters inside each paragraph.
CHANGBAI_PDF = [
    "长白山保护开发区“十四五”规划",
    "目 录",
    "第七章 聚焦关注民生保障,推动社会事业同步发展......1",
    "(一)稳定扩大就业提高居民收入......2",
    "第七章 聚焦关注民生保障,推动社会事业同步发展",
    "牢固树立以民为本、民生为天的发展理念,坚持和完善统筹城乡的民生",
    "保障制度,加强普惠性、基础性、兜底性民生建设,不断增强人民群众",
    "的获得感、幸福感、安全感。",
    "- 1 -",
    "长白山保护开发区“十四五”规划",
    "(一)稳定扩大就业提高居民收入",
    "深入实施就业优先战略,全面强化稳就业举措,把促进就业作为经济社会",
    "发展的优先目标。推动创业带动就业,落实创业扶持政策,搭建就业平台",
    ",支持小微企业发展。",
    "- 2 -",
    "长白山保护开发区“十四五”规划",
    "(二)健全覆盖全民的社会保障体系",
    "健全城乡居民基本社会保险制度,完善城乡居民基本养老保险待遇确定和",
    "基础养老金正常调整机制。",
    "- 3 -",
]
CHANGBAI_PARAGRAPHS = [
    "牢固树立以民为本、民生为天的发展理念,坚持和完善统筹城乡的民生保障制度,加强普惠性、基础性、"
    "兜底性民生建设,不断增强人民群众的获得感、幸福感、安全感。",
    "深入实施就业优先战略,全面强化稳就业举措,把促进就业作为经济社会发展的优先目标。推动创业带动"
    "就业,落实创业扶持政策,搭建就业平台,支持小微企业发展。",
    "健全城乡居民基本社会保险制度,完善城乡居民基本养老保险待遇确定和基础养老金正常调整机制。",
]


def test_pdf_layout_is_repaired_end_to_end():
    result = cleaning.clean_lines(CHANGBAI_PDF)
    paras, heads = structure.split_paragraphs(result.paragraph_lines())
    assert [p.text for p in paras] == CHANGBAI_PARAGRAPHS
    assert [h.text for h in heads] == [
        "第七章 聚焦关注民生保障,推动社会事业同步发展",
        "(一)稳定扩大就业提高居民收入",
        "(二)健全覆盖全民的社会保障体系",
    ]
    removed = [(r.line, r.reason) for r in result.removed]
    assert removed == [
        (1, "running_header"), (2, "table_of_contents"), (3, "table_of_contents"),
        (4, "table_of_contents"), (9, "page_number"), (10, "running_header"),
        (15, "page_number"), (16, "running_header"), (20, "page_number"),
    ]  # fmt: skip
    joined = [(r.line, r.reason) for r in result.audit if r.action == "joined"]
    assert joined == [
        (7, "broken_line:wrapped_line"), (8, "broken_line:wrapped_line"),
        (13, "broken_line:wrapped_line"), (14, "broken_line:starts_with_closing"),
        (19, "broken_line:wrapped_line"),
    ]  # fmt: skip
    assert result.reconstruct() == CHANGBAI_PDF


# (lines, paragraphs): what must stay apart in a wrapped document.
WRAP_CASES = [
    # wrapped at 20 characters: a list item after a lead-in starts afresh, a wrapped item
    # goes on over its lines, a heading stays a heading
    (["一、主要任务",
      "各地要做好以下工作,确保各项政策落实到位,", "切实保障群众基本生活,主要任务包括:",
      "(一)稳定扩大就业",
      "1.加强公共就业服务体系建设,健全就业服务", "网络,提升服务水平,扩大就业援助覆盖面", "。",
      "2.完善就业援助制度,对困难人员实行兜底安", "置,确保零就业家庭动态清零。"],
     ["各地要做好以下工作,确保各项政策落实到位,切实保障群众基本生活,主要任务包括:",
      "1.加强公共就业服务体系建设,健全就业服务网络,提升服务水平,扩大就业援助覆盖面。",
      "2.完善就业援助制度,对困难人员实行兜底安置,确保零就业家庭动态清零。"]),
    # not wrapped (lines end their sentences): nothing joined
    (["坚持以人民为中心的发展思想。", "健全基本公共服务体系。", "提高公共服务水平。", "扎实推进共同富裕。"],
     ["坚持以人民为中心的发展思想。", "健全基本公共服务体系。", "提高公共服务水平。", "扎实推进共同富裕。"]),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "paragraphs"), WRAP_CASES)
def test_headings_and_list_items_are_not_joined(lines, paragraphs):
    result = cleaning.clean_lines(lines)
    paras, _ = structure.split_paragraphs(result.paragraph_lines())
    assert [p.text for p in paras] == paragraphs


def test_seed_documents_are_not_read_as_pdf_layout(seed_corpus):
    # Web copies: no wrap width, no page numbers, no spaced digits.
    for doc in seed_corpus.documents:
        lines = cleaning.normalised_lines(doc.text)
        assert pdftext.wrap_width(lines) is None, doc.doc_id
        assert pdftext.page_reasons(lines) == {}, doc.doc_id
        assert pdftext.spaced_digit_runs(lines) < pdftext.MIN_SPACED_RUNS, doc.doc_id
