"""Warehouse stage: dbt models as Dagster assets, built into a scratch file and then published.

The build is one separate step (it reads every document's Parquet files), under
an exclusive build lock. When nothing changed since the published warehouse was
built (same fingerprint: files, code versions, document outputs, dbt project),
the dbt build is skipped entirely.
"""

import logging
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from dagster import AssetCheckKey, AssetCheckResult, AssetExecutionContext, AssetKey, Output
from dagster_dbt import DagsterDbtTranslator, DbtProject, dbt_assets
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from ..load import build_base, dbt_build, quarantine
from ..load.publish import DBT_TARGET, build_lock, new_build_path, publish, write_build_info
from ..orchestrate import plan as run_plan
from ..orchestrate import stages
from ..orchestrate.progress import StageCounter
from ..settings import DBT_PROJECT_DIR
from .audit import make_audit_check
from .ingest import EXTRACTED, PARSED, RAW_DOCUMENTS, REMOVED_DOCUMENTS
from .resources import PipelineSettings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class _QuietEphemeralTests(logging.Filter):
    """dagster-dbt warns once per dbt test of an ephemeral (staging/intermediate) model, which is not a
    Dagster asset; those tests still run in `dbt build` and a failing one still fails it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "instead of an `AssetCheckResult`" not in record.getMessage()


logging.getLogger("dagster.builtin").addFilter(_QuietEphemeralTests())


def _manifest_is_stale() -> bool:
    """True when manifest.json is missing or older than any file of the dbt project."""
    if not dbt_project.manifest_path.exists():
        return True
    built = dbt_project.manifest_path.stat().st_mtime
    sources = [p for sub in ("models", "seeds", "macros", "tests") for p in (DBT_PROJECT_DIR / sub).rglob("*")]
    sources += [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


if _manifest_is_stale():
    # `dbt parse` once, so the asset graph is known, and rendered as a build renders it, so a new
    # warehouse's first build starts from this parse (load/dbt_build.py)
    dbt_build.parse_project(dbt_project.target_path)

# dbt sources (Parquet datasets) → the ingestion asset that writes them
_SOURCE_ASSETS = {"inventory": RAW_DOCUMENTS, "removed_documents": REMOVED_DOCUMENTS}
_SOURCE_ASSETS.update({name: AssetKey(["extracted", name]) for name in EXTRACTED})
_SOURCE_ASSETS.update({name: AssetKey(["parsed", name]) for name in PARSED})


class Translator(DagsterDbtTranslator):
    """dbt sources are the ingestion assets that write their Parquet; every dbt node is in the warehouse group."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        """A dbt source's key is the ingestion asset that writes it; other nodes keep dagster-dbt's key."""
        if dbt_resource_props["resource_type"] == "source" and dbt_resource_props["name"] in _SOURCE_ASSETS:
            return _SOURCE_ASSETS[dbt_resource_props["name"]]
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        """Every dbt node goes in the `warehouse` group."""
        return "warehouse"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=Translator())
def warehouse_models(context: AssetExecutionContext, pipeline: PipelineSettings):
    """`dbt build` into a fresh scratch file; published over the live file only when it succeeds.

    Skipped (nothing materialized) when the published warehouse was built from exactly the current inputs.
    """
    settings = pipeline.settings()
    with build_lock(settings.build_dir):
        _, rows = run_plan.current_entries(settings)
        fingerprint = run_plan.fingerprint(settings, rows)
        published = build_base.published_build_info(settings.warehouse)
        if not settings.full_refresh and published and published.get("fingerprint") == fingerprint:
            context.log.info(f"nothing changed since {settings.warehouse} was built "
                             f"(fingerprint {fingerprint}): the dbt build is skipped")
            return
        started = time.monotonic()
        counter = StageCounter("warehouse", 1)
        code = {"extractor_version": stages.extract_key(), "parser_version": stages.parse_key(),
                "dbt_project_version": run_plan.dbt_project_version()}
        base = build_base.choose_base(published, code, settings.full_refresh)
        context.log.info(f"warehouse build: {base.mode} ({base.reason})")
        build, held = yield from _build_holding_back(context, settings, base)
        write_build_info(build, {
            "fingerprint": fingerprint,
            "built_at": datetime.now(UTC),
            "documents": len({r["document_id"] for r in rows}),
            "files": len(rows),
            **code,
            "build_mode": base.mode,
            "raw_dir": str(settings.raw_dir),
            "build_seconds": round(time.monotonic() - started, 2),
            "held_back_documents": len(held),
        })
        publish(build, settings.warehouse)
        counter.advance()
        context.log.info(f"published {settings.warehouse}" + (
            f" without {len(held)} held-back document(s): " + ", ".join(h.document_id for h in held) if held else ""))


# the document audit: WARN when a document of the published warehouse has error findings (pipeline/defs/audit.py)
audit_check = make_audit_check(warehouse_models.keys)


class WarehouseBuildFailed(RuntimeError):
    """The build did not publish; its message says why in plain words (the run's summary shows it)."""


MAX_BUILDS = 3  # the first build, and up to two more each holding back the documents whose rows failed


def _build_holding_back(context: AssetExecutionContext, settings, base: build_base.BuildBase):
    """`dbt build`; when data tests fail on some documents' rows, build again without them.

    Every attempt starts from `base` (a copy of the published warehouse, or nothing).
    Yields the Dagster events of the build that is kept (the passing one, or the last
    failing one); returns (build path, documents held back). Raises when a build
    fails for a reason that is not a document's (load/quarantine.py).
    """
    held: list[quarantine.HeldBack] = []
    target_path = settings.build_dir / DBT_TARGET
    for attempt in range(1, MAX_BUILDS + 1):
        build = new_build_path(settings.build_dir, settings.warehouse.name)
        build_base.start_build_file(base, settings.warehouse, build)
        run = dbt_build.start_build(build, settings.extract_dir, target_path, quarantine.environment(held))
        events = list(_dagster_events(context, run))
        if run.success:
            yield from events
            return build, held
        results = run.artifact(dbt_build.RUN_RESULTS)
        if results is None:  # dbt stopped before building anything (its profile, the project, the database)
            yield from events
            raise WarehouseBuildFailed("the warehouse build failed and was not published: dbt stopped before "
                                       f"building any model ({run.stopped_because or 'see the full log'})")
        failed = quarantine.failed_nodes(results, run.artifact("manifest.json"))
        traced, untraced = quarantine.trace(build, failed)
        new = {doc: test for doc, test in traced.items() if doc not in {h.document_id for h in held}}
        for test in failed:
            context.log.warning(f"build {attempt}: {test.resource_type} {test.name} {test.status}: {test.message}")
        if untraced or not new or attempt == MAX_BUILDS:
            yield from events
            reason = quarantine.describe(untraced) if untraced else (
                "the same documents failed again after being held back" if not new else
                f"documents still failed after {MAX_BUILDS} builds")
            raise WarehouseBuildFailed(f"the warehouse build failed and was not published: {reason}")
        held += quarantine.held_back(new, datetime.now(UTC))
        context.log.warning(f"build {attempt}: holding back {len(new)} document(s) whose rows failed a data test "
                            f"({', '.join(sorted(new))}); building again without them")
    raise AssertionError("unreachable")


def _dagster_events(context: AssetExecutionContext, run: dbt_build.DbtBuild) -> Iterator:
    """dbt's log, printed line by line as dbt prints it, and the Dagster events of its results: an
    Output per model and seed, an AssetCheckResult per data test (dagster-dbt's own translation),
    for the assets and checks this run selected."""
    translator = Translator()
    selected_outputs = set(context.op_execution_context.selected_output_names)
    selected_checks = set(context.selected_asset_check_keys)
    for raw in run.events():
        if isinstance(raw, str):
            print(raw, flush=True)
            continue
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        if raw["info"].get("name") != "JinjaLogInfo":
            print(str(event), flush=True)
        for dagster_event in event.to_default_asset_events(
                manifest=dbt_project.manifest_path, dagster_dbt_translator=translator, context=context,
                target_path=run.target_path, project=dbt_project):
            if isinstance(dagster_event, Output) and dagster_event.output_name not in selected_outputs:
                continue
            if isinstance(dagster_event, AssetCheckResult) and AssetCheckKey(
                    dagster_event.asset_key, dagster_event.check_name) not in selected_checks:
                continue
            yield dagster_event
