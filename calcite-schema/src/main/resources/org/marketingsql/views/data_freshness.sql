-- description: One row per configured source: when it last refreshed, the time of the snapshot this connection reads, and what is waiting for the next refresh. It shows every source's name, type, times and errors (never its data), whichever sources a user may read. Times are TIMESTAMP in UTC.
-- column source_name: the source's name in the configuration (also its schema)
-- column source_type: the source's type in the configuration: csv-folder, google-ads, meta-ads, stripe, ...
-- column tables: how many tables the source has in this snapshot (files of a folder, tables of an API)
-- column failed_tables: how many of them failed their last load or sync (a file that does not parse, a sync the API refused); a source that could not be refreshed at all (a folder that cannot be listed) keeps its tables' last good data and status, with the error in last_error
-- column last_success_at: the latest time one of its tables loaded or synced without error (TIMESTAMP, UTC); an export file that did not change is not loaded again, so a folder's time is that of its last changed file; NULL before any success
-- column last_attempt_at: the latest time one of its tables was loaded or synced, or tried (TIMESTAMP, UTC)
-- column last_error: the errors of its tables as sync.sync_status shows them, each as table: error, separated by ; (why a load or sync failed, or a note on what a good API sync had to do differently); NULL when none has one
-- column snapshot_generation: the number of the published snapshot this connection reads (it grows by one with each refresh that publishes); NULL for a store on a database server, which is refreshed in place
-- column snapshot_at: when the snapshot this connection reads was published (TIMESTAMP, UTC): the data is as of this time; for a store on a database server, when this connection refreshed it; the reports print it as data as of
-- column last_refresh_error: why the last refresh of the whole store failed, while it has not succeeded since (it published nothing, so connections read the snapshot before it); the same on every row; NULL after a good refresh
-- column last_refresh_error_at: when that refresh failed (TIMESTAMP, UTC)
-- column pending: what waits for the next refresh, as short phrases separated by ; (export files new, changed or gone; API data older than maxAge; days queries asked for; finance facts to rebuild; a refresh running; a newer snapshot); NULL when nothing does
SELECT "source_name", "source_type", "tables", "failed_tables", "last_success_at", "last_attempt_at", "last_error",
  "snapshot_generation", "snapshot_at", "last_refresh_error", "last_refresh_error_at", "pending"
FROM "finance"."_state"."sources"
