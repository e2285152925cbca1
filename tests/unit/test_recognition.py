"""Document recognition by content: disclosures (with tables, narrative-only, scanned) and the papers
a crawl brings in under a disclosure's name (notices, forms, reports, letters, scans without tables)."""
from __future__ import annotations

from pipeline.extract.text import read_text
from pipeline.load.ledger import document_failure
from pipeline.model import ExtractedDocument, Page, ParseIssue
from pipeline.parse.document import parse, table_problems_as_warnings
from pipeline.parse.recognition import heading_kind, is_disclosure_evidence, recognize
from tests.conftest import seed_text

NAME = "某某局2026年部门预算.pdf"


def _doc(*pages: str, scanned: bool = False) -> ExtractedDocument:
    """A document of these pages (text as a reader gives it: prose lines, table rows tab-separated)."""
    read_pages, blocks = read_text("\f".join(pages + ("",)).encode("utf-8"))
    read_pages = read_pages[:-1]
    if scanned:
        read_pages = [Page(p.number, p.text, has_text_layer=False, is_ocr=True) for p in read_pages]
        for b in blocks:
            b.is_ocr = True
    return ExtractedDocument(NAME, "0" * 64, "pdf", read_pages, blocks)


def _verdict(doc: ExtractedDocument) -> ParseIssue | None:
    parsed = parse(doc)
    found = [i for i in parsed.result.issues if i.table_index is None and i.issue_code in (
        "not_a_disclosure", "needs_ocr", "no_line_items", "narrative_only")]
    assert len(found) <= 1
    assert (found[0] if found else None) == parsed.recognition.verdict()
    return found[0] if found else None


def _rows(issues: list[ParseIssue]) -> list[dict]:
    return [vars(i) for i in issues]


# --- papers that are not disclosures -----------------------------------------------------

INSPECTION_NOTICE = (
    "中共烟台市委第三巡察组\n关于巡察烟台市财政局党组的通告\n"
    "根据市委巡察工作统一部署，市委第三巡察组于2026年3月1日至5月31日对烟台市财政局党组开展常规巡察。",
    "巡察期间设立专门值班电话和邮政信箱，主要受理反映烟台市财政局党组领导班子及其成员问题的来信来电来访。",
    "值班电话：0535-6781234\n邮政信箱：烟台市A001号邮政信箱\n特此通告。\n中共烟台市委第三巡察组\n2026年3月1日",
)


def test_an_inspection_notice_is_refused_as_a_notice():
    verdict = _verdict(_doc(*INSPECTION_NOTICE))
    assert (verdict.stage, verdict.issue_code, verdict.severity) == ("parse", "not_a_disclosure", "error")
    assert verdict.reason == (
        "Refused: this file looks like a notice (关于巡察烟台市财政局党组的通告), not a budget or final-account "
        "disclosure — no budget table title or account code was found in its 3 pages.")
    assert "kind=notice" in verdict.detail


def test_a_notice_about_publishing_budgets_names_them_and_is_still_a_notice():
    # it says 部门预算 and lists the tables in a sentence, but holds none
    verdict = _verdict(_doc(
        "山东省财政厅关于做好2026年省级部门预算公开工作的通知\n省直各部门：\n"
        "为进一步做好部门预算公开工作，现就有关事项通知如下：\n"
        "一、公开内容。各部门应公开部门预算情况说明和部门预算表，包括收支总表、收入总表、支出总表、财政拨款收支总表等。\n"
        "二、公开时间。各部门应在财政部门批复预算后20日内向社会公开。\n特此通知。"))
    assert verdict.issue_code == "not_a_disclosure"
    assert "looks like a notice (山东省财政厅关于做好2026年省级部门预算公开工作的通知)" in verdict.reason
    assert "It mentions 部门预算" in verdict.reason and "holds no budget table" in verdict.reason


def test_an_application_form_is_refused_as_a_form():
    verdict = _verdict(_doc(
        "政府信息公开申请表\n"
        "申请人信息\t公民\t姓名\t\t工作单位\t\n\t\t联系电话\t\t电子邮箱\t\n\t\t通信地址\t\t邮政编码\t\n"
        "所需信息情况\t所需信息的内容描述\t烟台市财政局2026年部门预算\t\t\t\n"
        "申请人签名（盖章）\t\t\t申请日期\t年月日\t"))
    assert verdict.issue_code == "not_a_disclosure"
    assert "looks like a form (政府信息公开申请表)" in verdict.reason


def test_a_form_without_a_title_is_told_by_its_field_labels():
    recognition = parse(_doc(
        "个人基本情况\n姓名\t\t性别\t\n身份证号码\t\t\t\n联系电话\t\t电子邮箱\t\n"
        "申请人签名\t\t日期\t")).recognition
    assert (recognition.is_disclosure, recognition.kind) == (False, "form")
    assert recognition.looks_like().startswith("a form (fields 姓名、")


