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

  /** Reads one list through DatabaseMetaData. */
  private interface Reader<T> {
    T read() throws SQLException;
  }

  /** The lists one session is reading again now; guarded by {@code this}. */
  private final Set<Refresh> refreshing = new HashSet<>();

  CatalogSource(long ttlMillis) {
    if (ttlMillis < 0) {
      throw new IllegalArgumentException("ttlMillis must not be negative, found " + ttlMillis);
    }
    this.ttlMillis = ttlMillis;
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
  private <T> T cached(String kind, Map<AccessPolicy, Cached<T>> cache, AccessPolicy policy, Reader<T> reader)
      throws SQLException {
    Refresh refresh = new Refresh(kind, policy);
    synchronized (this) {
      Cached<T> c = cache.get(policy);
      if (fresh(c)) {
        return c.value();
      }
      if (c == null) {
        T value = reader.read();
        store(cache, policy, value);
        return value;
      }
      if (!refreshing.add(refresh)) {
        return c.value(); // another session is reading it again
      }
    }
    try {
      T value = reader.read();
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

  List<String> schemas(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    return cached("schemas", schemas, policy, () -> {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
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
    return cached("tables", tables, policy, () -> {
      List<TableRow> rows = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
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
    List<TableRow> relations = tables(md, policy);
    return cached("definitions", definitions, policy, () -> {
      Map<String, String> out = new HashMap<>();
      for (TableRow row : relations) {
        if (row.type() != null && row.type().contains("VIEW")) {
          String sql = PgCatalog.viewSql(md.getConnection(), row.schema(), row.name());
          if (sql != null) {
            out.put(row.schema() + "." + row.name(), sql);
          }
        }
      }
      return Map.copyOf(out);
    });
  }

  /** Columns by "schema.table", in ordinal order. */
  Map<String, List<Attribute>> columns(DatabaseMetaData md, AccessPolicy policy) throws SQLException {
    return cached("columns", columns, policy, () -> {
      Map<String, List<Attribute>> byTable = new LinkedHashMap<>();
      try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          String key = rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME");
          List<Attribute> list = byTable.computeIfAbsent(key, k -> new ArrayList<>());
          int jdbcType = rs.getInt("DATA_TYPE");
          PgType type = PgType.ofJdbc(jdbcType);
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
