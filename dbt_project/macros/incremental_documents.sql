{#-
    Incremental facts, by document (增量构建).

    The big per-document facts (fct_line_items, fct_other_table_rows,
    fct_narrative_statements) are incremental models: when the build starts from the
    published warehouse (the pipeline copies it into the build folder, only when the
    parser, the extractor and this dbt project are unchanged: pipeline/load/build_base.py),
    they keep the rows of every document whose version is unchanged, delete the rows of
    removed and changed documents, and insert the rows of new and changed documents.
    A build that starts from an empty file (the first, a new parser or dbt project,
    `pipeline run --full-refresh`) builds them in full; both give the same tables
    (tests/integration/test_incremental_build.py).

    A document's version (build_document_versions) is a hash of its documents row, which
    the parse stage rewrites, with a new extracted_at, whenever it parses the document.

    snapshot_document_versions (on-run-start of `dbt build` and `dbt run`; other commands,
    such as `dbt test` on a published warehouse, write nothing): the versions the file held
    before this build, as previous_document_versions; dropped again on-run-end.
-#}

{% macro snapshot_document_versions() -%}
    {%- set published = adapter.get_relation(database=target.database, schema=target.schema,
                                             identifier='build_document_versions') -%}
    {%- if flags.WHICH not in ('build', 'run') -%}
        select 1
    {%- elif published is not none and not flags.FULL_REFRESH -%}
        create or replace table {{ target.schema }}.previous_document_versions as
        select document_id, document_version from {{ published }}
    {%- else -%}
        create or replace table {{ target.schema }}.previous_document_versions
        (document_id varchar, document_version varchar)
    {%- endif -%}
{%- endmacro %}


{% macro drop_document_versions_snapshot() -%}
    {%- if flags.WHICH in ('build', 'run') -%}
        drop table if exists {{ target.schema }}.previous_document_versions
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}


{#- The documents whose rows are kept as they are: same id and version before and now
    (previous_document_versions is in the schema the models are built in). -#}
{% macro unchanged_documents() -%}
    select document_id, document_version from previous_document_versions
    intersect
    select document_id, document_version from {{ ref('build_document_versions') }}
{%- endmacro %}


{#- The where-condition of an incremental fact's new rows: documents not unchanged. -#}
{% macro is_document_to_build(document_column='document_key') -%}
    {%- if is_incremental() -%}
        {{ document_column }} not in (select document_id from ({{ unchanged_documents() }}))
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{#- The pre-hook of an incremental fact: delete the rows of removed and changed documents. -#}
{% macro delete_documents_to_rebuild(document_column='document_key') -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ document_column }} not in (select document_id from ({{ unchanged_documents() }}))
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
