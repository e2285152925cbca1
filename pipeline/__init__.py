"""Budget-disclosure warehouse: raw documents → Parquet → dbt-duckdb star schema."""
from importlib.metadata import PackageNotFoundError, version

try:  # the one version string is pyproject.toml's; the installed package metadata carries it
    __version__ = version("budget-warehouse")
except PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
    __version__ = "0+unknown"
