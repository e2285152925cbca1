{#-
    dbt's four built-in generic data tests, returning the failing rows whole.

    The built-in versions return only the failing values (a duplicated key, a value
    outside the list), so a failure could not be traced to the document it came
    from. These return every column of the failing rows — document_key or
    document_id among them where the model has one — so that the warehouse build
    can hold that one document back and publish the rest (pipeline/load/quarantine.py).
    What passes and what fails is the same as with dbt's own: dbt dispatches
    test_<name> to the root project's default__test_<name> first.
-#}

{% macro default__test_unique(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} in (
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} is not null
    group by {{ column_name }}
    having count(*) > 1
)
{% endmacro %}


{% macro default__test_not_null(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is null
{% endmacro %}


{% macro default__test_accepted_values(model, column_name, values, quote=True) %}
{%- set value_list = ("'" ~ values | join("', '") ~ "'") if quote else values | join(', ') %}
select *
from {{ model }}
where {{ column_name }} not in ({{ value_list }})
{% endmacro %}


{% macro default__test_relationships(model, column_name, to, field) %}
with

parent as (
    select {{ field }} as to_field
    from {{ to }}
)

select child.*
from {{ model }} as child
left join parent
    on child.{{ column_name }} = parent.to_field
where
    child.{{ column_name }} is not null
    and parent.to_field is null
{% endmacro %}
