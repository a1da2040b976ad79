package org.marketingsql.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.config.StoreLogin;

/**
 * Moves a DuckDB store to a PostgreSQL server: the current snapshot of a {@link StoreFolder}, every table of
 * every schema it holds (the sources' tables, sync state and cursors, load state, facts, LTV), with its columns'
 * types, NOT NULLs and primary keys, and its rows through {@code COPY ... FROM STDIN}. All of it is written in
 * one transaction on the target, so a copy that fails leaves the target as it was; the commit also records the
 * copy as the PostgreSQL store's next publication ({@code _marketing.publications}), dated when the snapshot
 * was published, so the nodes that open the store read it as it is rather than refreshing it at once.
 *
 * <p>Refused with a {@link StoreException} that names the target (never its password) when the snapshot's
 * tables are of another version than this program's, the target holds a store of another version, the
 * target holds a store with data or tables the copy would write (unless {@code replace}), or a refresh is
 * publishing into the target right now.
 */
public final class StoreCopy {
  /** DuckDB's own schemas, which no store writes. */
  private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog");
  /** Tables of schema {@code _marketing} that a store holds before it holds any data. */
  private static final Set<String> BOOKKEEPING = Set.of("schema_version", "facts_pending", "publications");
  /** Rows read from DuckDB at a time. */
  private static final long CHUNK_ROWS = 250_000;
  private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");

  private final StoreFolder source;
  private final PostgresEngine target;
  private final boolean replace;

  /** One table as copied. */
  public record Table(String schema, String name, long rows) {
    public Table {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * What a copy wrote.
   *
   * @param target where to, as messages show it (no password)
   * @param snapshot the generation of the DuckDB snapshot copied
   * @param tables each table with its rows, in the order copied
   */
  public record Result(String target, long snapshot, List<Table> tables) {
    public Result {
      Objects.requireNonNull(target, "target");
      tables = List.copyOf(tables);
    }

    /** Rows copied, over all tables. */
    public long rows() {
      return tables.stream().mapToLong(Table::rows).sum();
    }
  }

  /**
   * @param source the DuckDB store whose current snapshot is copied
   * @param url the PostgreSQL database, {@code jdbc:postgresql://host:port/db}
   * @param login its user and password; null where the URL carries the login
   * @param replace whether a store already in the target is dropped and replaced
   */
  public StoreCopy(StoreFolder source, String url, StoreLogin login, boolean replace) {
    this.source = Objects.requireNonNull(source, "source");
    Objects.requireNonNull(url, "url");
    if (!PostgresEngine.accepts(url)) {
      throw new IllegalArgumentException("a store is copied to a PostgreSQL database (jdbc:postgresql://host:port/db),"
          + " not to " + PostgresEngine.withoutParameters(url));
    }
    this.target = new PostgresEngine(url, login);
    this.replace = replace;
  }

  /** Where the copy goes, for messages (no password). */
  public String describeTarget() {
    return target.describe();
  }

  /** Copies the current snapshot; {@code copied} hears of each table once its rows are in (not yet committed). */
  public Result run(Consumer<Table> copied) {
    Objects.requireNonNull(copied, "copied");
    if (source.current().isEmpty()) {
      throw new StoreException(source.describe() + " has no snapshot to copy yet; marketing-sql refresh builds one");
    }
    try (Store snapshot = Store.openSnapshot(source)) {
      long generation = snapshot.snapshotGeneration();
      return snapshot.read(handle -> copy(handle.getConnection(), generation, copied));
    }
  }

  private Result copy(Connection from, long generation, Consumer<Table> copied) throws SQLException {
    List<SourceTable> tables = tables(from);
    int version = version(from, tables);
    if (version != Migrations.VERSION) {
      throw new StoreException("cannot copy snapshot " + generation + " of " + source.describe() + " to "
          + target.describe() + ": its tables are of version " + version + " and this marketing-sql writes version "
          + Migrations.VERSION + (version < Migrations.VERSION
              ? "; run marketing-sql refresh with this version first, which upgrades them"
              : "; copy it with the marketing-sql that wrote it"));
    }
    try (Connection to = target.open()) {
      to.setAutoCommit(false);
      try {
        Result result = copy(from, to, generation, tables, copied);
        to.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          to.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      String message = e.getMessage().startsWith("cannot connect to ") ? e.getMessage()
          : "copying snapshot " + generation + " of " + source.describe() + " to " + target.describe() + " failed,"
              + " and the target is left as it was: " + e.getMessage();
      throw new StoreException(message, e);
    }
  }

  private Result copy(Connection from, Connection to, long generation, List<SourceTable> tables,
      Consumer<Table> copied) throws SQLException {
    try (PreparedStatement lock = to.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, RefreshLease.PRODUCT_KEY);
      lock.setInt(2, RefreshLease.PUBLICATION_KEY);
      try (ResultSet rs = lock.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw refused("a refresh is publishing into it right now; stop the nodes that serve it, then copy again");
        }
      }
    }
    long published = prepareTarget(to, tables);
    for (SourceTable table : tables) {
      create(to, table);
    }
    List<Table> done = new ArrayList<>();
    for (SourceTable table : tables) {
      Table result = new Table(table.schema(), table.name(), rows(from, to, table));
      done.add(result);
      copied.accept(result);
    }
    Publications.prepare(to);
    try (PreparedStatement s = to.prepareStatement("UPDATE \"_marketing\".\"publications\" SET \"generation\" = ?,"
        + " \"published_at\" = ?, \"failed_at\" = NULL, \"failure\" = NULL")) {
      s.setLong(1, published + 1);
      Instant at = source.publishedAt(generation).orElse(Instant.now());
      s.setTimestamp(2, Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime()));
      s.executeUpdate();
    }
    return new Result(target.describe(), generation, done);
  }

