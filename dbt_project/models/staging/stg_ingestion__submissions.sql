with

source as (

    select * from {{ source('ingestion', 'submissions') }}

),

final as (

    select
        submission_id,
        source as source_table,
        sha256,
        original_filename,
        submitted_by,
        cast(submitted_at as timestamptz) as submitted_at,
        channel,
        file_format,
        sheet,
        declared_unit,
        total as declared_total,
        total_unit as declared_total_unit,
        regions,
        periods,
        row_count

    from source

)

select * from final
