package org.marketingsql.sql;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The session's time as values of each execution, so that filters on it reach the store. {@code now()},
 * {@code CURRENT_TIMESTAMP}, {@code LOCALTIMESTAMP} and {@code CURRENT_DATE} are the statement's start in the
 * session's time zone; the store cannot compute them (it would use its own process's zone), and as calls of the
 * driver they kept every filter using them above the store, so {@code WHERE day >= current_date - 30} read the
 * whole table. {@link #asParameters} makes them parameters of the plan, which the store takes as bind
 * parameters ({@code CAST(? AS DATE)}); {@link #withValues} gives each execution their values, from the time
 * Calcite fixes when the execution starts. A kept plan therefore uses the day it runs, not the day it was planned.
 * The session's time zone is not a parameter but a literal of the plan, for the zone conversions the store runs
 * ({@link PgTimeZones#inStore}): a GROUP BY on a conversion must be the very expression of its select list, which
 * two parameters are not; so the driver keeps a plan per time zone.
 */
public final class PgSessionTime {
  /** The first parameter index of the session's time: beyond any statement's own {@code ?}. */
  static final int FIRST_PARAMETER = 1 << 20;
  private static final String TIMESTAMP = "?" + FIRST_PARAMETER;
  private static final String DATE = "?" + (FIRST_PARAMETER + 1);

  private static final Map<SqlOperator, Integer> PARAMETERS = Map.of(PgTextOperators.NOW, FIRST_PARAMETER,
      PgTextOperators.CURRENT_TIMESTAMP, FIRST_PARAMETER, PgTextOperators.LOCALTIMESTAMP, FIRST_PARAMETER,
      PgTextOperators.CURRENT_DATE, FIRST_PARAMETER + 1);
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

  private PgSessionTime() {
  }

  /** {@code rel} with each session time call as {@code CAST(? AS type)} of a text parameter {@link #withValues} gives. */
  public static RelNode asParameters(RelNode rel) {
    RexBuilder rex = rel.getCluster().getRexBuilder();
    org.apache.calcite.config.CalciteConnectionConfig config =
        rel.getCluster().getPlanner().getContext().unwrap(org.apache.calcite.config.CalciteConnectionConfig.class);
    RexNode session = config == null ? null : PgTimeZones.sessionLiteral(rex, config.timeZone());
    RelDataType text = rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR);
    RexShuttle calls = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        Integer index = call.getOperands().isEmpty() ? PARAMETERS.get(call.getOperator()) : null;
        if (index == null) {
          RexNode visited = super.visitCall(call);
          return visited instanceof RexCall zone && session != null ? PgTimeZones.inStore(rex, zone, session) : visited;
        }
        return rex.makeAbstractCast(call.getType(), new RexDynamicParam(text, index), false);
      }
    };
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(calls);
      }
    });
  }

  /** {@code root} answering the session time parameters with the execution's start, in its time zone. */
  public static DataContext withValues(DataContext root) {
    Objects.requireNonNull(root, "root");
    return new ExecutionValues(root, name -> TIMESTAMP.equals(name) || DATE.equals(name) ? text(root, name) : null);
  }

  /** The session time as text: {@code 2025-01-31 10:00:00.000} and {@code 2025-01-31}. */
  private static String text(DataContext root, String name) {
    long local = PgStrings.currentTimestamp(root);
    LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000L),
        (int) Math.floorMod(local, 1000L) * 1_000_000, ZoneOffset.UTC);
    return TIMESTAMP.equals(name) ? TEXT.format(time) : time.toLocalDate().toString();
  }
}