  /**
   * Refuses a target that holds a store of another version, or data or tables in the way (unless replacing);
   * drops what a store in the target holds where it has no data or is replaced. The publications the target
   * counted so far, to count on from them.
   */
  private long prepareTarget(Connection to, List<SourceTable> tables) throws SQLException {
    boolean storeThere = exists(to, "\"_marketing\".\"schema_version\"");
    long published = 0;
    Set<String> schemas = new LinkedHashSet<>();
    if (storeThere) {
      int version = scalar(to, "SELECT COALESCE(MAX(\"version\"), 0) FROM \"_marketing\".\"schema_version\"");
      if (version != Migrations.VERSION) {
        throw refused("it holds a Marketing SQL store of version " + version + " and this one is of version "
            + Migrations.VERSION + "; copy with the marketing-sql version of the nodes that use it, or into another database");
      }
      if (exists(to, "\"_marketing\".\"publications\"")) {
        published = scalar(to, "SELECT COALESCE(MAX(\"generation\"), 0) FROM \"_marketing\".\"publications\"");
      }
      long rows = storeRows(to);
      if ((rows > 0 || published > 0) && !replace) {
        throw refused("it holds a Marketing SQL store with data already (" + rows + " rows in schema _marketing,"
            + " " + published + " refreshes published); --replace drops that store and copies this one in its place");
      }
      schemas.add(Migrations.SCHEMA);
      if (exists(to, "\"_marketing\".\"load_state\"")) {
        try (Statement s = to.createStatement();
            ResultSet rs = s.executeQuery("SELECT DISTINCT \"source_name\" FROM \"_marketing\".\"load_state\"")) {
          while (rs.next()) {
            schemas.add(rs.getString(1));
          }
        }
      }
    }
    List<String> inTheWay = new ArrayList<>();
    for (SourceTable table : tables) {
      if (!schemas.contains(table.schema()) && exists(to, table.qualified())) {
        inTheWay.add(table.schema() + "." + table.name());
      }
    }
    if (!inTheWay.isEmpty() && !replace) {
      throw refused("it has tables of the names the copy writes: " + String.join(", ", inTheWay.subList(0,
          Math.min(5, inTheWay.size()))) + (inTheWay.size() > 5 ? " and " + (inTheWay.size() - 5) + " more" : "")
          + "; --replace drops them");
    }
    try (Statement s = to.createStatement()) {
      for (String schema : schemas) {
        if (!schema.equals("public")) {
          s.execute("DROP SCHEMA IF EXISTS " + Sql.quote(schema) + " CASCADE");
        }
      }
      for (SourceTable table : tables) {
        s.execute("DROP TABLE IF EXISTS " + table.qualified() + " CASCADE");
      }
    }
    return published;
  }

