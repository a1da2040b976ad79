-- description: One row per loaded or synced table: when it last loaded, how many rows, and the last error; and, while the last refresh of the store failed, one row (refresh) (snapshot) saying why (connections read the snapshot before it).
-- column last_success: when the table last loaded without error (UTC)
-- column row_count: rows of the table as last loaded: a failed file load leaves 0 (the file is never half-loaded); a failed API sync keeps the last good sync and its count
-- column last_error: why the last load failed; after a good API sync, a note on what it had to do differently (e.g. a full read because the cursor was older than the API keeps its change log); else NULL
SELECT "source_name", "table_name", "last_success", "row_count", "error" AS "last_error"
FROM "finance"."_store"."load_state"
UNION ALL
SELECT "source_name", "table_name", "last_success", "row_count", "last_error"
FROM "sync"."_state"."refresh_failure"
