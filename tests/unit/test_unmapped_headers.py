"""The unmapped-header report over a run's Parquet outputs."""
import duckdb

from pipeline.tools.unmapped_headers import lost_tables, main, normalize_header, to_markdown, unmapped_headers


def _write(path, sql):
    path.parent.mkdir(parents=True, exist_ok=True)
    duckdb.execute(f"copy ({sql}) to '{path}' (format parquet)")


def _extract_dir(tmp_path):
    _write(tmp_path / "line_items" / "a.parquet", """
        select * from (values
            ('a', 1, 'income', '上年实户资金余额', 'unmapped'),
            ('a', 1, 'income', '上年实户资金余额', 'unmapped'),
            ('a', 2, 'expenditure', '上年实户资金余额9', 'unmapped'),
            ('a', 1, 'income', '合计', 'total')
        ) as t (document_id, table_index, table_type, column_header, measure)""")
    _write(tmp_path / "line_items" / "b.parquet", """
        select * from (values
            ('b', 3, 'income', '上年实户资金余额12', 'unmapped'),
            ('b', 4, 'three_public', '会议费', 'unmapped')
        ) as t (document_id, table_index, table_type, column_header, measure)""")
    _write(tmp_path / "parse_issues" / "b.parquet", """
        select * from (values
            ('b.pdf', 9, 'no_measure_columns', 'error', 'No column header … names a known measure or an amount column'),
            ('b.pdf', 10, 'no_measure_columns', 'warning', 'its amounts are kept with measure unmapped')
        ) as t (source_file, page, issue_code, severity, reason)""")
    return tmp_path


def test_glued_column_numbers_and_amounts_are_cut_from_a_header():
    assert normalize_header("上年结转11") == "上年结转"
    assert normalize_header("人员支出1,839.32") == "人员支出"
    assert normalize_header("类**") == "类"
    assert normalize_header("125002") == "125002"  # nothing left: the printed text stays


def test_headers_are_counted_by_documents_tables_and_cells(tmp_path):
    headers = unmapped_headers(_extract_dir(tmp_path))
    first = headers[0]
    assert (first.header, first.cells, first.tables, first.documents) == ("上年实户资金余额", 4, 3, 2)
    assert first.table_types == ("expenditure", "income")
    assert [h.header for h in headers] == ["上年实户资金余额", "会议费"]


def test_only_tables_that_lost_their_amounts_are_listed(tmp_path):
    lost = lost_tables(_extract_dir(tmp_path))
    assert [(t.source_file, t.page) for t in lost] == [("b.pdf", 9)]


def test_markdown_report(tmp_path, capsys):
    d = _extract_dir(tmp_path)
    text = to_markdown(unmapped_headers(d), lost_tables(d), min_documents=2)
    assert "| 上年实户资金余额 | 4 | 3 | 2 | expenditure, income |" in text
    assert "会议费" not in text  # printed in one document only
    assert main([str(d)]) == 0
    assert "| 会议费 | 1 | 1 | 1 | three_public |" in capsys.readouterr().out