  /** Rows in the target's store tables other than those every store has before its first load. */
  private static long storeRows(Connection to) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = to.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = '_marketing' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    long rows = 0;
    for (String name : names) {
      if (!BOOKKEEPING.contains(name)) {
        rows += scalar(to, "SELECT COUNT(*) FROM \"_marketing\"." + Sql.quote(name));
      }
    }
    return rows;
  }

  private StoreException refused(String why) {
    return new StoreException("refusing to copy " + source.describe() + " to " + target.describe() + ": " + why);
  }

  private static void create(Connection to, SourceTable table) throws SQLException {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.qualified()).append(" (");
    for (int i = 0; i < table.columns().size(); i++) {
      Column column = table.columns().get(i);
      sql.append(i == 0 ? "" : ", ").append(Sql.quote(column.name())).append(' ').append(column.postgresType())
          .append(column.nullable() ? "" : " NOT NULL");
    }
    if (!table.primaryKey().isEmpty()) {
      sql.append(", PRIMARY KEY (").append(String.join(", ", table.primaryKey().stream().map(Sql::quote).toList()))
          .append(')');
    }
    try (Statement s = to.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(table.schema()));
      s.execute(sql.append(')').toString());
    }
  }

  private static long rows(Connection from, Connection to, SourceTable table) throws SQLException {
    List<Column> columns = table.columns();
    long rows = 0;
    try (RowWriter writer = new PostgresCopyWriter(to, table.schema(), table.name(),
        columns.stream().map(Column::name).toList());
        PreparedStatement chunk = from.prepareStatement("SELECT * FROM " + table.qualified()
            + " WHERE rowid BETWEEN ? AND ?")) {
      // in slices of rowid: DuckDB's JDBC driver holds a whole result in memory before the first row
      long last;
      try (Statement s = from.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(rowid), -1) FROM " + table.qualified())) {
        rs.next();
        last = rs.getLong(1);
      }
      Object[] row = new Object[columns.size()];
      for (long first = 0; first <= last; first += CHUNK_ROWS) {
        chunk.setLong(1, first);
        chunk.setLong(2, first + CHUNK_ROWS - 1);
        try (ResultSet rs = chunk.executeQuery()) {
          while (rs.next()) {
            for (int i = 0; i < row.length; i++) {
              row[i] = columns.get(i).read(rs, i + 1);
            }
            writer.write(row);
            rows++;
          }
        }
      }
    } catch (SQLException e) {
      throw new SQLException("copying " + table.schema() + "." + table.name() + ": " + e.getMessage(), e.getSQLState(), e);
    }
    return rows;
  }

  /** The version the snapshot's tables are of; 0 when it has none. */
  private static int version(Connection from, List<SourceTable> tables) throws SQLException {
    boolean versioned = tables.stream().anyMatch(t -> t.schema().equals(Migrations.SCHEMA)
        && t.name().equals("schema_version"));
    return versioned ? scalar(from, "SELECT COALESCE(MAX(\"version\"), 0) FROM \"_marketing\".\"schema_version\"") : 0;
  }

  /** Every table of the snapshot, with its columns and primary key; refuses a column of a type PostgreSQL lacks. */
  private List<SourceTable> tables(Connection from) throws SQLException {
    List<String[]> names = new ArrayList<>();
    try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT table_schema, table_name"
        + " FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_catalog = current_database()"
        + " ORDER BY table_schema, table_name")) {
      while (rs.next()) {
        if (!SYSTEM_SCHEMAS.contains(rs.getString(1))) {
          names.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    List<SourceTable> tables = new ArrayList<>();
    for (String[] name : names) {
      List<Column> columns = new ArrayList<>();
      try (PreparedStatement s = from.prepareStatement("SELECT column_name, data_type, is_nullable"
          + " FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = ?"
          + " AND table_name = ? ORDER BY ordinal_position")) {
        s.setString(1, name[0]);
        s.setString(2, name[1]);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String type = rs.getString(2);
            Kind kind = kind(type).orElseThrow(() -> refused("column " + name[0] + "." + name[1] + "." + safe(rs, 1)
                + " is of DuckDB type " + type + ", which has no PostgreSQL type the copy knows"));
            columns.add(new Column(rs.getString(1), type, kind, "YES".equals(rs.getString(3))));
          }
        }
      }
      List<String> key = new ArrayList<>();
      try (PreparedStatement s = from.prepareStatement("SELECT UNNEST(constraint_column_names) FROM duckdb_constraints()"
          + " WHERE database_name = current_database() AND schema_name = ? AND table_name = ?"
          + " AND constraint_type = 'PRIMARY KEY'")) {
        s.setString(1, name[0]);
        s.setString(2, name[1]);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            key.add(rs.getString(1));
          }
        }
      }
      tables.add(new SourceTable(name[0], name[1], columns, key));
    }
    return tables;
  }

  private static String safe(ResultSet rs, int column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      return "?";
    }
  }

  private static boolean exists(Connection to, String qualified) throws SQLException {
    try (PreparedStatement s = to.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, qualified);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static int scalar(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** How a DuckDB type is read and written: the PostgreSQL type it becomes, and how its values cross as CSV text. */
  private enum Kind {
    TEXT, DECIMAL, INTEGER, FLOATING, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, BLOB
  }

  /** The kind of a DuckDB type as {@code information_schema.columns} names it; empty for one PostgreSQL has no match for. */
  private static Optional<Kind> kind(String duckDbType) {
    String type = duckDbType.strip().toUpperCase(Locale.ROOT);
    if (DECIMAL.matcher(type).matches()) {
      return Optional.of(Kind.DECIMAL);
    }
    return Optional.ofNullable(switch (type) {
      case "VARCHAR", "TEXT", "UUID" -> Kind.TEXT;
      case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT" ->
          Kind.INTEGER;
      case "DOUBLE", "FLOAT", "REAL" -> Kind.FLOATING;
      case "BOOLEAN" -> Kind.BOOLEAN;
      case "DATE" -> Kind.DATE;
      case "TIME" -> Kind.TIME;
      case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> Kind.TIMESTAMP;
      case "TIMESTAMP WITH TIME ZONE" -> Kind.TIMESTAMPTZ;
      case "BLOB" -> Kind.BLOB;
      default -> null;
    });
  }

  /** The PostgreSQL type for a DuckDB type of a known kind, as the store itself would write it there. */
  static String postgresType(String duckDbType) {
    String type = duckDbType.strip().toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(type);
    if (decimal.matches()) {
      return "DECIMAL(" + decimal.group(1) + "," + decimal.group(2) + ")";
    }
    return switch (type) {
      case "VARCHAR", "TEXT" -> "VARCHAR";
      case "UUID" -> "UUID";
      case "TINYINT", "UTINYINT", "SMALLINT" -> "SMALLINT";
      case "USMALLINT", "INTEGER" -> "INTEGER";
      case "UINTEGER", "BIGINT" -> "BIGINT";
      case "HUGEINT" -> "NUMERIC(39,0)";
      case "UBIGINT" -> "NUMERIC(20,0)";
      case "DOUBLE" -> "DOUBLE PRECISION";
      case "FLOAT", "REAL" -> "REAL";
      case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> "TIMESTAMP";
      case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP WITH TIME ZONE";
      case "BLOB" -> "BYTEA";
      default -> type; // BOOLEAN, DATE, TIME
    };
  }

  private record Column(String name, String duckDbType, Kind kind, boolean nullable) {
    String postgresType() {
      return StoreCopy.postgresType(duckDbType);
    }

    /** The value as {@link CsvLine} writes it for PostgreSQL's COPY: text quoted, NULL as nothing, the rest in ISO or plain form. */
    Object read(ResultSet rs, int index) throws SQLException {
      Object value = switch (kind) {
        case TEXT -> rs.getString(index);
        case DECIMAL -> rs.getBigDecimal(index);
        case INTEGER -> {
          Object number = rs.getObject(index);
          yield number == null ? null : number.toString();
        }
        case FLOATING -> {
          // Java's shortest text that reads back as the same double; PostgreSQL reads it, NaN and Infinity too
          double d = rs.getDouble(index);
          yield rs.wasNull() ? null : Double.toString(d);
        }
        case BOOLEAN -> {
          boolean b = rs.getBoolean(index);
          yield rs.wasNull() ? null : b;
        }
        case DATE -> rs.getObject(index, LocalDate.class);
        case TIME -> rs.getObject(index, LocalTime.class);
        case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
        case TIMESTAMPTZ -> rs.getObject(index, OffsetDateTime.class);
        case BLOB -> {
          byte[] bytes = rs.getBytes(index);
          yield bytes == null ? null : new Unquoted("\\x" + HexFormat.of().formatHex(bytes));
        }
      };
      return value instanceof String text && kind != Kind.TEXT ? new Unquoted(text) : value;
    }
  }

  /** A value written as it is, unquoted (CsvLine quotes every String). */
  private record Unquoted(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private record SourceTable(String schema, String name, List<Column> columns, List<String> primaryKey) {
    String qualified() {
      return Sql.quote(schema) + "." + Sql.quote(name);
    }
  }
}
