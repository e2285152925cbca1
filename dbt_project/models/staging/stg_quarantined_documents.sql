-- Documents the warehouse build held back (quarantine): one row per document whose
-- rows failed a data test in an earlier attempt of the same build. The build
-- (pipeline/defs/warehouse.py, pipeline/load/quarantine.py) passes them in the
-- environment variable BUDGET_QUARANTINE as a JSON list; without it (a build by
-- hand, or a night without a failing test) the list is empty. Every staging model
-- of a document's rows leaves these documents out (macro without_quarantined),
-- and ingestion_errors lists them with the failed test's meaning.

with

source as (

    select unnest(
        from_json(
            '{{ env_var("BUDGET_QUARANTINE", "[]") | replace("'", "''") }}',
            '[{"document_id": "VARCHAR", "test_name": "VARCHAR", '
            || '"reason": "VARCHAR", "held_at": "VARCHAR"}]'
        ),
        recursive := true
    )

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(test_name as varchar) as test_name,
        cast(reason as varchar) as reason,
        cast(held_at as timestamptz) as held_at
    from source

)

select * from renamed
