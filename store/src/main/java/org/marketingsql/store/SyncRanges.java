package org.marketingsql.store;

import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.marketingsql.source.DateRange;

/**
 * Which days each API table holds (table {@code _marketing.sync_ranges}): every good sync by days adds
 * the days it read, kept merged so each table has a few disjoint spans. A query over days outside
 * them asks the API for just those ({@link #missing}).
 */
public final class SyncRanges {
  private static final String TABLE = "\"_marketing\".\"sync_ranges\"";

  private SyncRanges() {
  }

  /** The days one table holds, merged and in order. */
  static List<DateRange> held(Handle handle, String source, String table) {
    return handle.createQuery("SELECT \"from_day\", \"to_day\" FROM " + TABLE
            + " WHERE \"source_name\" = ? AND \"table_name\" = ? ORDER BY \"from_day\"")
        .bind(0, source).bind(1, table)
        .map((rs, ctx) -> new DateRange(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()))
        .list();
  }

  /** The spans of {@code wanted} the table does not hold, in order. */
  public static List<DateRange> missing(Handle handle, String source, String table, DateRange wanted) {
    return subtract(wanted, held(handle, source, table));
  }

  static List<DateRange> subtract(DateRange wanted, List<DateRange> held) {
    List<DateRange> gaps = new ArrayList<>();
    LocalDate next = wanted.from();
    for (DateRange h : held.stream().sorted(Comparator.comparing(DateRange::from)).toList()) {
      if (h.to().isBefore(next)) {
        continue;
      }
      if (h.from().isAfter(wanted.to())) {
        break;
      }
      if (h.from().isAfter(next)) {
        gaps.add(new DateRange(next, h.from().minusDays(1)));
      }
      if (!h.to().isBefore(wanted.to())) {
        return gaps;
      }
      next = h.to().plusDays(1);
    }
    gaps.add(new DateRange(next, wanted.to()));
    return gaps;
  }

  /** Adds the days a good sync read, merging it with the spans it overlaps or touches. */
  static void record(Handle handle, String source, String table, DateRange read, LocalDateTime at) {
    List<DateRange> merged = merge(held(handle, source, table), read);
    handle.execute("DELETE FROM " + TABLE + " WHERE \"source_name\" = ? AND \"table_name\" = ?", source, table);
    for (DateRange r : merged) {
      handle.execute("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?, ?)", source, table,
          Date.valueOf(r.from()), Date.valueOf(r.to()), at);
    }
  }

  /** Forgets what a table held: a whole re-read starts the record afresh. */
  static void forget(Handle handle, String source, String table) {
    handle.execute("DELETE FROM " + TABLE + " WHERE \"source_name\" = ? AND \"table_name\" = ?", source, table);
  }

  static List<DateRange> merge(List<DateRange> held, DateRange added) {
    List<DateRange> all = new ArrayList<>(held);
    all.add(added);
    all.sort(Comparator.comparing(DateRange::from));
    List<DateRange> merged = new ArrayList<>();
    for (DateRange r : all) {
      DateRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !r.from().isAfter(last.to().plusDays(1))) {
        merged.set(merged.size() - 1, new DateRange(last.from(), r.to().isAfter(last.to()) ? r.to() : last.to()));
      } else {
        merged.add(r);
      }
    }
    return merged;
  }
}
