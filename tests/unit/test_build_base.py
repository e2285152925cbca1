"""Where a warehouse build starts: the published warehouse (incremental) only when built by the same code."""
from __future__ import annotations

import duckdb

from pipeline.load.build_base import choose_base, published_build_info, start_build_file

CODE = {"extractor_version": "e1", "parser_version": "p1", "dbt_project_version": "d1"}


def test_same_code_starts_from_the_published_warehouse():
    base = choose_base({**CODE, "fingerprint": "x"}, CODE)
    assert base.mode == "incremental"


def test_a_changed_parser_or_dbt_project_builds_in_full_and_says_which():
    base = choose_base({**CODE, "parser_version": "p0", "dbt_project_version": "d0"}, CODE)
    assert base.mode == "full"
    assert "the parser" in base.reason and "the dbt project" in base.reason
    assert "extractor" not in base.reason


def test_no_published_warehouse_or_a_full_refresh_builds_in_full():
    assert choose_base(None, CODE).mode == "full"
    assert choose_base(dict(CODE), CODE, full_refresh=True).mode == "full"
    # a warehouse built before build records held the code versions is not trusted
    assert choose_base({"fingerprint": "x"}, CODE).mode == "full"


def test_the_build_file_is_a_copy_of_the_published_one_or_nothing(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(published))
    con.execute("create table warehouse_build as select 'e1' as extractor_version, 'f' as fingerprint")
    con.close()
    assert published_build_info(published) == {"extractor_version": "e1", "fingerprint": "f"}
    assert published_build_info(tmp_path / "missing.duckdb") is None

    build = tmp_path / ".build" / "warehouse.duckdb"
    build.parent.mkdir()
    start_build_file(choose_base(dict(CODE), CODE), published, build)
    assert build.read_bytes() == published.read_bytes()
    start_build_file(choose_base(None, CODE), published, build)
    assert not build.exists()
    assert published.exists()  # the published file is never moved or changed
