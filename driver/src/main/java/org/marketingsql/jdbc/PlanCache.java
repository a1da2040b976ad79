package org.marketingsql.jdbc;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.Hook;
import org.marketingsql.schema.LiveReads;

/**
 * Calcite plans every statement afresh (60–90 ms; see docs/performance.md), which BI dashboards that send the same
 * SQL again and again pay each time. This keeps each connection's plans by SQL text: a plan is
 * bound to the connection's own schema, so plans are never shared between connections.
 *
 * <p>Planning a statement also fills the store's gaps for the days it filters on ({@link LiveReads});
 * a statement answered from a kept plan does not look again. So does the access check: a kept plan was
 * checked against its connection's policy (which never changes) when it was made.
 */
final class PlanCache extends StorePlanner {
  private static final int PLANS_PER_CONNECTION = 256;
  /**
   * Longer statements are planned each time rather than kept: a dashboard's statements are a few
   * kilobytes, while a client sending large generated ones could otherwise make each connection hold
   * 256 of them.
   */
  static final int LONGEST_KEPT_SQL = 16 * 1024;

  /** Per JVM on purpose: Calcite makes a new CalcitePrepare per statement. Weak keys: a closed connection's root goes. */
  private static final Map<Object, Map<Key, CalciteSignature<?>>> PLANS =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The default schema is part of the key: after {@code setSchema}, an unqualified name may mean another table; so
   * is the time zone (the port's {@code SET TimeZone} changes it): the zone conversions the store runs name it.
   */
  private record Key(String sql, List<String> defaultSchema, String timeZone, Type elementType, long maxRowCount) {
  }

  /** The connection's root schema object: stable for its life, unlike the CalciteSchema wrappers handed out. */
  private static Object connectionIdentity(Context context) {
    CalciteSchema root = context.getRootSchema();
    return root.schema;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CalciteSignature<T> prepareSql(Context context, CalcitePrepare.Query<T> query, Type elementType,
      long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    if (query.sql.length() > LONGEST_KEPT_SQL) {
      return plan(context, query, elementType, maxRowCount);
    }
    Map<Key, CalciteSignature<?>> plans = PLANS.computeIfAbsent(connectionIdentity(context),
        root -> Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
            return size() > PLANS_PER_CONNECTION;
          }
        }));
    Key key = new Key(query.sql, List.copyOf(context.getDefaultSchemaPath()), context.config().timeZone(), elementType,
        maxRowCount);
    CalciteSignature<?> plan = plans.get(key);
    if (plan == null) {
      plan = plan(context, query, elementType, maxRowCount);
      plans.put(key, plan);
    }
    return (CalciteSignature<T>) plan;
  }

  /** Plans afresh; before the plan runs, the days it filters on that the store lacks are read from the APIs. */
  private <T> CalciteSignature<T> plan(Context context, CalcitePrepare.Query<T> query, Type elementType,
      long maxRowCount) {
    try (Hook.Closeable live = Hook.CONVERTED.addThread((RelNode converted) -> LiveReads.beforeRun(converted))) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
  }
}
