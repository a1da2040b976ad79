package org.marketingsql.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.marketingsql.metrics.FinanceFacts;
import org.marketingsql.config.ConfigProblem;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.source.DateRange;
import org.marketingsql.schema.Refresher;
import org.marketingsql.store.Store;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.StoreFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Brings the API sources up to date in the store. Progress and the summary go to stderr (stdout is for
 * results only): a bar per table when stderr is a terminal, plain lines otherwise; the exit
 * code is 1 when a table failed, whose last good data stays.
 */
@Command(name = "sync", description = "Sync the API sources (stripe, hubspot, google-ads, meta-ads, linkedin-ads, microsoft-ads) into the store and publish its next snapshot; progress on stderr.")
final class SyncCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "FILE", description = "the configuration (default: ./marketing.yaml)")
  Path model;

  @Option(names = "--source", paramLabel = "NAME", description = "sync only this source")
  String source;

  @Option(names = "--full", description = "re-read everything instead of from the last sync's cursor")
  boolean full;

  @Option(names = "--from", paramLabel = "DATE", description = "re-read the date-based tables from this day"
      + " (YYYY-MM-DD); tables read whole are skipped")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "the last day --from re-reads (YYYY-MM-DD; default: today)")
  String to;

  @Override
  public Integer call() {
    Path file = model != null ? model : Path.of("marketing.yaml");
    if (!Files.isRegularFile(file)) {
      System.err.println("sync: no configuration at " + file.toAbsolutePath() + "; pass --model FILE");
      return 1;
    }
    List<ConfigProblem> problems = CheckCommand.problems(file);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println(file + ": " + p));
      return 1;
    }
    MarketingConfig config = CheckCommand.read(file);
    DateRange range = null;
    if (from != null || to != null) {
      if (full) {
        System.err.println("sync: --full re-reads everything; it cannot be combined with --from/--to");
        return 1;
      }
      if (from == null) {
        System.err.println("sync: --to needs --from (the first day to re-read)");
        return 1;
      }
      try {
        LocalDate first = day("--from", from);
        LocalDate last = to == null ? null : day("--to", to);
        range = new DateRange(first, last != null ? last : LocalDate.now(config.timeZone()));
      } catch (IllegalArgumentException e) {
        System.err.println("sync: " + e.getMessage());
        return 1;
      }
    }
    for (SourceConfig s : config.sources()) {
      if (ApiSync.isApi(s.type()) && s.offline() && (source == null || source.equals(s.name()))) {
        System.err.println(s.name() + ": offline, not synced");
      }
    }
    if (source != null && config.sources().stream().noneMatch(s -> ApiSync.isApi(s.type()) && s.name().equals(source))) {
      System.err.println("sync: no API source named " + source + "; API sources: " + config.sources().stream()
          .filter(s -> ApiSync.isApi(s.type())).map(SourceConfig::name).toList());
      return 1;
    }
    DateRange days = range;
    Optional<StoreFolder> folder = StoreFolder.of(config.store());
    if (folder.isPresent()) {
      // A DuckDB store: sync into the next snapshot, and publish it before exiting.
      try {
        int exit = Refresher.of(config).refreshWith(store -> sync(config, store, days));
        System.err.println("published snapshot " + folder.get().current().map(g -> g.number()).orElse(0L)
            + " of " + folder.get().dir());
        return exit;
      } catch (Refresher.RefreshException e) {
        System.err.println("sync: " + e.getMessage());
        return 1;
      }
    }
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      return sync(config, store, days);
    } catch (IllegalArgumentException e) {
      System.err.println("sync: " + e.getMessage());
      return 1;
    }
  }

  private int sync(MarketingConfig config, Store store, DateRange range) {
    ApiSync sync = ApiSync.of(config, store);
    ApiTableSync.Listener progress = StderrTerminal.isTerminal() ? SyncBars.onTerminal(System.err) : new Progress();
    List<ApiTableSync.Outcome> outcomes;
    if (range != null) {
      ApiSync.RangeSync ranged = sync.syncRange(Optional.ofNullable(source), range, progress);
      ranged.skipped().forEach(t -> System.err.println(t + ": not read by days, skipped (sync without --from syncs it)"));
      outcomes = ranged.outcomes();
    } else {
      outcomes = sync.sync(Optional.ofNullable(source), full, progress);
    }
    long failed = outcomes.stream().filter(ApiTableSync.Outcome::failed).count();
    if (outcomes.size() > failed) {
      FinanceFacts.rebuild(config, store, Clock.systemUTC());
    }
    long rows = outcomes.stream().mapToLong(ApiTableSync.Outcome::rowsRead).sum();
    System.err.println("synced " + (outcomes.size() - failed) + " of " + outcomes.size() + " tables"
        + (range != null ? " for " + range.from() + " to " + range.to() : "") + ", " + rows
        + " rows read" + (failed > 0 ? "; " + failed + " failed and kept their last good data" : ""));
    return failed > 0 ? 1 : 0;
  }

  private static LocalDate day(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " " + text + " is not a date; use YYYY-MM-DD", e);
    }
  }

  /** Plain lines, one per page and one per table, so logs of scheduled runs stay readable. */
  private static final class Progress implements ApiTableSync.Listener {
    @Override
    public void page(String source, String table, int pages, int rows) {
      System.err.println(source + "." + table + ": page " + pages + ", " + rows + " rows");
    }

    @Override
    public void done(ApiTableSync.Outcome o) {
      System.err.println(o.failed() ? o.source() + "." + o.table() + ": FAILED: " + o.error()
          : o.source() + "." + o.table() + ": " + o.rowsRead() + " rows read in " + o.pages() + " pages, "
              + o.rowCount() + " rows in the table");
    }
  }
}
