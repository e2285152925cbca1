-- Which budget (部门预算) and final account (部门决算) belong together: one row per
-- department and fiscal year that has either, with the budget and the final
-- document chosen for it, or the reason why there is no pair.
--
-- Department names are matched after normalization, never guessed: whitespace
-- removed, full-width brackets made half-width, scope markers （汇总）/（本级）
-- dropped, and the place names of its region (province, city, county, from
-- pipeline/parse/regions.py) removed — 洛阳市孟津区政务服务和大数据管理局 and
-- 孟津区政务服务和大数据管理局 are both 410308|政务服务和大数据管理局. Two documents
-- pair when this key and the fiscal year are equal. When several documents have
-- the same key, year and report type (the same report as PDF and as text), the one
-- dim_document marks is_preferred is used (most amounts read, then best
-- reconciliation quality); the number of versions is kept. A document without a counterpart is listed with
-- status budget_only / final_only and, for a human to look at, the documents of
-- the other kind for the same year and region whose names differ.

with

documents as (

    -- department_match_key, version_count and is_preferred are computed in dim_document
    select * from {{ ref('dim_document') }}
    where department_match_key is not null
        and fiscal_year is not null
        and report_type in ('budget', 'final')

),

chosen_budgets as (

    select * from documents
    where is_preferred
        and report_type = 'budget'

),

chosen_finals as (

    select * from documents
    where is_preferred
        and report_type = 'final'

),

paired as (

    select
        coalesce(budgets.department_match_key, finals.department_match_key) as department_match_key,
        coalesce(budgets.fiscal_year, finals.fiscal_year) as fiscal_year,
        budgets.document_key as budget_document_key,
        budgets.source_file as budget_source_file,
        budgets.department as budget_department,
        budgets.scope as budget_scope,
        coalesce(budgets.version_count, 0) as budget_version_count,
        finals.document_key as final_document_key,
        finals.source_file as final_source_file,
        finals.department as final_department,
        finals.scope as final_scope,
        coalesce(finals.version_count, 0) as final_version_count,
        coalesce(finals.department_key, budgets.department_key) as department_key,
        coalesce(finals.department, budgets.department) as department_name,
        coalesce(finals.province, budgets.province) as province,
        coalesce(finals.city, budgets.city) as city,
        coalesce(finals.county, budgets.county) as county,
        coalesce(finals.division_code, budgets.division_code) as division_code
    from chosen_budgets as budgets
    full outer join chosen_finals as finals
        on budgets.department_match_key = finals.department_match_key
        and budgets.fiscal_year = finals.fiscal_year

),

candidates as (

    -- documents of the other kind, same year and region, different name: listed, not matched
    select
        paired.department_match_key,
        paired.fiscal_year,
        string_agg(distinct others.department || ' (' || others.source_file || ')', '; ') as other_documents
    from paired
    inner join documents as others
        on paired.fiscal_year = others.fiscal_year
        and paired.division_code is not distinct from others.division_code
        and paired.department_match_key <> others.department_match_key
        and others.report_type = case when paired.budget_document_key is null then 'budget' else 'final' end
    where paired.budget_document_key is null or paired.final_document_key is null
    group by paired.department_match_key, paired.fiscal_year

),

final as (

    select
        -- keys
        {{ make_key(['paired.department_match_key', 'paired.fiscal_year']) }} as pair_key,
        paired.department_match_key,
        paired.fiscal_year,
        paired.department_key,

        -- department and region
        paired.department_name,
        paired.province,
        paired.city,
        paired.county,
        paired.division_code,

        -- the pair
        case
            when paired.budget_document_key is not null and paired.final_document_key is not null then 'matched'
            when paired.final_document_key is null then 'budget_only'
            else 'final_only'
        end as status,
        case
            when paired.budget_document_key is not null and paired.final_document_key is not null
                then 'budget and final account of the same department and year'
            when paired.final_document_key is null
                then 'no final account (部门决算) of this department for this year in the warehouse'
            else 'no budget (部门预算) of this department for this year in the warehouse'
        end as reason,
        candidates.other_documents as unmatched_candidates,
        paired.budget_document_key,
        paired.budget_source_file,
        paired.budget_department,
        paired.budget_scope,
        paired.budget_version_count,
        paired.final_document_key,
        paired.final_source_file,
        paired.final_department,
        paired.final_scope,
        paired.final_version_count,
        coalesce(
            paired.budget_scope is not null and paired.final_scope is not null
            and paired.budget_scope <> paired.final_scope,
            false
        ) as scope_differs

    from paired
    left join candidates
        on paired.department_match_key = candidates.department_match_key
        and paired.fiscal_year = candidates.fiscal_year

)

select * from final