def test_a_website_annual_report_is_a_report_of_another_kind():
    verdict = _verdict(_doc(
        "烟台市财政局政府网站工作年度报表\n（2025年度）\n填报单位：烟台市财政局\n"
        "网站名称\t烟台市财政局门户网站\n独立用户访问总量（个）\t123456\n网站总访问量（次）\t987654\n"
        "信息发布总数（条）\t1520\n政务动态信息更新量\t860"))
    assert "looks like a report of another kind (烟台市财政局政府网站工作年度报表)" in verdict.reason


def test_a_performance_self_evaluation_form_standing_alone_is_refused():
    verdict = _verdict(_doc(
        "2025年度项目支出绩效自评表\n"
        "项目名称\t信息化运维项目\t\t\t\t\n"
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t执行率\t得分\n"
        "年度资金总额\t120.00\t120.00\t118.50\t98.75%\t9.9\n"
        "其中：财政拨款\t120.00\t120.00\t118.50\t—\t—"))
    assert verdict.issue_code == "not_a_disclosure"
    assert "looks like a performance form (2025年度项目支出绩效自评表)" in verdict.reason


def test_a_letter_read_by_ocr_is_a_scanned_letter():
    verdict = _verdict(_doc(
        "东山市财政局 :\n根据工作安排我局拟于近期派员前往财政局了解有关情况请予以支持\n"
        "联系人 : 张明联系电话 : 12345678。\n此致东山市审计局\n2026年33 月 1 日", scanned=True))
    assert verdict.reason == (
        "Refused: this file looks like a scanned letter (此致), not a budget or final-account disclosure — "
        "OCR read its 1 page and found no budget table title or account code.")


def test_a_scan_ocr_could_not_read_is_not_called_anything():
    doc = ExtractedDocument(NAME, "0" * 64, "pdf", [
        Page(1, "", has_text_layer=False, needs_ocr=True), Page(2, "", has_text_layer=False, needs_ocr=True)], [], [
        ParseIssue("extract", "needs_ocr", "The page has no text layer … OCR is unavailable: Tesseract is not "
                   "installed.", page=p, detail="Tesseract is not installed") for p in (1, 2)])
    verdict = _verdict(doc)
    assert verdict.issue_code == "needs_ocr"
    assert verdict.reason.startswith("Its 2 pages are scanned images without a text layer and OCR is not "
                                     "available here (Tesseract is not installed)")
    assert "not_a_disclosure" not in verdict.reason and "Refused" not in verdict.reason


# --- disclosures -------------------------------------------------------------------------

# 江苏省政协办公厅2019年度部门预算: a 情况说明 without a single table (its tables came as another file)
NARRATIVE_ONLY = (
    "目 录\n第一部分 部门概况\n一、主要职能\n二、部门机构设置及预算单位构成情况\n第二部分 2019 年度部门预算表\n"
    "一、收支预算总表\n二、收入预算总表\n三、支出预算总表\n四、财政拨款收支预算总表\n"
    "第三部分 2019 年度部门预算情况说明\n第四部分 名词解释",
    "第一部分 部门概况\n一、主要职能\n省政协是我省最广泛的爱国统一战线组织，是中国共产党领导的多党合作和政治协商的重要机构。",
    "第三部分 2019 年度部门预算情况说明\n一、收支预算总体情况\n按照综合预算的原则，江苏省政协办公厅所有收入和支出均纳入部门预算管理。"
    "\n二、收入预算情况\n江苏省政协办公厅2019年度收入预算5,123.45万元。",
)


def test_a_narrative_only_disclosure_is_loaded_without_tables():
    doc = _doc(*NARRATIVE_ONLY)
    parsed = parse(doc)
    assert parsed.recognition.is_disclosure and parsed.recognition.narrative_only
    verdict = _verdict(doc)
    assert (verdict.issue_code, verdict.severity) == ("narrative_only", "info")
    assert verdict.reason.startswith("This is a budget disclosure (部门预算) without tables: its 3 pages are the narrative")
    assert document_failure([], _rows(parsed.result.issues), 0) is None
    assert not any(i.severity == "error" for i in parsed.result.issues)


def test_a_scanned_narrative_read_by_ocr_is_a_disclosure():
    # 北京市政务服务和数据管理局2026年度部门预算情况说明, as Tesseract read its cover and a page
    doc = _doc(
        "北东市政务服务 和数据管理局\n2026 年度部门预算信息售 公开\n第 部分 2026 年度部门预算情况说明\n"
        "收入预算情青况说明\n第二部分 2026 年度度部门预算报表\n收支总表\n收入总表\n支出总表表\n财政拨款收支总表",
        "二 收入预算情况说明\n2026 年度收入预算 101 673. 03 万元 th 2025 年年初预\n"
        "四 财政拨款 “三公经费预算情况说明\n2026 年财政拨 AK 三公经费预算 80.11 万元", scanned=True)
    recognition = parse(doc).recognition
    assert recognition.is_disclosure and recognition.scanned and recognition.narrative_only
    assert _verdict(doc).issue_code == "narrative_only"


