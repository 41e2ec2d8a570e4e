import pytest

from policystudy.ingest import normalize

# (input, expected) pairs from the seed corpus or its full-width / Traditional spellings.
NORMALIZE_CASES = [
    # full-width punctuation and digits, as users' files have them
    (
        "（二）主要目标：到２０２５年，职工参保率达到９８％",
        "(二)主要目标:到2025年,职工参保率达到98%",
    ),
    # the seeds already use ASCII punctuation: unchanged
    (
        "(二)主要目标:到202x年,每年新增就业2.15万人以上",
        "(二)主要目标:到202x年,每年新增就业2.15万人以上",
    ),
    # Traditional script (the Changzhou footer, and a Big5-style sentence)
    ("相關文章:", "相关文章:"),
    ("健全覆蓋全民的社會保障體系", "健全覆盖全民的社会保障体系"),
    # non-breaking and ideographic spaces used as indentation in the Changbai plan
    ("\u00a0\u00a0(二)健全覆盖全民的社会保障体系\u00a0", "(二)健全覆盖全民的社会保障体系"),
    ("\u3000\u3000牢固树立以民为本、民生为天的发展理念", "牢固树立以民为本、民生为天的发展理念"),
    # runs of spaces in the Lianyungang duty-editor line fold to one
    ("总值班: 王夫成 曹银生     编辑: 张笑爽     ", "总值班: 王夫成 曹银生 编辑: 张笑爽"),
    # romanisation garble from scraped pages
    ("召开会(huì)议,研究部署民生实事", "召开会议,研究部署民生实事"),
    # zero-width characters
    ("养老\u200b保险", "养老保险"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALIZE_CASES)
def test_normalize_text(raw, expected):
    assert normalize.normalize_text(raw) == expected


def test_script_conversion_can_be_switched_off():
    assert normalize.normalize_text("相關文章", to_simplified_script=False) == "相關文章"


@pytest.mark.parametrize(
    ("text", "changed"),
    [("相關文章", 1), ("坚持发展为民、发展惠民", 0), ("養老保險制度", 2)],
)
def test_script_report_counts_converted_characters(text, changed):
    report = normalize.script_report(text)
    assert report.changed_chars == changed
    assert report.converted == (changed > 0)


def test_pinyin_gloss_keeps_ordinary_brackets():
    # "(街道)" and "(2018~2020年)" are content, not romanisation.
    text = "各镇(街道)落实行动计划(2018~2020年)"
    assert normalize.repair_pinyin_glosses(text) == text
    assert normalize.count_pinyin_glosses(text) == 0


@pytest.mark.parametrize(
    ("text", "changed", "han"),
    [
        ("推进社保卡一卡通", 0, 8),  # already Simplified
        ("相關文章", 1, 4),  # Changzhou's share footer: 關 -> 关
        ("養老服務體系", 3, 6),  # 養, 務, 體
        ("２０２５年，新建公辦園３所", 2, 7),  # full-width digits are not Han; 辦園 -> 办园
        ("", 0, 0),
    ],
)
def test_script_report_counts_converted_and_han_characters(text, changed, han):
    report = normalize.script_report(text)
    assert (report.changed_chars, report.han_chars) == (changed, han)
