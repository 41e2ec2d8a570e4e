"""Ideological culture versus public culture, political education versus schooling (issue 16).

Real sentences: the CPC development corpus's tune documents (dev_sentence_labels.csv; the report
documents are never used here) and the seed documents (data/raw). Each expected domain is the
hand label of LABELLING_DEV.md's rules: culture as ideology, soft power or industry and political
or moral education are ``non_livelihood``; public cultural services, the arts for the people,
sport and schooling stay livelihood. The taxonomy before the issue-16 review coded every
``non_livelihood`` row below as culture_sports or education.
"""

from __future__ import annotations

import pytest

from policystudy import domains as dm

# (document, sentence, expected primary domain)
IDEOLOGY_VS_PUBLIC_CULTURE = [
    # ideology, soft power, cultural industry -> non_livelihood
    ("cpc15", "建设立足中国现实、继承历史文化优秀传统、吸取外国文化有益成果的社会主义精神文明。",
     "non_livelihood"),
    ("cpc15", "只有经济、政治、文化协调发展,只有两个文明都搞好,才是有中国特色社会主义。",
     "non_livelihood"),
    ("cpc17", "文化建设开创新局面。", "non_livelihood"),
    ("cpc17", "加强中华优秀文化传统教育,运用现代科技手段开发利用民族文化丰厚资源。",
     "non_livelihood"),
    ("cpc17", "中华文化是中华民族生生不息、团结奋进的不竭动力。", "non_livelihood"),
    ("cpc18", "——文化软实力显著增强。", "non_livelihood"),
    ("cpc18", "建设社会主义文化强国,关键是增强全民族文化创造活力。", "non_livelihood"),
    ("cpc16", "完善文化产业政策,支持文化产业发展,增强我国文化产业的整体实力和竞争力。",
     "non_livelihood"),
    ("cpc16", "海峡两岸人员往来和经济文化交流不断加强。", "non_livelihood"),
    ("changbaishan", "以社会主义核心价值观引领文化建设,结合独具特色的长白山文化,"
     "弘扬民族精神、时代精神和“长白山精神”。", "non_livelihood"),
    # public cultural services, the arts for the people, sport -> culture_sports
    ("cpc18", "加强重大公共文化工程和文化项目建设,完善公共文化服务体系,提高服务效能。",
     "culture_sports"),
    ("cpc18", "繁荣发展少数民族文化事业。", "culture_sports"),
    ("cpc17", "坚持把发展公益性文化事业作为保障人民基本文化权益的主要途径,加大投入力度,"
     "加强社区和乡村文化设施建设。", "culture_sports"),
    ("cpc18", "广泛开展全民健身运动,促进群众体育和竞技体育全面发展。", "culture_sports"),
    ("cpc15", "发展文学艺术、新闻出版、广播影视等事业,是文化建设的重要内容。", "culture_sports"),
    ("changbaishan", "实施基层公共文化设施建设工程,合理规划建设各类公共文化设施,"
     "实现综合文化服务中心全覆盖。", "culture_sports"),
    ("changbaishan", "完善全民健身公共服务体系,统筹建设全民健身场地设施,扩大公共体育设施覆盖面,"
     "推进长白山冰雪运动中心建设。", "culture_sports"),
]  # fmt: skip

POLITICAL_VS_SCHOOL_EDUCATION = [
    # political, moral and party education, 教育 as persuasion -> non_livelihood
    ("cpc13", "理想教育、道德教育和法制教育,在全社会范围内广泛展开。", "non_livelihood"),
    ("cpc18", "广泛开展理想信念教育,把广大人民团结凝聚在中国特色社会主义伟大旗帜之下。",
     "non_livelihood"),
    ("cpc18", "大力弘扬民族精神和时代精神,深入开展爱国主义、集体主义、社会主义教育,"
     "丰富人民精神世界,增强人民精神力量。", "non_livelihood"),
    ("cpc17", "动员社会各方面共同做好青少年思想道德教育工作,为青少年健康成长创造良好社会环境。",
     "non_livelihood"),
    ("cpc16", "“三讲”集中教育和“三个代表”学习教育活动卓有成效。", "non_livelihood"),
    ("cpc18", "加强反腐倡廉教育和廉政文化建设。", "non_livelihood"),
    ("cpc09", "毛主席多次教育我们:“要扩大教育面,缩小打击面”,要“实行马克思所说只有解放全人类"
     "才能最后解放无产阶级自己的教导”。", "non_livelihood"),
    ("cpc11", "教育和改造,是从爱护出发,为了更好地调动他们的积极性。", "non_livelihood"),
    ("cpc09", "要进行社会主义教育。", "non_livelihood"),
    # schooling -> education
    ("cpc13", "九年制义务教育正在逐步实施。", "education"),
    ("cpc17", "优化教育结构,促进义务教育均衡发展,加快普及高中阶段教育,大力发展职业教育,"
     "提高高等教育质量。", "education"),
    ("cpc18", "加强教师队伍建设,提高师德水平和业务能力,增强教师教书育人的荣誉感和责任感。",
     "education"),
    ("cpc16", "完善国家资助贫困学生的政策和制度。", "education"),
    ("cpc17", "要全面贯彻党的教育方针,坚持育人为本、德育为先,实施素质教育,提高教育现代化水平,"
     "培养德智体美全面发展的社会主义建设者和接班人,办好人民满意的教育。", "education"),
    ("lianyungang", "坚持立德树人,深入推动学前教育公益普惠发展、义务教育优质均衡发展,"
     "大力增加优质普通高中学位,让“学有优教”更加可及。", "education"),
]  # fmt: skip


@pytest.fixture(scope="module")
def clf():
    return dm.LexiconClassifier().fit()


@pytest.mark.parametrize(("doc", "text", "expected"), IDEOLOGY_VS_PUBLIC_CULTURE)
def test_ideological_culture_versus_public_culture(clf, doc, text, expected):
    assert clf.predict([text])[0][0] == expected, doc


@pytest.mark.parametrize(("doc", "text", "expected"), POLITICAL_VS_SCHOOL_EDUCATION)
def test_political_education_versus_schooling(clf, doc, text, expected):
    assert clf.predict([text])[0][0] == expected, doc


def test_the_tables_hold_real_tune_or_seed_sentences():
    # Never a report document: those are the unseen figure.
    dev = dm.load_dev_labels()
    report_docs = set(dev.loc[dev["split"] == "report", "doc_id"])
    rows = IDEOLOGY_VS_PUBLIC_CULTURE + POLITICAL_VS_SCHOOL_EDUCATION
    assert not {doc for doc, _, _ in rows} & report_docs
    # Both directions are tested: not every expectation is the direction of the fix.
    for table in (IDEOLOGY_VS_PUBLIC_CULTURE, POLITICAL_VS_SCHOOL_EDUCATION):
        kinds = {e for _, _, e in table}
        assert "non_livelihood" in kinds and len(kinds) == 2


def test_targeted_labels_are_tune_documents_only():
    dev = dm.load_dev_labels()
    targeted = dev[dev["stratum"] == "culture_education"]
    assert len(targeted) == 80
    assert set(targeted["split"]) == {"tune"}
    assert targeted["item_id"].str.startswith("dev-c").all()
