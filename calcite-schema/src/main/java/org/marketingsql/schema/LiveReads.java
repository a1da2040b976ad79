package org.marketingsql.schema;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.metrics.FinanceFacts;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.sql.PgTextInput;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.StoreFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filter pushdown for live reads (docs/apis.md): before a query runs, finds the ranges of days it filters
 * an API source's date-based table on (through views, so {@code finance.ad_spend_daily} counts for
 * every ad platform feeding it), and asks each API for just the days the store does not hold. On a
 * DuckDB store the query answers from its snapshot at once, with a warning that fresher data is coming,
 * and the {@link Refresher} reads the days and publishes them; a store on a database server is filled
 * in place before the query runs. Offline sources never call out. A failing read does not fail the query: it is recorded like a failed sync
 * ({@code sync.sync_status}) and logged, and the query answers from what the store has.
 *
 * <p>A range is read from a filter's conjuncts on one column: {@code =}, {@code >=}, {@code >},
 * {@code <=}, {@code <} and {@code BETWEEN} against a DATE or TIMESTAMP literal; a lower bound
 * without an upper one reads to today. The column must be the table's own date column, unchanged
 * (not an expression over it).
 */
public final class LiveReads {
  private static final Logger LOG = LoggerFactory.getLogger(LiveReads.class);
  /** Where a finance input is stored, as the finance views read it. */
  private static final Set<String> STORE_SCHEMAS = Set.of(MarketingSchema.STORE, MarketingSchema.FACTS);

  private LiveReads() {
  }

  /** One table's days a query asks for. */
  record Wanted(String source, String table, DateRange range) {
  }

  /**
   * Called with a query's plan as converted from SQL, before it is optimised and run; fills the gaps
   * of the store for the days it filters on. Does nothing for a plan over no marketing schema.
   */
  public static void beforeRun(RelNode plan) {
    Objects.requireNonNull(plan, "plan");
    try {
      fill(plan);
    } catch (RuntimeException e) {
      // The store could not take the read (busy, or an unexpected plan): the query answers from what it has.
      LOG.warn("live read before a query skipped: {}", e.getMessage());
      LiveReadWarnings.add("the live read before this query was skipped, so it answers from the store as it is: "
          + e.getMessage());
      LOG.debug("cause of the skipped live read", e);
    }
  }

  private static void fill(RelNode plan) {
    MarketingSchema schema = schemaOf(plan);
    if (schema == null || schema.config().sources().stream().noneMatch(s -> ApiSync.isApi(s.type()) && !s.offline())) {
      return;
    }
    LocalDate today = LocalDate.now(schema.config().timeZone());
    if (!filtersOnDays(plan, today)) {
      return; // most plans: nothing to look up, and no source is opened
    }
    ApiSync sync = ApiSync.of(schema.config(), schema.store());
    Map<String, List<ApiTable>> dated = sync.datedTables();
    if (StoreFolder.of(schema.config().store()).isPresent()) {
      // A connection reads a snapshot and never writes: the refresher reads the days and publishes them.
      for (Wanted w : wanted(plan, dated, today)) {
        Map<String, Set<String>> table = Map.of(w.source(), Set.of(w.table()));
        List<ApiSync.Gap> gaps = sync.gapsToRead(table, w.range());
        if (!gaps.isEmpty()) {
          // asked of the refresher once per cooldown; every query over the missing days is told
          if (gaps.stream().anyMatch(sync::mayAskNow)) {
            Refresher.of(schema.config()).requestLiveRange(table, w.range());
          }
          LiveReadWarnings.add("the snapshot this query reads lacks days of " + w.source() + "." + w.table() + " ("
              + gaps.stream().map(g -> g.range().toString()).collect(Collectors.joining(", "))
              + "); they are being read from the API and a later query sees them: fresher data is coming");
        }
      }
      return;
    }
    boolean adSpend = false;
    for (Wanted w : wanted(plan, dated, today)) {
      List<ApiTableSync.Outcome> outcomes = sync.fillGaps(Map.of(w.source(), Set.of(w.table())), w.range());
      for (ApiTableSync.Outcome o : outcomes) {
        if (o.failed()) {
          LOG.warn("live read of {}.{} for {} failed; the query answers from the store: {}", w.source(), w.table(),
              w.range(), o.error());
          LiveReadWarnings.add("live read of " + w.source() + "." + w.table() + " for " + w.range()
              + " failed, so this query answers from the store as it is (see sync.sync_status): " + o.error());
        } else {
          adSpend |= dated.getOrDefault(w.source(), List.of()).stream()
              .anyMatch(t -> t.name().equals(w.table()) && t.feed() != null);
        }
      }
    }
    if (adSpend) {
      FinanceFacts.rebuild(schema.config(), schema.store(), Clock.systemUTC());
    }
  }

  /** Whether any filter of the plan bounds a column by days. */
  private static boolean filtersOnDays(RelNode plan, LocalDate today) {
    boolean[] found = {false};
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof Filter filter && !bounds(filter.getCondition(), filter, today).isEmpty()) {
          found[0] = true;
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    return found[0];
  }

  /** The tables and days a plan filters on, merged per table. */
  static List<Wanted> wanted(RelNode plan, Map<String, List<ApiTable>> dated, LocalDate today) {
    Map<List<String>, DateRange> ranges = new LinkedHashMap<>();
    RelMetadataQuery mq = plan.getCluster().getMetadataQuery();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof Filter filter) {
          for (Map.Entry<Integer, DateRange> e : bounds(filter.getCondition(), filter, today).entrySet()) {
            Set<RelColumnOrigin> origins = mq.getColumnOrigins(filter.getInput(), e.getKey());
            for (RelColumnOrigin origin : origins == null ? Set.<RelColumnOrigin>of() : origins) {
              if (!origin.isDerived()) {
                for (List<String> table : tablesOf(origin, dated)) {
                  ranges.merge(table, e.getValue(), LiveReads::span);
                }
              }
            }
          }
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    List<Wanted> all = new ArrayList<>();
    ranges.forEach((k, v) -> all.add(new Wanted(k.get(0), k.get(1), v)));
    return all;
  }

