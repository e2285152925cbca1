"""Command line: `python -m pipeline run | summary`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    kwargs = {}
    for name in ("raw_dir", "warehouse", "extract_dir", "workers", "doc_timeout_s"):
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
    from dagster import DagsterInstance, materialize

    from .defs.resources import PipelineSettings, dbt_resource
    from .definitions import defs
    from .summary import run_summary

    settings = _settings(args)
    pipeline = PipelineSettings(
        raw_dir=str(settings.raw_dir), warehouse=str(settings.warehouse),
        extract_dir=str(settings.extract_dir), workers=settings.workers,
        doc_timeout_s=settings.doc_timeout_s,
    )
    assets = list(defs.assets or [])
    print(f"building {settings.warehouse} from {settings.raw_dir} …", flush=True)
    result = materialize(
        assets,
        resources={"pipeline": pipeline, "dbt": dbt_resource()},
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}}},
    )
    if not result.success:
        print("the run failed; the previously published warehouse (if any) is unchanged.", file=sys.stderr)
        for event in result.all_events:
            if event.is_failure:
                print(f"  {event.step_key}: {event.message}", file=sys.stderr)
        return 1
    print(run_summary(settings.warehouse))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from .summary import run_summary

    print(run_summary(_settings(args).warehouse))
    return 0


def main(argv: list[str] | None = None) -> int:
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
    p_run.add_argument("--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                       help="Dagster/dbt log level on the console; default WARNING (the summary is always printed)")
    p_run.set_defaults(func=cmd_run)
    p_sum = sub.add_parser("summary", help="print the summary of the published warehouse")
    _add_path_options(p_sum)
    p_sum.set_defaults(func=cmd_summary)
    args = parser.parse_args(argv)
    return args.func(args)
