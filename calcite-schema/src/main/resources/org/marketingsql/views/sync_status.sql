-- description: One row per loaded or synced table: when it last loaded, how many rows, the last error, the snapshot this connection reads and what is pending for its source; and, while the last refresh of the store failed, one row (refresh) (snapshot) saying why (connections read the snapshot before it).
-- column source_name: the configured source the table belongs to
-- column table_name: the table, in the source's schema
-- column last_success: when the table last loaded without error (UTC)
-- column row_count: rows of the table as last loaded: a failed file load leaves 0 (the file is never half-loaded); a failed API sync keeps the last good sync and its count
-- column last_error: why the last load failed; after a good API sync, a note on what it had to do differently (e.g. a full read because the cursor was older than the API keeps its change log); else NULL
-- column last_attempt: when the table was last loaded or synced, or tried (UTC)
-- column snapshot_generation: the published snapshot this connection reads (as in finance.data_freshness); NULL for a store on a database server
-- column snapshot_at: when that snapshot was published (UTC): the data is as of this time
-- column pending: what waits for the next refresh of the table's source (as in finance.data_freshness); NULL when nothing does
SELECT l."source_name", l."table_name", l."last_success", l."row_count", l."error" AS "last_error",
  l."loaded_at" AS "last_attempt", s."snapshot_generation", s."snapshot_at", s."pending"
FROM "finance"."_store"."load_state" AS l
LEFT JOIN "finance"."_state"."sources" AS s ON s."source_name" = l."source_name"
UNION ALL
SELECT f."source_name", f."table_name", f."last_success", f."row_count", f."last_error",
  f."last_attempt", s."snapshot_generation", s."snapshot_at", CAST(NULL AS VARCHAR) AS "pending"
FROM "sync"."_state"."refresh_failure" AS f
CROSS JOIN (SELECT MAX("snapshot_generation") AS "snapshot_generation", MAX("snapshot_at") AS "snapshot_at"
  FROM "finance"."_state"."sources") AS s