  /** The API tables a filtered column comes from: a source's date-based table, or every table feeding ad spend. */
  private static List<List<String>> tablesOf(RelColumnOrigin origin, Map<String, List<ApiTable>> dated) {
    RelOptTable table = origin.getOriginTable();
    List<String> name = table.getQualifiedName();
    String column = table.getRowType().getFieldNames().get(origin.getOriginColumnOrdinal());
    List<List<String>> found = new ArrayList<>();
    if (name.size() >= 2) {
      String schemaName = name.get(name.size() - 2);
      String tableName = name.get(name.size() - 1);
      if (STORE_SCHEMAS.contains(schemaName) && tableName.equals(Feed.Input.AD_SPEND.table())
          && column.equals("date_day")) {
        dated.forEach((source, tables) -> tables.stream()
            .filter(t -> t.feed() != null && t.feed().input() == Feed.Input.AD_SPEND)
            .forEach(t -> found.add(List.of(source, t.name()))));
      } else {
        dated.getOrDefault(schemaName, List.of()).stream()
            .filter(t -> t.name().equals(tableName) && t.dateColumn().equals(column))
            .forEach(t -> found.add(List.of(schemaName, t.name())));
      }
    }
    return found;
  }

  /** Two ranges asked of one table become the span over both (reading a few days too many at worst). */
  private static DateRange span(DateRange a, DateRange b) {
    return new DateRange(a.from().isBefore(b.from()) ? a.from() : b.from(), a.to().isAfter(b.to()) ? a.to() : b.to());
  }

  /** The closed day range each input column is bounded to by the condition's conjuncts. */
  static Map<Integer, DateRange> bounds(RexNode condition, Filter filter, LocalDate today) {
    RexNode expanded = RexUtil.expandSearch(filter.getCluster().getRexBuilder(), null, condition);
    Map<Integer, LocalDate[]> found = new HashMap<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
        continue;
      }
      RexNode left = strip(call.getOperands().get(0));
      RexNode right = strip(call.getOperands().get(1));
      SqlKind kind = call.getKind();
      if (left instanceof RexLiteral && right instanceof RexInputRef) {
        RexNode t = left;
        left = right;
        right = t;
        kind = kind.reverse();
      }
      if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
        continue;
      }
      LocalDate day = day(literal);
      if (day == null) {
        continue;
      }
      LocalDate[] b = found.computeIfAbsent(ref.getIndex(), i -> new LocalDate[2]);
      switch (kind) {
        case EQUALS -> {
          b[0] = later(b[0], day);
          b[1] = earlier(b[1], day);
        }
        case GREATER_THAN_OR_EQUAL -> b[0] = later(b[0], day);
        case GREATER_THAN -> b[0] = later(b[0], literalIsDate(literal) ? day.plusDays(1) : day);
        case LESS_THAN_OR_EQUAL -> b[1] = earlier(b[1], day);
        case LESS_THAN -> b[1] = earlier(b[1], literalIsDate(literal) ? day.minusDays(1) : day);
        default -> { }
      }
    }
    Map<Integer, DateRange> ranges = new LinkedHashMap<>();
    found.forEach((column, b) -> {
      if (b[0] != null) {
        LocalDate to = b[1] != null ? b[1] : today;
        if (!b[0].isAfter(to)) {
          ranges.put(column, new DateRange(b[0], to));
        }
      }
    });
    return ranges;
  }

  /**
   * A literal cast to the column's type is still a literal, also when its text is checked as PostgreSQL reads input
   * ({@link PgTextInput}, as a day before 1582-10-15 is); a cast of the column is not the column.
   */
  private static RexNode strip(RexNode node) {
    if (node instanceof RexCall call && !call.getOperands().isEmpty()
        && (call.getKind() == SqlKind.CAST || call.getOperator() == PgTextInput.INPUT)) {
      RexNode inner = strip(call.getOperands().get(0));
      if (inner instanceof RexLiteral) {
        return inner;
      }
    }
    return node;
  }

  private static boolean literalIsDate(RexLiteral literal) {
    return literal.getValueAs(DateString.class) != null && literal.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.DATE;
  }

  private static LocalDate day(RexLiteral literal) {
    try {
      return switch (literal.getTypeName()) {
        case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
        case TIMESTAMP -> LocalDate.parse(literal.getValueAs(TimestampString.class).toString().substring(0, 10));
        case CHAR, VARCHAR -> LocalDate.parse(literal.getValueAs(String.class).trim().substring(0, 10));
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static LocalDate earlier(LocalDate a, LocalDate b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  /** The marketing schema whose tables the plan reads, found through the catalog of its first table. */
  private static MarketingSchema schemaOf(RelNode plan) {
    List<TableScan> scans = new ArrayList<>();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof TableScan scan) {
          scans.add(scan);
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    Set<MarketingSchema> found = new LinkedHashSet<>();
    for (TableScan scan : scans) {
      if (scan.getTable().getRelOptSchema() instanceof CalciteCatalogReader reader) {
        for (CalciteSchema sub : reader.getRootSchema().root().getSubSchemaMap().values()) {
          if (sub.schema instanceof MarketingSchema m) {
            found.add(m);
          }
        }
      }
    }
    return found.size() == 1 ? found.iterator().next() : null;
  }
}
