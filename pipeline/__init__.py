"""Budget-disclosure warehouse: raw documents → Parquet → dbt-duckdb star schema."""
