package org.marketingsql.pgwire;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.pgwire.CatalogSnapshot.Attribute;

/**
 * The driver's schemas, tables and columns, read through DatabaseMetaData and shared for a short while
 * by every session of a server with the same {@link AccessPolicy} (a session's driver connection lists
 * only what its policy reads): every session's driver connection sees the same model, and reading the
 * columns makes Calcite expand every view, which is too slow to repeat for each catalog query.
 * Columns are read only when a query needs them (pg_attribute, pg_description). Each policy's catalog has a
 * {@linkplain #generation generation}, which changes when a re-read finds other schemas, relations, columns,
 * descriptions or view definitions than before: the answers kept by {@link CatalogAnswers} are valid for one generation.
 */
final class CatalogSource {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatalogSource.class);
  /** Table row from getTables: schema, name, TABLE_TYPE, REMARKS. */
  record TableRow(String schema, String name, String type, String remarks) {
  }

  private final long ttlMillis;
  private final Map<AccessPolicy, Cached<List<String>>> schemas = new HashMap<>();
  private final Map<AccessPolicy, Cached<List<TableRow>>> tables = new HashMap<>();
  private final Map<AccessPolicy, Cached<Map<String, List<Attribute>>>> columns = new HashMap<>();
  private final Map<AccessPolicy, Cached<Map<String, String>>> definitions = new HashMap<>();
  private final Map<AccessPolicy, Long> generations = new HashMap<>();
  private long nextGeneration = 1;
  private final CatalogAnswers answers = new CatalogAnswers(ANSWERS_KEPT);
  /** Catalog answers kept for the whole server: a BI tool sends a few dozen texts per table it lists. */
  static final int ANSWERS_KEPT = 256;

  private record Cached<T>(T value, long at) {
  }

  /** What one refresh reads: a kind of list for a policy. */
  private record Refresh(String kind, AccessPolicy policy) {
  }

  /** Reads one list through {@code md}. */
  private interface Reader<T> {
    T read(DatabaseMetaData md) throws SQLException;
  }

  /**
   * Opens a driver connection for a policy with the catalogs installed, as a session's: the lists re-read through it
   * are the ones a session would read.
   */
  interface Opener {
    java.sql.Connection open(AccessPolicy policy) throws SQLException;
  }

  /** Opens the connections stale lists are re-read through, off the statements' threads; null to re-read in place. */
  private final Opener opener;
  /** The connection each policy's lists are re-read through, opened on first need; guarded by itself. */
  private final Map<AccessPolicy, java.sql.Connection> readers = new HashMap<>();
  private final java.util.concurrent.ExecutorService background;

  /** The lists one session is reading again now; guarded by {@code this}. */
  private final Set<Refresh> refreshing = new HashSet<>();

  /** A catalog whose stale lists are re-read by the session that finds them stale, on its statement's thread. */
  CatalogSource(long ttlMillis) {
    this(ttlMillis, null);
  }

  /**
   * A catalog whose stale lists, once it has a last copy, are re-read on a thread of its own through a connection
   * {@code opener} opens for the policy, while every statement goes on with the last copy.
   */
  CatalogSource(long ttlMillis, Opener opener) {
    if (ttlMillis < 0) {
      throw new IllegalArgumentException("ttlMillis must not be negative, found " + ttlMillis);
    }
    this.ttlMillis = ttlMillis;
    this.opener = opener;
    this.background = opener == null ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "catalog-reader");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Reads {@code policy}'s whole catalog now, on the background thread, through the connection it keeps for the
   * policy, then plans {@code statements} there (the first planning in a JVM loads and compiles most of the
   * planner): what the first client to connect would otherwise wait for. Returns at once.
   */
  java.util.concurrent.Future<?> warm(AccessPolicy policy, List<String> statements) {
    if (background == null) {
      throw new IllegalStateException("this catalog has no connection of its own to read through");
    }
    return background.submit(() -> {
      try {
        java.sql.Connection connection = reader(policy);
        generation(connection.getMetaData(), policy);
        for (String sql : statements) {
          try (java.sql.Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        LOG.warn("the catalog of {} could not be read ahead; the first session reads it", policy.property(), e);
      }
      return null;
    });
  }

  /** The policy's own connection; opened and used on the background thread only, so it never holds up a session. */
  private java.sql.Connection reader(AccessPolicy policy) throws SQLException {
    synchronized (readers) {
      java.sql.Connection c = readers.get(policy);
      if (c == null || c.isClosed()) {
        c = opener.open(policy);
        readers.put(policy, c);
      }
      return c;
    }
  }

  /** Stops the background reads and closes the connections they read through. */
  void close() {
    if (background != null) {
      background.shutdownNow();
    }
    synchronized (readers) {
      for (java.sql.Connection c : readers.values()) {
        try {
          c.close();
        } catch (SQLException e) {
          LOG.debug("closing a catalog reader's connection", e);
        }
      }
      readers.clear();
    }
  }

  /** The server's kept catalog answers. */
  CatalogAnswers answers() {
    return answers;
  }

  /**
   * The generation of what {@code policy} reads, once its schemas, relations (with their descriptions), columns and
   * views' definitions are fresh (re-read when older than the time to live): the same number for as long as the
   * re-reads find the same catalog. A view whose text changes while its columns stay is another generation: pg_views
   * and pg_get_viewdef answer with the text.
   */
  synchronized long generation(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    schemas(md, policy);
    tables(md, policy);
    columns(md, policy);
    definitions(md, policy);
    return generations.computeIfAbsent(policy, p -> nextGeneration++);
  }

  /** Keeps {@code value} as {@code policy}'s, a new generation when it differs from what was read before. */
  private <T> void store(Map<AccessPolicy, Cached<T>> cache, AccessPolicy policy, T value) {
    Cached<T> before = cache.put(policy, new Cached<>(value, System.currentTimeMillis()));
    if (before != null && !before.value().equals(value)) {
      generations.put(policy, nextGeneration++);
    }
  }

  private boolean fresh(Cached<?> c) {
    return c != null && System.currentTimeMillis() - c.at() < ttlMillis;
  }

  /**
   * The cached list, read again once it is older than the time to live. The first read of a list happens under
   * the lock, once for every session; after that, one session reads it again while the others go on with the
   * last list instead of waiting: reading the columns makes Calcite expand every view and may wait for a read
   * session of the store, which took seconds with 32 clients, every statement of every session waiting.
   */
  private <T> T cached(String kind, Map<AccessPolicy, Cached<T>> cache, AccessPolicy policy, DatabaseMetaData md,
      Reader<T> reader) throws SQLException {
    Refresh refresh = new Refresh(kind, policy);
    synchronized (this) {
      Cached<T> c = cache.get(policy);
      if (fresh(c)) {
        return c.value();
      }
      if (c == null) {
        T value = reader.read(md);
        store(cache, policy, value);
        return value;
      }
      if (!refreshing.add(refresh)) {
        return c.value(); // another session is reading it again
      }
      if (background != null) {
        reReadInBackground(refresh, cache, reader);
        return c.value();
      }
    }
    try {
      T value = reader.read(md);
      synchronized (this) {
        store(cache, policy, value);
      }
      return value;
    } finally {
      synchronized (this) {
        refreshing.remove(refresh);
      }
    }
  }

  /** Re-reads one list on the background thread through the policy's own connection; the last copy serves meanwhile. */
  private <T> void reReadInBackground(Refresh refresh, Map<AccessPolicy, Cached<T>> cache, Reader<T> reader) {
    try {
      background.execute(() -> {
        try {
          T value = reader.read(reader(refresh.policy()).getMetaData());
          synchronized (this) {
            store(cache, refresh.policy(), value);
          }
        } catch (SQLException | RuntimeException e) {
          LOG.warn("the catalog's {} of {} could not be read again; the last copy serves", refresh.kind(),
              refresh.policy().property(), e);
        } finally {
          synchronized (this) {
            refreshing.remove(refresh);
          }
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      refreshing.remove(refresh);
    }
  }

  List<String> schemas(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    return cached("schemas", schemas, policy, md, m -> {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = m.getSchemas()) {
        while (rs.next()) {
          String name = rs.getString("TABLE_SCHEM");
          if (name != null && !names.contains(name)) {
            names.add(name);
          }
        }
      }
      names.sort(null);
      return List.copyOf(names);
    });
  }

  List<TableRow> tables(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    return cached("tables", tables, policy, md, m -> {
      List<TableRow> rows = new ArrayList<>();
      try (ResultSet rs = m.getTables(null, null, "%", null)) {
        while (rs.next()) {
          if (rs.getString("TABLE_SCHEM") != null) {
            rows.add(new TableRow(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"),
                rs.getString("REMARKS")));
          }
        }
      }
      rows.sort((a, b) -> a.schema().equals(b.schema()) ? a.name().compareTo(b.name()) : a.schema().compareTo(b.schema()));
      return List.copyOf(rows);
    });
  }

  /** The SQL of each view (as pg_views shows it) by "schema.view", read without expanding the views. */
  Map<String, String> definitions(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    return cached("definitions", definitions, policy, md, m -> {
      Map<String, String> out = new HashMap<>();
      try (ResultSet rs = m.getTables(null, null, "%", null)) {
        while (rs.next()) {
          String type = rs.getString("TABLE_TYPE");
          String schema = rs.getString("TABLE_SCHEM");
          if (schema != null && type != null && type.contains("VIEW")) {
            String sql = PgCatalog.viewSql(m.getConnection(), schema, rs.getString("TABLE_NAME"));
            if (sql != null) {
              out.put(schema + "." + rs.getString("TABLE_NAME"), sql);
            }
          }
        }
      }
      return Map.copyOf(out);
    });
  }

  /** Columns by "schema.table", in ordinal order. */
  Map<String, List<Attribute>> columns(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    return cached("columns", columns, policy, md, m -> {
      Map<String, List<Attribute>> byTable = new LinkedHashMap<>();
      try (ResultSet rs = m.getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          String key = rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME");
          List<Attribute> list = byTable.computeIfAbsent(key, k -> new ArrayList<>());
          int jdbcType = rs.getInt("DATA_TYPE");
          String schema = rs.getString("TABLE_SCHEM");
          PgType declared = CatalogAnswers.isCatalog(schema)
              ? PgCatalog.declaredType(m.getConnection(), schema, rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"))
              : null;
          PgType type = declared != null ? declared : PgType.ofJdbc(jdbcType);
          int typmod = -1;
          if (type == PgType.NUMERIC && (jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC)) {
            int precision = rs.getInt("COLUMN_SIZE");
            int scale = rs.getInt("DECIMAL_DIGITS");
            if (precision > 0 && precision <= 1000) {
              typmod = ((precision << 16) | scale) + 4;
            }
          }
          list.add(new Attribute(list.size() + 1, rs.getString("COLUMN_NAME"), type == PgType.PADDED ? PgType.VARCHAR : type,
              typmod, rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls, rs.getString("REMARKS")));
        }
      }
      byTable.replaceAll((k, v) -> List.copyOf(v));
      return Map.copyOf(byTable);
    });
  }
}
