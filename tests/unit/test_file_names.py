"""What file names say (made-up departments and years, named as the crawl and people save them)."""
import pytest

from pipeline.parse.file_names import file_name_title, read_file_name
from pipeline.vocabulary.document_titles import DocumentTitle


@pytest.mark.parametrize(
    ("source_file", "title"),
    [
        # crawl path: folders joined by '__', the crawl's category before the last '_'
        ("预算数据__002_临江__国有资产监督管理委员会_附件2：临江市人民政府国有资产监督管理委员会2027年度部门预算报表.pdf",
         "附件2：临江市人民政府国有资产监督管理委员会2027年度部门预算报表"),
        ("预算数据__017_临江__公安局_2027年度临江市公安局后勤服务中心单位预算.pdf.pdf",
         "2027年度临江市公安局后勤服务中心单位预算"),
        ("pdf_files__jszwfw__临江市政协办公厅__临江市政协办公厅2027年度部门预算.pdf", "临江市政协办公厅2027年度部门预算"),
        # saved by hand: the whole name, '_' for a space
        ("临江区社会工作部_2024_年度部门决算.pdf", "临江区社会工作部 2024 年度部门决算"),
    ],
)
def test_file_name_title(source_file, title):
    assert file_name_title(source_file) == title


@pytest.mark.parametrize(
    ("source_file", "expected"),
    [
        ("预算数据__002_临江__政府办公厅_附件2：临江绿化委员会办公室2027年度部门预算报表.pdf",
         DocumentTitle(2027, "临江绿化委员会办公室", "budget")),
        # a generic name gives a year, never the crawl category as a department
        ("预算数据__020_临江__科技创新局_2027年部门预算.pdf", DocumentTitle(2027, None, "budget")),
        # a name standing alone
        ("预算数据__004_临江__宣传部_1．中共临江市委宣传部.pdf", DocumentTitle(None, "中共临江市委宣传部", None)),
        ("临江区社会工作部_2024_年度部门决算.pdf", DocumentTitle(2024, "临江区社会工作部", "final")),
        # the crawl folder '预算数据' says nothing of a final account's type
        ("预算数据__017_临江__信访局_临江市信访局2024年度部门决算公开.pdf", DocumentTitle(2024, "临江市信访局", "final")),
        ("000_5cd6d46b1da1057e.txt", None),
        (None, None),
    ],
)
def test_read_file_name(source_file, expected):
    assert read_file_name(source_file) == expected
