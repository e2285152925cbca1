"""Command line: `python -m pipeline run | summary | audit | export | bench | variants`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .audit.report import FORMATS as AUDIT_FORMATS
from .settings import Settings
from .tools.variants import KINDS as VARIANT_KINDS


def _settings(args: argparse.Namespace) -> Settings:
    kwargs = {}
    for name in ("raw_dir", "warehouse", "extract_dir", "workers", "doc_timeout_s", "full_refresh"):
        value = getattr(args, name, None)
        if value is not None:
            kwargs[name] = value
    return Settings(**kwargs)


def _add_path_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw-dir", type=Path, dest="raw_dir",
                   help="folder of raw documents (PDF, .txt, .md); env BUDGET_RAW_DIR; default raw/")
    p.add_argument("--warehouse", type=Path,
                   help="DuckDB file to publish; env BUDGET_WAREHOUSE; default warehouse/warehouse.duckdb")
    p.add_argument("--extract-dir", type=Path, dest="extract_dir",
                   help="folder for the per-document Parquet files; env BUDGET_EXTRACT_DIR; "
                        "default: 'extract' beside the warehouse file")


def cmd_run(args: argparse.Namespace) -> int:
    """`run`: build and publish the warehouse from the raw folder and print the summary; 1 when the run failed.

    Quiet by default: a progress bar, then a short summary; dbt's and Dagster's logs, the run's
    report and the full summary go to a log file the summary names. With -v they go to the console."""
    settings = _settings(args)
    if args.verbose:
        return _run_verbose(settings, args.log_level or "WARNING")
    from . import console
    from .defs.runner import run_in_process
    from .orchestrate import progress
    from .orchestrate.summary import run_summary

    log_file = console.new_log_file(settings.log_dir)
    os.environ.setdefault("DBT_USE_COLORS", "false")  # plain text in the log file
    print(f"building {settings.warehouse} from {settings.raw_dir} …", flush=True)
    with console.output_to(log_file) as terminal, console.ProgressBar(terminal) as bar, progress.listening(bar):
        outcome = run_in_process(settings, log_level=args.log_level or "INFO")
        # the full report into the log file (stdout is the log file here)
        print("\n".join(outcome.lines()))
        if outcome.success:
            print(run_summary(settings.warehouse))
        else:
            print("\n".join(["the run failed:", *outcome.failures]))
    if not outcome.success:
        print("the run failed; the previously published warehouse (if any) is unchanged.", file=sys.stderr)
        for failure in outcome.failures[:5]:
            print(f"  {failure.splitlines()[0] if failure else failure}", file=sys.stderr)
        print(f"full log: {log_file}", file=sys.stderr)
        return 1
    print("\n".join(outcome.lines()))
    print(run_summary(settings.warehouse, max_issue_lines=3))
    print(f"full log (dbt, Dagster, every issue): {log_file}")
    return 0


def _run_verbose(settings: Settings, log_level: str) -> int:
    """`run -v`: dbt's and Dagster's logs on the console as they come, then the full summary."""
    from .defs.runner import run_in_process
    from .orchestrate.summary import run_summary

    print(f"building {settings.warehouse} from {settings.raw_dir} …", flush=True)
    outcome = run_in_process(settings, log_level=log_level)
    if not outcome.success:
        print("the run failed; the previously published warehouse (if any) is unchanged.", file=sys.stderr)
        for failure in outcome.failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print("\n".join(outcome.lines()))
    print(run_summary(settings.warehouse))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """`summary`: print the summary of the published warehouse."""
    from .orchestrate.summary import run_summary

    print(run_summary(_settings(args).warehouse))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """`audit`: print one document's audit report (or the index of all) and write it beside the warehouse.

    0 when written; 1 when the warehouse cannot be read or has no audit findings; 2 when the
    document is unknown or the name fits several documents (they are listed)."""
    import duckdb

    from .audit import findings as audit
    from .audit import report

    if args.document and args.all:
        print("give one document or --all, not both", file=sys.stderr)
        return 2
    warehouse = _settings(args).warehouse
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}; build it with `python -m pipeline run`", file=sys.stderr)
        return 1
    try:
        con = duckdb.connect(str(warehouse), read_only=True)  # never blocks a run, never writes
    except duckdb.Error:  # a plain message instead of the driver's
        print(f"could not open {warehouse} to read it (is it a DuckDB warehouse file?)", file=sys.stderr)
        return 1
    try:
        if not audit.has_findings(con):
            print(f"{warehouse} has no audit findings (no table {audit.FINDINGS_TABLE}): it was built before the "
                  "document audit; rebuild it with `python -m pipeline run`", file=sys.stderr)
            return 1
        if args.document and not args.all:
            matches = audit.find_documents(con, args.document)
            if not matches:
                print(f"no document matches {args.document!r} in {warehouse}; `python -m pipeline audit --all` "
                      "lists every document", file=sys.stderr)
                return 2
            if len(matches) > 1:
                print(f"{args.document!r} matches {len(matches)} documents; give more of the file name or the "
                      "document_key:", file=sys.stderr)
                for d in matches:
                    print(f"  {d.document_key}  {d.source_file}  ({d.department or 'unknown department'}, "
                          f"{d.fiscal_year or 'unknown year'}, {report.report_type_label(d.report_type)})",
                          file=sys.stderr)
                return 2
            docs = matches
        else:
            docs = audit.documents(con)
        rows = audit.load_findings(con, [d.document_key for d in docs])
    finally:
        con.close()
    out_dir = args.out or warehouse.parent / "audit"
    entries = [(d, rows.get(d.document_key, [])) for d in docs]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for doc, found in entries:
            path = out_dir / report.report_filename(doc, args.format)
            path.write_text(report.render(doc, found, args.format), encoding="utf-8")
            written.append(path)
        if len(entries) != 1 or args.all:
            index = out_dir / f"index.{args.format}"
            index.write_text(report.render_index(entries, args.format), encoding="utf-8")
    except OSError:
        print(f"could not write the report to {out_dir} (is the folder writable?)", file=sys.stderr)
        return 1
    if len(entries) == 1 and not args.all:
        print(report.render_text(*entries[0]))
        print(f"\nwritten to {written[0]}")
    else:
        print(report.render_index_text(entries))
        print(f"\nwrote {len(written)} reports and the index to {index}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """`bench`: run the benchmark sections on a copy of the raw folder (pipeline/tools/bench.py)."""
    from .tools.bench import main as bench_main

    return bench_main(raw_dir=args.raw_dir, workers=args.workers, only=args.only, keep=args.keep)


def cmd_export(args: argparse.Namespace) -> int:
    """`export`: write the published warehouse as Parquet files (every table and view) or as a Fiscal Data Package."""
    warehouse = _settings(args).warehouse
    if args.format == "fdp":
        from .tools.fdp import export_fdp

        counts = export_fdp(warehouse, args.out)
        for name, rows in counts.items():
            print(f"{args.out / (name + '.csv')}: {rows} rows")
        print(f"exported the line items of {warehouse} as a Fiscal Data Package: {args.out / 'datapackage.json'}")
        return 0
    from .tools.export import export_parquet

    counts = export_parquet(warehouse, args.out)
    for name, rows in counts.items():
        print(f"{args.out / (name + '.parquet')}: {rows} rows")
    print(f"exported {len(counts)} tables and views of {warehouse} to {args.out}")
    return 0


def cmd_variants(args: argparse.Namespace) -> int:
    """`variants`: write the unruled or scanned variants of the given PDFs and print their paths."""
    from .tools.variants import make_variants

    for path in make_variants(args.kind, args.pdfs, args.out):
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run its subcommand; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Build the budget-disclosure warehouse from raw documents.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="extract and parse every document in raw/, then build and publish the warehouse",
                           description="Extract and parse every document in the raw folder (only new or changed "
                                       "documents are redone), build the dbt star schema into a scratch file and "
                                       "publish it atomically over the warehouse file; prints a run summary.")
    _add_path_options(p_run)
    p_run.add_argument("--workers", type=int, help="parallel document workers; env BUDGET_WORKERS; default: CPU cores")
    p_run.add_argument("--doc-timeout", type=float, dest="doc_timeout_s",
                       help="seconds allowed per document and stage; env BUDGET_DOC_TIMEOUT; default 600")
    p_run.add_argument("--full-refresh", action="store_true", dest="full_refresh", default=None,
                       help="build the warehouse from nothing (every fact table in full), even when nothing "
                            "changed; by default a build starts from the published warehouse and rebuilds only "
                            "the rows of new, changed and removed documents in the big facts")
    p_run.add_argument("-v", "--verbose", action="store_true",
                       help="dbt's and Dagster's logs on the console, and the full summary (by default they go "
                            "to a log file in logs/ beside the warehouse, and the console shows a progress bar "
                            "and a short summary)")
    p_run.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                       help="Dagster's log level: default INFO into the log file, WARNING on the console with -v")
    p_run.set_defaults(func=cmd_run)
    p_sum = sub.add_parser("summary", help="print the summary of the published warehouse")
    _add_path_options(p_sum)
    p_sum.set_defaults(func=cmd_summary)
    p_aud = sub.add_parser("audit", help="print and write the audit report of a document (or of every document)",
                           description="Find a document of the published warehouse by its file name (or part of "
                                       "it) or its document_key, print its audit report (findings by group, errors "
                                       "first: page and table, the message, expected against found, the quoted "
                                       "text) and write it beside the warehouse (audit/<file>.md). Without a "
                                       "document, or with --all: a report per document and an index. "
                                       "Exit status 2 when the document is unknown or ambiguous.")
    p_aud.add_argument("document", nargs="?", help="source file name, part of it, or document_key")
    p_aud.add_argument("--all", action="store_true", help="a report for every document, and an index")
    p_aud.add_argument("--warehouse", type=Path,
                       help="DuckDB file to read; env BUDGET_WAREHOUSE; default warehouse/warehouse.duckdb")
    p_aud.add_argument("--out", type=Path, help="folder to write the reports to; default: 'audit' beside the warehouse")
    p_aud.add_argument("--format", choices=AUDIT_FORMATS, default="md", help="md (default) or html")
    p_aud.set_defaults(func=cmd_audit)
    p_bench = sub.add_parser("bench", help="time a full run, a rerun with nothing changed and a rerun after "
                                           "adding one document (ratios to the full run)",
                             description="Benchmarks, each a section of rows (pipeline/tools/bench.py). Runs on a copy "
                                         "of the raw folder in a temporary directory; the warehouse is untouched.")
    p_bench.add_argument("--raw-dir", type=Path, dest="raw_dir", help="documents to benchmark on; default raw/")
    p_bench.add_argument("--workers", type=int, help="parallel document workers; default: CPU cores")
    p_bench.add_argument("--only", action="append", metavar="SECTION",
                         help="run only this section (repeatable); sections: see pipeline/tools/bench.py")
    p_bench.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p_bench.set_defaults(func=cmd_bench)
    p_exp = sub.add_parser("export", help="write the warehouse as Parquet files or as a Fiscal Data Package (CSV)",
                           description="--format parquet (default): every table and view of the published "
                                       "warehouse as OUT/<name>.parquet (DuckDB COPY, read-only; DECIMAL amounts "
                                       "kept). --format fdp: the line items of the preferred version of each "
                                       "report as a Fiscal Data Package (OUT/datapackage.json plus one CSV per "
                                       "grain: expenditure-functional.csv, expenditure-economic.csv, revenue.csv), "
                                       "leaf accounts only (功能分类 类/款/项, 经济分类 类/款), amounts in yuan as "
                                       "exact decimals; the classifications, phase, direction, fiscal year, "
                                       "department and amount mapped to FDP columnTypes. Validate it with "
                                       "`frictionless validate OUT/datapackage.json`.")
    p_exp.add_argument("--format", choices=["parquet", "fdp"], default="parquet",
                       help="parquet (every table and view) or fdp (Fiscal Data Package of the line items)")
    p_exp.add_argument("--out", type=Path, required=True, help="folder to write the files to")
    p_exp.add_argument("--warehouse", type=Path,
                       help="DuckDB file to export; env BUDGET_WAREHOUSE; default warehouse/warehouse.duckdb")
    p_exp.set_defaults(func=cmd_export)
    p_var = sub.add_parser("variants", help="write unruled or scanned variants of PDFs (X__unruled.pdf, X__scan.pdf)",
                           description="Make the harder families of a digital PDF to measure the reader on: "
                                       "'unruled' removes every rule and border, 'scan' renders every page to an "
                                       "image. The gold scorer scores X__kind.pdf against the gold of X.")
    p_var.add_argument("kind", choices=VARIANT_KINDS)
    p_var.add_argument("pdfs", type=Path, nargs="+", help="digital PDFs to make the variants of")
    p_var.add_argument("--out", type=Path, required=True, help="folder to write the variants to")
    p_var.set_defaults(func=cmd_variants)
    args = parser.parse_args(argv)
    return args.func(args)
