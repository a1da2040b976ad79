package org.marketingsql.pgwire;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A statement's result while it is sent: rows from the driver's ResultSet or from a {@link LocalResult},
 * encoded in the formats the client asked for. Closing it closes the JDBC statement and logs the query.
 */
final class Result implements AutoCloseable {
  private final List<Column> columns;
  private final LocalResult local;
  private final Statement statement;
  private final ResultSet rs;
  private final Runnable onClose;
  /** For a FETCH: the cursor's open result the rows come from, and how many to take from it. */
  private final Result source;
  private final long limit;
  /** For a FETCH from a SCROLL cursor: the rows it returns, read and encoded before. */
  private final List<EncodedRow> buffered;
  /** Whether the buffered rows answer a query (tag {@code SELECT n}) rather than a FETCH. */
  private boolean answered;
  /** Whether the rows are a store's own ({@link #straight}), read with each column's getter. */
  private boolean straight;
  /** For a store's own rows: the session's time zone, in which the driver would have sent a timestamptz's instant. */
  private java.time.ZoneId zone = java.time.ZoneOffset.UTC;
  /** For a store's own rows: hands the store's session back once every row is read ({@link #readAhead}). */
  private Runnable release = () -> { };
  /** Rows read and encoded before they are sent ({@link #readAhead}), and how many of them were taken. */
  private List<List<byte[]>> ahead = List.of();
  private int aheadTaken;
  /** Whether the store's result has no more rows: read to its end ahead of sending. */
  private boolean storeEnded;
  private Runnable whenClosed = () -> { };
  private int rows;
  private boolean exhausted;
  private boolean closed;

  private Result(List<Column> columns, LocalResult local, Statement statement, ResultSet rs, Runnable onClose) {
    this(columns, local, statement, rs, onClose, null, 0);
  }

  private Result(List<Column> columns, LocalResult local, Statement statement, ResultSet rs, Runnable onClose,
      Result source, long limit) {
    this(columns, local, statement, rs, onClose, source, limit, null);
  }

  private Result(List<Column> columns, LocalResult local, Statement statement, ResultSet rs, Runnable onClose,
      Result source, long limit, List<EncodedRow> buffered) {
    this.buffered = buffered;
    this.columns = columns;
    this.local = local;
    this.statement = statement;
    this.rs = rs;
    this.onClose = onClose;
    this.source = source;
    this.limit = limit;
  }