def test_a_disclosure_whose_tables_give_no_amount_is_a_failure_not_a_refusal():
    # 长春市信访局2026年部门预算: the tables sit under one heading the parser cannot type
    doc = _doc(
        "长春市信访局（本级）2026年度部门预算公开\n目 录\n第二部分 2026年度部门预算表\n一、收支总表\n二、收入总表\n"
        "三、支出总表\n四、财政拨款收支总表",
        "2026年度部门预算表\n预算单位：长春市信访局\t\t\t单位：万元\n项 目\t本年预算\t编制预算\t上年结转\n"
        "一、财政拨款收入\t1682.76\t1682.76\t0.00\n本年收入合计\t1682.76\t1682.76\t0.00")
    verdict = _verdict(doc)
    assert (verdict.issue_code, verdict.severity) == ("no_line_items", "error")
    assert verdict.reason == ("This is a budget disclosure (部门预算) naming 4 standard tables, but no printed "
                              "amount could be read from the 1 table found (部门预算表).")


def test_a_cover_that_ends_in_a_notice_or_report_word_is_still_a_cover():
    assert heading_kind(("烟台市文化和旅游局", "2026年度部门预算公示")) is None
    assert heading_kind(("国家信访局2024年度部门决算报告",)) is None
    assert heading_kind(("关于2026年度部门预算公开的通知",)) == ("notice", "关于2026年度部门预算公开的通知")
    assert heading_kind(("烟台市财政局2025年度部门决算绩效自评报告",))[0] == "performance"
    assert heading_kind(("烟台市财政局2025年政府信息公开工作年度报告",))[0] == "report"


def test_the_budget_report_to_the_congress_is_a_report_not_a_department_disclosure():
    # the government's 预算执行情况 report names 部门预算 and the 情况说明's subjects, and has no table
    verdict = _verdict(_doc(
        "关于烟台市2025年预算执行情况和2026年预算草案的报告\n——2026年1月10日在烟台市第十八届人民代表大会第五次会议上\n"
        "各位代表：\n受市人民政府委托，现将烟台市2025年预算执行情况和2026年预算草案提请大会审议。",
        "一、2025年预算执行情况\n一般公共预算收入完成680亿元。深化部门预算改革，严控“三公”经费，压减机关运行经费。"
        "\n政府采购规模继续扩大，国有资产占用情况全面摸清。"))
    assert verdict.issue_code == "not_a_disclosure"
    assert "looks like a report of another kind (关于烟台市2025年预算执行情况和2026年预算草案的报告)" in verdict.reason


def test_a_document_with_line_items_is_a_disclosure_whatever_its_heading_says():
    text = "关于公开温县政务服务和大数据管理局2024年度部门决算的通知\n" + seed_text("000_5cd6d46b1da1057e")
    parsed = parse(_doc(text))
    assert parsed.result.items and parsed.recognition.is_disclosure
    assert parsed.recognition.report_type == "final"
    assert parsed.recognition.verdict() is None


def test_account_coded_rows_beside_a_title_are_evidence_of_a_disclosure():
    doc = _doc("一般公共预算支出表\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t10.00\n20101\t人大事务\t10.00\n"
               "2010101\t行政运行\t10.00")
    evidence = recognize(doc, [], []).evidence
    assert evidence.code_rows == 3 and evidence.table_types == ("general_expenditure",)
    assert is_disclosure_evidence(evidence)


# --- a loaded document's unreadable table is a warning -----------------------------------

# a table printed without its header row: the parser cannot tell its columns (an error of the table)
HEADERLESS_TABLE = """
一般公共预算机关运行经费支出预算表
单位：万元
301\t工资福利支出\t12.00
302\t商品和服务支出\t30.00"""


def test_a_table_the_parser_cannot_read_in_a_loaded_document_is_a_warning():
    parsed = parse(_doc(seed_text("000_5cd6d46b1da1057e") + HEADERLESS_TABLE))
    assert parsed.result.items
    issue = next(i for i in parsed.result.issues if i.issue_code == "no_header")
    assert issue.severity == "warning" and "一般公共预算机关运行经费支出预算表" in issue.reason
    assert document_failure([], _rows(parsed.result.issues), len(parsed.result.items)) is None


def test_table_errors_stay_errors_where_nothing_loaded_and_the_document_verdict_comes_first():
    table_error = ParseIssue("parse", "no_header", "The income table '收入总表' has no header row.",
                             severity="error", table_index=0)
    verdict = ParseIssue("parse", "no_line_items", "This is a budget disclosure …", severity="error")
    assert table_problems_as_warnings([table_error])[0].severity == "warning"
    failure = document_failure([], _rows([table_error, verdict]), 0)
    assert failure == {"stage": "parse", "issue_code": "no_line_items", "reason": "This is a budget disclosure …",
                       "outcome": "failed"}


def test_an_extraction_error_decides_before_anything_else():
    extract_error = {"stage": "extract", "issue_code": "encrypted_pdf", "severity": "error",
                     "reason": "the PDF is encrypted and needs a password to open"}
    assert document_failure([extract_error], [], 0)["issue_code"] == "encrypted_pdf"
