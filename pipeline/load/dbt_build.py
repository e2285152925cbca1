"""`dbt build` of the warehouse, laid out so that dbt's partial parsing always holds.

dbt parses the whole project again whenever its profile changes, and the profile
holds the path of the DuckDB file it builds. So every build runs *in the build folder*
with the file given by its name alone (``BUDGET_WAREHOUSE=warehouse.duckdb``, relative
to that folder), and reads the Parquet datasets through a link ``parquet`` in the
folder (the sources' default location) instead of an absolute path. The profile and
the parsed project are then the same for every warehouse of that file name, wherever
it lives: a new warehouse starts from the project's own parse
(``dbt_project/target/partial_parse.msgpack``, made by ``parse_project``), and a
warehouse built before reuses its own.

The build runs in a thread of the calling process with dbt's programmatic runner
(``dbtRunner``): the run's process has dbt imported already, through dagster-dbt, so
no second interpreter starts and imports it again. The working folder and the
environment are set for the build's duration and restored after it.

The production build leaves out dbt's unit tests (they test the models' SQL, not the
data; ``make test`` runs them). Data tests run, and their failures drive the
quarantine (load/quarantine.py).
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..settings import DBT_EXECUTABLE, DBT_PROJECT_DIR
from .publish import PARQUET_LINK  # the sources' default location, relative to the folder dbt runs in

PROJECT_TARGET = DBT_PROJECT_DIR / "target"
PARTIAL_PARSE = "partial_parse.msgpack"
RUN_RESULTS = "run_results.json"
DEFAULT_WAREHOUSE_NAME = "warehouse.duckdb"


def dbt_environment(warehouse_name: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a dbt process: this one's, with the warehouse file by name and the Parquet
    datasets at their default (the link), so the rendered profile and sources do not depend on paths."""
    env = {k: v for k, v in os.environ.items() if k != "BUDGET_PARQUET_DIR"}
    env["BUDGET_WAREHOUSE"] = warehouse_name
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    # dbt's own log file (target/logs/dbt.log) repeats every event at debug level, which costs
    # a build about an eighth of its time; the run's log keeps dbt's info-level events.
    # DBT_LOG_LEVEL_FILE=debug in the environment brings the file back.
    env.setdefault("DBT_LOG_LEVEL_FILE", "none")
    env.update(extra or {})
    return env


def dbt_args(*args: str, target_path: Path) -> list[str]:
    """dbt's arguments over dbt_project/ (its profiles.yml too), with its artifacts in target_path."""
    return [*args, "--project-dir", os.fspath(DBT_PROJECT_DIR), "--profiles-dir", os.fspath(DBT_PROJECT_DIR),
            "--target-path", os.fspath(target_path)]


def dbt_command(*args: str, target_path: Path) -> list[str]:
    """A dbt command line (dbt_args) for dbt's own executable."""
    return [DBT_EXECUTABLE, *dbt_args(*args, target_path=target_path)]


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
    (target_path / RUN_RESULTS).unlink(missing_ok=True)  # a build that stops early must not read the last one's
    seed = PROJECT_TARGET / PARTIAL_PARSE
    if seed.exists() and not (target_path / PARTIAL_PARSE).exists():
        target_path.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target_path / PARTIAL_PARSE)


# the dbt events a build passes on: info and above (what dbt prints), and never its debug chatter
_PASSED_LEVELS = frozenset({"info", "warn", "error"})
_DONE = object()


@contextmanager
def _as_dbt_sees_it(folder: Path, env: dict[str, str]) -> Iterator[None]:
    """This process's working folder and environment set as a dbt build expects them, while it runs.

    dbt renders its profile from the environment and DuckDB opens the file by a name
    relative to the working folder (see the module's docstring), so both are set for
    the build and restored after it, even when it fails.
    """
    saved_folder, saved_env = os.getcwd(), dict(os.environ)
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.chdir(saved_folder)
        os.environ.clear()
        os.environ.update(saved_env)


def _close_dbt_connections() -> None:
    """Close the DuckDB file dbt built, so this process can open it again (read-only, to trace a
    failed test, or to write the build record): dbt-duckdb keeps it open after a failed build."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.factory import reset_adapters

    reset_adapters()
    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


class DbtBuild:
    """A `dbt build` running in a thread of this process (dbt's programmatic runner).

    The run's process has dbt imported already (dagster-dbt imports it), so a build in
    it saves a second interpreter's start and dbt's import. Its log events come as
    they happen (``events``), then its artifacts (``artifact``).
    """

    def __init__(self, args: list[str], folder: Path, env: dict[str, str], target_path: Path):
        self.target_path = target_path
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._success = False
        self.stopped_because: str | None = None  # dbt's own message when it stopped with an error
        self._thread = threading.Thread(target=self._run, args=(args, folder, env), name="dbt-build", daemon=True)
        self._thread.start()

    def _run(self, args: list[str], folder: Path, env: dict[str, str]) -> None:
        from dbt.cli.main import dbtRunner

        try:
            with _as_dbt_sees_it(folder, env):
                result = dbtRunner(callbacks=[self._on_event]).invoke(args)
            self._success = bool(result.success)
            if result.exception is not None:
                self.stopped_because = str(result.exception)
        except BaseException as error:  # noqa: BLE001 - any failure of dbt is a failed build, reported
            self.stopped_because = f"{type(error).__name__}: {error}"
        finally:
            try:
                if self.stopped_because:
                    self._events.put(f"dbt stopped: {self.stopped_because}")
                _close_dbt_connections()
            finally:
                self._events.put(_DONE)  # whatever happened, the reader of the events is released

    def _on_event(self, message) -> None:
        if message.info.level in _PASSED_LEVELS:
            from dbt_common.events.functions import msg_to_dict

            self._events.put(msg_to_dict(message))

    def events(self) -> Iterator[dict | str]:
        """dbt's log events at info level and above, as dicts shaped like its JSON log lines
        (``info``, ``data``); a plain line when dbt itself stopped with an error."""
        while (event := self._events.get()) is not _DONE:
            yield event
        self._thread.join()

    @property
    def success(self) -> bool:
        """The build ran to the end and every node passed."""
        self._thread.join()
        return self._success

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
    args = dbt_args("build", "--exclude-resource-type", "unit_test", "--log-level", "none", target_path=target_path)
    return DbtBuild(args, build_dir, dbt_environment(build_path.name, extra_env), target_path)
