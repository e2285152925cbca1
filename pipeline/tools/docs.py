"""`make docs`: dbt docs (every model and column described) for the built warehouse.

`dbt docs generate` needs a database to read the catalog (column types) from. It
is pointed at a copy of the published warehouse, so the live file is never opened
for writing (BI tools keep reading it), and at the Parquet folder the warehouse
was built from. The site goes to ``<warehouse folder>/docs/``: ``index.html`` with
``manifest.json`` and ``catalog.json`` (``dbt docs serve --target-path …``), and
``static_index.html``, one self-contained file to open in a browser.

    python -m pipeline.docs [--warehouse FILE] [--extract-dir DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, Settings


def generate_docs(warehouse: Path, extract_dir: Path, out_dir: Path) -> Path:
    """Run `dbt docs generate --static` against a copy of `warehouse`; returns out_dir."""
    warehouse, extract_dir, out_dir = Path(warehouse), Path(extract_dir), Path(out_dir)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}; build it first (`make run`)")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="budget-docs-") as tmp:
        copy = Path(tmp) / warehouse.name
        shutil.copy2(warehouse, copy)
        env = {**os.environ, "BUDGET_WAREHOUSE": str(copy), "BUDGET_PARQUET_DIR": str(extract_dir)}
        subprocess.run(
            [DBT_EXECUTABLE, "docs", "generate", "--static",
             "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
             "--target-path", str(out_dir.resolve()), "--log-path", str(Path(tmp) / "logs")],
            env=env, check=True,
        )
    return out_dir


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.docs`: generate the dbt docs of the warehouse (paths from flags, else settings)."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.docs", description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path,
                        help="warehouse file; env BUDGET_WAREHOUSE; default warehouse/warehouse.duckdb")
    parser.add_argument("--extract-dir", type=Path, dest="extract_dir",
                        help="Parquet folder the warehouse was built from; default: 'extract' beside the warehouse")
    parser.add_argument("--out", type=Path, help="where the site goes; default: 'docs' beside the warehouse")
    args = parser.parse_args(argv)
    kwargs = {k: v for k, v in (("warehouse", args.warehouse), ("extract_dir", args.extract_dir)) if v is not None}
    settings = Settings(**kwargs)
    out = args.out or settings.warehouse.parent / "docs"
    generate_docs(settings.warehouse, settings.extract_dir, out)
    print(f"dbt docs written to {out}: open {out / 'static_index.html'} "
          f"or run `dbt docs serve --project-dir dbt_project --profiles-dir dbt_project --target-path {out}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
