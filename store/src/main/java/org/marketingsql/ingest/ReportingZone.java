package org.marketingsql.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.Sql;
import org.marketingsql.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored orders' days in the configuration's reporting time zone. The zone the stored days are in
 * is recorded in the store's settings ({@code time_zone}); when the configuration names another, every stored
 * order is re-dayed before anything loads:
 *
 * <ul>
 *   <li>an API table whose {@code order_date} is the day of a stored instant (Stripe's charges: {@code created};
 *       HubSpot's deals: {@code close_date}, both UTC) gets the day of that instant in the new zone, and so does
 *       the orders input it feeds;</li>
 *   <li>a payment or CRM export keeps the order time as the file wrote it only in the file, so the file is
 *       loaded again (its load state forgets the file's modification time and hash).</li>
 * </ul>
 * Days written without a time (a hand-made orders file) are days as written and do not move. The facts are
 * marked for a rebuild, all in one transaction with the zone's record.
 */
public final class ReportingZone {
  private static final Logger LOG = LoggerFactory.getLogger(ReportingZone.class);
  private static final String SETTING = "time_zone";
  private static final String ORDERS = "ORDERS";
  /** The instant each API table's {@code order_date} is the day of, by the column it is stored in. */
  private static final List<String> INSTANTS = List.of("created", "close_date");

  private final Store store;
  private final ZoneId zone;

  /** @param zone the configuration's reporting time zone */
  public ReportingZone(Store store, ZoneId zone) {
    this.store = Objects.requireNonNull(store, "store");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The zone the stored orders' days are in, if the store recorded one. */
  public Optional<ZoneId> stored() {
    return store.read(ReportingZone::recorded);
  }

  private static Optional<ZoneId> recorded(Handle handle) {
    return handle.createQuery("SELECT \"value\" FROM \"_marketing\".\"settings\" WHERE \"name\" = ?").bind(0, SETTING)
        .mapTo(String.class).findOne().map(ZoneId::of);
  }

  /**
   * Re-days the stored orders when the zone they are in is not the configured one (or is not recorded: a store
   * from before the zone was recorded), and records the configured zone.
   *
   * @return how many stored orders moved to another day (API tables; reloaded export files are not counted)
   */
  public long follow() {
    if (stored().filter(zone::equals).isPresent()) {
      return 0;
    }
    return store.write("re-daying the stored orders in " + zone, handle -> {
      Optional<ZoneId> before = recorded(handle);
      if (before.filter(zone::equals).isPresent()) {
        return 0L;
      }
      long moved = 0;
      List<String> reloaded = new ArrayList<>();
      List<LoadState> states = LoadState.all(handle);
      for (LoadState state : states) {
        List<String> columns = state.columns() == null ? List.of() : List.of(state.columns().split(","));
        if (ORDERS.equals(state.inputKind()) && columns.contains("export_format") && !state.filePath().startsWith("api:")) {
          LoadState.save(handle, state.withFile(state.fileSize(), -1, null));
          reloaded.add(state.filePath());
        } else if (state.filePath().startsWith("api:") && state.inputKind() == null && columns.contains("order_id")
            && columns.contains("order_date")) {
          String instant = INSTANTS.stream().filter(columns::contains).findFirst().orElse(null);
          if (instant != null) {
            moved += reday(handle, state, instant, feeds(states, state));
          }
        }
      }
      handle.execute("DELETE FROM \"_marketing\".\"settings\" WHERE \"name\" = ?", SETTING);
      handle.execute("INSERT INTO \"_marketing\".\"settings\" VALUES (?, ?)", SETTING, zone.getId());
      if (before.isPresent()) {
        PendingFacts.mark(handle, "the reporting time zone changed from " + before.get() + " to " + zone);
        LOG.info("the reporting time zone changed from {} to {}: {} stored orders moved to another day, {} export"
            + " files load again", before.get(), zone, moved, reloaded.size());
      } else if (moved > 0 || !reloaded.isEmpty()) {
        PendingFacts.mark(handle, "the stored orders were re-dayed in " + zone);
      }
      return moved;
    });
  }

  /** The orders inputs an API table feeds: the other tables synced from it. */
  private static List<LoadState> feeds(List<LoadState> states, LoadState table) {
    return states.stream().filter(s -> s.sourceName().equals(table.sourceName()) && ORDERS.equals(s.inputKind())
        && s.filePath().equals(table.filePath()) && !s.tableName().equals(table.tableName())).toList();
  }

  /** Sets each row's {@code order_date} to its instant's day in the zone, where that differs, here and in its feeds. */
  private long reday(Handle handle, LoadState state, String instant, List<LoadState> feeds) {
    String table = Sql.quote(state.sourceName()) + "." + Sql.quote(state.tableName());
    record Move(String orderId, LocalDate day) {}
    List<Move> moves = handle.createQuery("SELECT \"order_id\", \"order_date\", " + Sql.quote(instant) + " FROM " + table
            + " WHERE " + Sql.quote(instant) + " IS NOT NULL")
        .map((rs, ctx) -> {
          LocalDate day = rs.getObject(3, LocalDateTime.class).atOffset(ZoneOffset.UTC).atZoneSameInstant(zone)
              .toLocalDate();
          Date stored = rs.getDate(2);
          return stored != null && stored.toLocalDate().equals(day) ? null : new Move(rs.getString(1), day);
        }).list().stream().filter(Objects::nonNull).toList();
    if (moves.isEmpty()) {
      return 0;
    }
    List<String> tables = new ArrayList<>(List.of(table));
    feeds.forEach(f -> tables.add(Sql.quote(f.sourceName()) + "." + Sql.quote(f.tableName())));
    for (String target : tables) {
      PreparedBatch update = handle.prepareBatch("UPDATE " + target + " SET \"order_date\" = ? WHERE \"order_id\" = ?");
      for (Move move : moves) {
        update.bind(0, Date.valueOf(move.day())).bind(1, move.orderId()).add();
      }
      update.execute();
    }
    return moves.size();
  }
}