  /**
   * A FETCH's rows: at most {@code limit} more rows of a cursor's open {@code source}, read only as they
   * are sent and encoded in {@code formats}. Closing it leaves the cursor open.
   */
  static Result fetched(Result source, short[] formats, long limit) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < source.columns.size(); i++) {
      Column c = source.columns.get(i);
      columns.add(new Column(c.name(), c.type(), binary(formats, i), c.tableOid(), c.columnNumber()));
    }
    return new Result(columns, null, null, null, () -> { }, source, limit);
  }

  /** A row in both encodings, as a SCROLL cursor keeps the rows it has read. */
  record EncodedRow(List<byte[]> text, List<byte[]> binary) {
    EncodedRow {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(binary, "binary");
    }

    /** About what the row takes in memory: its bytes, and the arrays and lists that hold them. */
    long bytes() {
      long n = 64;
      for (int i = 0; i < text.size(); i++) {
        n += 24 + (text.get(i) == null ? 0 : text.get(i).length);
        if (binary.get(i) != text.get(i)) {
          n += 24 + (binary.get(i) == null ? 0 : binary.get(i).length);
        }
      }
      return n;
    }
  }

  /** A FETCH from a SCROLL cursor: {@code rows}, read before, sent in {@code formats}; its tag {@code FETCH n}. */
  static Result scrolled(List<Column> cursorColumns, short[] formats, List<EncodedRow> rows) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < cursorColumns.size(); i++) {
      Column c = cursorColumns.get(i);
      columns.add(new Column(c.name(), c.type(), binary(formats, i), c.tableOid(), c.columnNumber()));
    }
    return new Result(columns, null, null, null, () -> { }, null, 0, List.copyOf(rows));
  }

  /** A kept catalog answer ({@link CatalogAnswers}), sent in {@code formats}; its tag {@code SELECT n}. */
  static Result kept(CatalogAnswers.Answer answer, short[] formats) {
    Result result = scrolled(answer.columns(), formats, answer.rows());
    result.answered = true;
    return result;
  }

  static Result local(LocalResult local, short[] formats) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < local.columns().size(); i++) {
      // text and binary text are the same bytes
      PgType type = local.types().get(i);
      columns.add(new Column(local.columns().get(i), type, type == PgType.TEXT && binary(formats, i)));
    }
    return new Result(columns, local, null, null, () -> { });
  }

  static Result jdbc(Statement statement, ResultSet rs, short[] formats, Runnable onClose, ColumnOrigins origins)
      throws SQLException {
    return new Result(columns(rs.getMetaData(), formats, origins), null, statement, rs, onClose);
  }

  /**
   * A store's own rows ({@link StoreReads}) sent as {@code columns}, the driver's description of them: each value
   * read with its column's getter ({@link PgType#textAsRead}). {@code release} hands the store's session back; it runs
   * once every row is read (see {@link #readAhead}), or else when the result is closed. Closing it closes the store's
   * statement, then runs {@code release} and {@code onClose}. A timestamptz is sent as the instant of its local time in
   * {@code zone}, the driver's connection's zone.
   */
  static Result straight(Statement statement, ResultSet rs, List<Column> columns, java.time.ZoneId zone,
      Runnable release, Runnable onClose) {
    Objects.requireNonNull(release, "release");
    Result result = new Result(columns, null, statement, rs, onClose);
    result.straight = true;
    result.zone = Objects.requireNonNull(zone, "zone");
    result.release = release;
    return result;
  }

  /**
   * For a store's own rows sent in this result's own formats: reads and encodes up to {@code maxRows} rows, or
   * {@code maxBytes} of values, before any is sent, and when that reaches the result's end closes the store's statement
   * and hands its session back, so that the session serves other statements while these rows are written to the
   * client (whose next message may be slow to come). A larger result keeps its session until it is closed, read as
   * it is sent. Nothing for other results.
   */
  void readAhead(int maxRows, long maxBytes) throws SQLException {
    if (!straight || closed || rs == null || storeEnded || !ahead.isEmpty() || rows > 0) {
      return;
    }
    List<List<byte[]>> read = new ArrayList<>();
    long bytes = 0;
    while (read.size() < maxRows && bytes < maxBytes) {
      if (!rs.next()) {
        storeEnded = true;
        break;
      }
      List<byte[]> values = storeRow(columns);
      for (byte[] v : values) {
        bytes += 16 + (v == null ? 0 : v.length);
      }
      read.add(values);
    }
    ahead = read;
    if (storeEnded) {
      try {
        statement.close();
      } finally {
        release.run();
      }
    }
  }

  /** Where a result column comes from: its relation's OID and the column's number there, as pg_class and pg_attribute say. */
  interface ColumnOrigins {
    /** {oid, attnum}, or null when {@code schema.table} has no such column this session can see. */
    int[] of(String schema, String table, String column) throws SQLException;

    /**
     * The type the catalog declares the column as ({@link PgCatalog#declaredType}); null for a column of no catalog.
     */
    default PgType declaredType(String schema, String table, String column) throws SQLException {
      return null;
    }
  }

  static List<Column> columns(ResultSetMetaData md, short[] formats, ColumnOrigins origins) throws SQLException {
    List<Column> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String table = md.getTableName(i);
      String schema = md.getSchemaName(i);
      // a catalog's column is sent as PostgreSQL declares it (name, "char", oid …), read straight from its table
      PgType declared = table == null || table.isEmpty() || !(schema == null || schema.isEmpty()
          || CatalogAnswers.isCatalog(schema)) && md.getColumnType(i) != Types.INTEGER && md.getColumnType(i) != Types.TIMESTAMP
          ? null : origins.declaredType(schema, table, md.getColumnName(i));
      PgType oidType = md.getColumnType(i) == Types.INTEGER ? PgType.ofIntegerTypeName(md.getColumnTypeName(i)) : null;
      PgType type = oidType != null ? oidType : declared != null ? declared
          : PgType.ofResultColumn(md.getColumnType(i), md.getColumnTypeName(i), table != null && !table.isEmpty());
      int[] origin = table == null || table.isEmpty() || schema == null || schema.isEmpty() ? null
          : origins.of(schema, table, md.getColumnName(i));
      columns.add(new Column(md.getColumnLabel(i), type, binary(formats, i - 1), origin == null ? 0 : origin[0],
          origin == null ? 0 : origin[1]));
    }
    return columns;
  }

  private static boolean binary(short[] formats, int i) {
    if (formats.length == 0) {
      return false;
    }
    return (formats.length == 1 ? formats[0] : i < formats.length ? formats[i] : 0) == 1;
  }

  /** Empty for a command such as SET, which sends NoData instead of RowDescription. */
  List<Column> columns() {
    return columns;
  }

  /** The next row's values, null when there are no more. */
  List<byte[]> next() throws SQLException {
    if (source != null) {
      if (rows >= limit) {
        return null;
      }
      List<byte[]> row = source.next(columns);
      if (row != null) {
        rows++;
      }
      return row;
    }
    return next(columns);
  }

  /** The next row in both encodings, for a SCROLL cursor to keep; null at the end. */
  EncodedRow nextEncoded() throws SQLException {
    if (buffered != null) {
      if (rows >= buffered.size()) {
        exhausted = true;
        return null;
      }
      return buffered.get(rows++);
    }
    if (local != null || rs == null) {
      List<byte[]> row = next(columns);
      return row == null ? null : new EncodedRow(row, row);
    }
    if (exhausted) {
      return null;
    }
    if (!rs.next()) {
      exhausted = true;
      return null;
    }
    List<byte[]> text = new ArrayList<>(columns.size());
    List<byte[]> binary = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      PgType type = columns.get(i).type();
      byte[] t = straight ? type.textAsRead(rs, i + 1, zone) : type.text(rs, i + 1);
      text.add(t);
      binary.add(!type.hasBinaryForm() ? t : straight ? type.binaryAsRead(rs, i + 1, zone) : type.binary(rs, i + 1));
    }
    rows++;
    return new EncodedRow(text, binary);
  }

  /** The JDBC statement whose rows this result sends (a FETCH's: its cursor's), or null for rows computed here. */
  Statement statement() {
    return source != null ? source.statement() : statement;
  }

  /** Runs {@code action} too once this result is closed. */
  Result whenClosed(Runnable action) {
    Runnable before = whenClosed;
    whenClosed = () -> {
      before.run();
      action.run();
    };
    return this;
  }

  /** Whether every row has been read. */
  boolean exhausted() {
    return exhausted;
  }

  /** The next row encoded as {@code columns} say (this result's columns in other formats), null at the end. */
  private List<byte[]> next(List<Column> columns) throws SQLException {
    if (exhausted) {
      return null;
    }
    if (buffered != null) {
      if (rows >= buffered.size()) {
        exhausted = true;
        return null;
      }
      EncodedRow row = buffered.get(rows++);
      List<byte[]> values = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        values.add(columns.get(i).binary() ? row.binary().get(i) : row.text().get(i));
      }
      return values;
    }
    if (local != null) {
      if (rows >= local.rows().size()) {
        exhausted = true;
        return null;
      }
      List<byte[]> values = new ArrayList<>(columns.size());
      for (String v : local.rows().get(rows)) {
        values.add(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
      }
      rows++;
      return values;
    }
    List<byte[]> values;
    if (aheadTaken < ahead.size()) {
      // read ahead in this result's own formats: only this result's own sending reads it after a read-ahead
      values = ahead.get(aheadTaken);
      ahead.set(aheadTaken++, null);
    } else {
      if (storeEnded || !rs.next()) {
        exhausted = true;
        return null;
      }
      values = storeRow(columns);
    }
    rows++;
    return values;
  }

  /** The store's current row encoded as {@code columns} say. */
  private List<byte[]> storeRow(List<Column> columns) throws SQLException {
    List<byte[]> values = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      values.add(c.binary() ? straight ? c.type().binaryAsRead(rs, i + 1, zone) : c.type().binary(rs, i + 1)
          : straight ? c.type().textAsRead(rs, i + 1, zone) : c.type().text(rs, i + 1));
    }
    return values;
  }

  int rows() {
    return rows;
  }

  /** CommandComplete's tag once every row has been sent. */
  String tag() {
    if (source != null || (buffered != null && !answered)) {
      return "FETCH " + rows;
    }
    if (local != null && local.columns().isEmpty()) {
      return local.tag();
    }
    if (local != null && (local.tag().equals("SHOW") || local.tag().equals("EXPLAIN"))) {
      return local.tag();
    }
    return "SELECT " + rows;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      // the result was sent; a failing close changes nothing for the client
    } finally {
      try {
        release.run();
        onClose.run();
      } finally {
        whenClosed.run();
      }
    }
  }
}
