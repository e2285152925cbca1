"""`dbt build` of the warehouse in its own process, laid out so that dbt's partial parsing always holds.

dbt parses the whole project again whenever its profile changes, and the profile
holds the path of the DuckDB file it builds. So every build runs *in the build folder*
with the file given by its name alone (``BUDGET_WAREHOUSE=warehouse.duckdb``, relative
to that folder), and reads the Parquet datasets through a link ``parquet`` in the
folder (the sources' default location) instead of an absolute path. The profile and
the parsed project are then the same for every warehouse of that file name, wherever
it lives: a new warehouse starts from the project's own parse
(``dbt_project/target/partial_parse.msgpack``, made by ``parse_project``), and a
warehouse built before reuses its own.

The production build leaves out dbt's unit tests (they test the models' SQL, not the
data; ``make test`` runs them). Data tests run, and their failures drive the
quarantine (load/quarantine.py).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..settings import DBT_EXECUTABLE, DBT_PROJECT_DIR
from .publish import PARQUET_LINK  # the sources' default location, relative to the folder dbt runs in

PROJECT_TARGET = DBT_PROJECT_DIR / "target"
PARTIAL_PARSE = "partial_parse.msgpack"
DEFAULT_WAREHOUSE_NAME = "warehouse.duckdb"


def dbt_environment(warehouse_name: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a dbt process: this one's, with the warehouse file by name and the Parquet
    datasets at their default (the link), so the rendered profile and sources do not depend on paths."""
    env = {k: v for k, v in os.environ.items() if k != "BUDGET_PARQUET_DIR"}
    env["BUDGET_WAREHOUSE"] = warehouse_name
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env.update(extra or {})
    return env


def dbt_command(*args: str, target_path: Path) -> list[str]:
    """A dbt command line over dbt_project/ (its profiles.yml too), with its artifacts in target_path."""
    return [DBT_EXECUTABLE, *args, "--project-dir", os.fspath(DBT_PROJECT_DIR),
            "--profiles-dir", os.fspath(DBT_PROJECT_DIR), "--target-path", os.fspath(target_path)]


def parse_project(target_path: Path = PROJECT_TARGET, warehouse_name: str = DEFAULT_WAREHOUSE_NAME) -> None:
    """`dbt parse` of the project into target_path (manifest.json, partial_parse.msgpack), rendered
    as a build renders it, so a new warehouse's first build can start from this parse."""
    target_path.mkdir(parents=True, exist_ok=True)
    subprocess.run(dbt_command("parse", "--quiet", target_path=target_path), cwd=target_path,
                   env=dbt_environment(warehouse_name), check=True)


def prepare_build_folder(build_dir: Path, extract_dir: Path, target_path: Path) -> None:
    """Link the Parquet datasets into the build folder and, for a first build there, start dbt
    from the project's parse (its partial parsing state)."""
    link = build_dir / PARQUET_LINK
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(extract_dir, target_is_directory=True)
    seed = PROJECT_TARGET / PARTIAL_PARSE
    if seed.exists() and not (target_path / PARTIAL_PARSE).exists():
        target_path.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target_path / PARTIAL_PARSE)


@dataclass
class DbtBuild:
    """A running `dbt build`: its JSON log events as they come (``events``), then its artifacts."""

    process: subprocess.Popen
    target_path: Path

    @property
    def pid(self) -> int:
        """The dbt process id (recorded so a later run can stop it if this run is killed)."""
        return self.process.pid

    def events(self) -> Iterator[dict | str]:
        """dbt's log, one event per line: a dict for a JSON event, the plain line otherwise."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if not line:
                continue
            try:
                yield json.loads(line)
            except ValueError:
                yield line
        self.process.wait()

    @property
    def success(self) -> bool:
        """The build ran to the end and every node passed (dbt's exit code 0)."""
        return self.process.wait() == 0

    def artifact(self, name: str) -> dict | None:
        """A JSON artifact of the build (run_results.json, manifest.json); None when dbt wrote none."""
        path = self.target_path / name
        if not path.exists():
            return None
        return json.loads(path.read_text(encoding="utf-8"))


def start_build(build_path: Path, extract_dir: Path, target_path: Path,
                extra_env: dict[str, str] | None = None) -> DbtBuild:
    """Start `dbt build` (unit tests left out) into build_path, in its folder, reading extract_dir."""
    build_dir = build_path.parent
    prepare_build_folder(build_dir, extract_dir, target_path)
    command = dbt_command("build", "--exclude-resource-type", "unit_test", "--log-format", "json",
                          target_path=target_path)
    process = subprocess.Popen(command, cwd=build_dir, env=dbt_environment(build_path.name, extra_env),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                               errors="replace", bufsize=1)
    return DbtBuild(process, target_path)
