package org.marketingsql.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.marketingsql.sql.PgFloatText;

/**
 * The PostgreSQL types results are sent as, with their OIDs (pg_type.dat) and how a JDBC value becomes
 * their text form, or their binary form for the types pgJDBC asks binary for once a statement is prepared.
 */
enum PgType {
  BOOL(16, 1, "boolean"), INT8(20, 8, "bigint"), INT2(21, 2, "smallint"), INT4(23, 4, "integer"), TEXT(25, -1, "text"),
  FLOAT4(700, 4, "real"), FLOAT8(701, 8, "double precision"), VARCHAR(1043, -1, "character varying"),
  DATE(1082, 4, "date"), TIME(1083, 8, "time without time zone"), TIMESTAMP(1114, 8, "timestamp without time zone"),
  TIMESTAMPTZ(1184, 8, "timestamp with time zone"), NUMERIC(1700, -1, "numeric"),
  /**
   * Calcite's intervals, whose text the driver writes as PostgreSQL writes an interval ({@code 1 day 02:00:00}); the
   * binary form is interval_send's: microseconds, days and months of that text.
   */
  INTERVAL(1186, 16, "interval"),
  /** Calcite's VARBINARY: text {@code \x41} (PostgreSQL's {@code bytea_output = hex}), binary the bytes. */
  BYTEA(17, -1, "bytea"),
  /** Calcite's CHAR(n), e.g. of a CASE over literals: sent as text without the padding, as PostgreSQL types such a value. */
  PADDED(25, -1, "text"),
  /** An array, in PostgreSQL's text form {@code {a,b}}. */
  TEXT_ARRAY(1009, -1, "text[]"),
  /**
   * An array of booleans, bigints, double precisions, numerics or dates ({@code array_agg(x)}), typed by its element as
   * PostgreSQL types it; its elements written as their type writes them ({@code {t,f}}, {@code {1.50,2}}).
   */
  BOOL_ARRAY(1000, -1, "boolean[]"), INT8_ARRAY(1016, -1, "bigint[]"), FLOAT8_ARRAY(1022, -1, "double precision[]"),
  NUMERIC_ARRAY(1231, -1, "numeric[]"), DATE_ARRAY(1182, -1, "date[]"),
  /**
   * PostgreSQL's object identifier (unsigned 32 bits), which the catalogs' OID columns are declared as
   * ({@link MetadataTable}): its values are those of int4, its type what pgJDBC, Npgsql and psqlODBC map as oid.
   */
  OID(26, 4, "oid"),
  /**
   * PostgreSQL's OID types of a function, a relation, a type, a schema and a role: an {@link #OID} whose text is the
   * object's name as this session's catalog shows it ({@link PgCatalog#objectName}), the number for an object it does
   * not list; their binary form is the number.
   */
  REGPROC(24, 4, "regproc"), REGPROCEDURE(2202, 4, "regprocedure"), REGCLASS(2205, 4, "regclass"),
  REGTYPE(2206, 4, "regtype"),
  REGNAMESPACE(4089, 4, "regnamespace"), REGROLE(4096, 4, "regrole"),
  /**
   * A regproc held as the function's name (pg_type's typinput and the like, which pgJDBC compares with
   * {@code 'array_in'::regproc}): its text is the name, its binary form the OID pg_proc lists it with (0 for {@code -}).
   */
  REGPROC_NAME(24, 4, "regproc"),
  /**
   * The types only the catalogs' columns are declared as ({@link MetadataTable}): their values are text (an integer
   * for xid) and written as PostgreSQL writes them; {@code "char"} is one byte in its binary form, {@code xid} four.
   */
  NAME(19, 64, "name"), CHAR(18, 1, "\"char\""), XID(28, 4, "xid"), PG_NODE_TREE(194, -1, "pg_node_tree"),
  INET(869, -1, "inet"), PG_LSN(3220, 8, "pg_lsn"),
  /**
   * The catalogs' other arrays, in PostgreSQL's text form {@code {a,b}} and array_send's binary form with their element
   * type's; {@code int2vector} and {@code oidvector} are written {@code 1 2} and start at 0, as PostgreSQL's do.
   */
  INT2_ARRAY(1005, -1, "smallint[]"), INT4_ARRAY(1007, -1, "integer[]"), OID_ARRAY(1028, -1, "oid[]"),
  FLOAT4_ARRAY(1021, -1, "real[]"), CHAR_ARRAY(1002, -1, "\"char\"[]"), ACLITEM_ARRAY(1034, -1, "aclitem[]"),
  ANYARRAY(2277, -1, "anyarray"), INT2VECTOR(22, -1, "int2vector"), OIDVECTOR(30, -1, "oidvector"),
  /**
   * An array of types (pg_prepared_statements' parameter_types), held as their OIDs: its text has each type's name as
   * format_type writes it ({@code {integer,"timestamp with time zone"}}), its binary form the OIDs.
   */
  REGTYPE_ARRAY(2211, -1, "regtype[]");

  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
  private final int oid;
  private final int size;
  private final String sqlName;

  PgType(int oid, int size, String sqlName) {
    this.oid = oid;
    this.size = size;
    this.sqlName = sqlName;
  }

  /** The name information_schema.columns.data_type gives. */
  String sqlName() {
    return sqlName;
  }

  int oid() {
    return oid;
  }

  int size() {
    return size;
  }

  /**
   * The type of an integer result column the driver names {@code typeName}: an OID type ({@link #ofOidTypeName}) or
   * {@code xid} (a catalog table's {@code xmin}); null for any other name.
   */
  static PgType ofIntegerTypeName(String typeName) {
    return XID.sqlName.equals(typeName) ? XID : ofOidTypeName(typeName);
  }

  /** The OID type whose name a result column's type name is ({@code regclass} …); null for any other name. */
  static PgType ofOidTypeName(String typeName) {
    for (PgType type : new PgType[] {OID, REGPROC, REGPROCEDURE, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE}) {
      if (type.sqlName.equals(typeName)) {
        return type;
      }
    }
    return null;
  }

  /** The type with {@code oid}, or null when results are never sent as it. */
  static PgType ofOid(int oid) {
    for (PgType type : values()) {
      if (type.oid == oid) {
        return type;
      }
    }
    return null;
  }

  /** The type name the driver gives a TIMESTAMP column that is PostgreSQL's {@code timestamp with time zone}. */
  static final String TIMESTAMPTZ_NAME = "TIMESTAMP WITH TIME ZONE";

  /**
   * The type a result column is sent as: {@link #ofJdbc}, except that a computed string ({@code x::text},
   * {@code CAST(x AS text)}, {@code upper(x)}, a literal) is {@code text}, as PostgreSQL types it; only a
   * column read straight from a table or view, and a cast to {@code varchar} ({@value #VARCHAR_NAME}), keep
   * {@code character varying}.
   */
  static PgType ofResultColumn(int jdbcType, String typeName, boolean fromTable) {
    if (jdbcType == Types.TIMESTAMP && TIMESTAMPTZ_NAME.equals(typeName)) {
      // the driver's timestamptz: the session's local time, sent with the session's offset
      return TIMESTAMPTZ;
    }
    if (jdbcType == Types.OTHER && typeName != null && typeName.toUpperCase(java.util.Locale.ROOT).startsWith("INTERVAL")) {
      return INTERVAL;
    }
    PgType type = ofJdbc(jdbcType);
    if (type == TEXT_ARRAY && typeName != null) {
      return ofArray(typeName);
    }
    return type == VARCHAR && !fromTable && !VARCHAR_NAME.equals(typeName) ? TEXT : type;
  }

  /** The type name the driver gives a computed VARCHAR column that is PostgreSQL's {@code character varying}. */
  static final String VARCHAR_NAME = "CHARACTER VARYING";

  /** An array column by its element, as the driver names the type ({@code INTEGER ARRAY}); text[] for the others. */
  private static PgType ofArray(String typeName) {
    String element = typeName.toUpperCase(java.util.Locale.ROOT).replaceFirst("\\s*ARRAY$", "")
        .replaceFirst("\\s*NOT NULL$", "").replaceFirst("\\(.*\\)$", "");
    return switch (element) {
      case "BOOLEAN" -> BOOL_ARRAY;
      case "TINYINT", "SMALLINT" -> INT2_ARRAY;
      case "INTEGER" -> INT4_ARRAY;
      case "BIGINT" -> INT8_ARRAY;
      case "REAL" -> FLOAT4_ARRAY;
      case "FLOAT", "DOUBLE" -> FLOAT8_ARRAY;
      case "DECIMAL" -> NUMERIC_ARRAY;
      case "DATE" -> DATE_ARRAY;
      default -> TEXT_ARRAY;
    };
  }

  static PgType ofJdbc(int jdbcType) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.TINYINT, Types.SMALLINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.BIGINT -> INT8;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.DECIMAL, Types.NUMERIC -> NUMERIC;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
      case Types.VARCHAR, Types.NVARCHAR -> VARCHAR;
      case Types.CHAR, Types.NCHAR -> PADDED;
      case Types.ARRAY -> TEXT_ARRAY;
      case Types.BINARY, Types.VARBINARY -> BYTEA;
      default -> TEXT;
    };
  }

  /** The value in column {@code i} as PostgreSQL's text output would write it; null for SQL NULL. */
  byte[] text(ResultSet rs, int i) throws SQLException {
    String s = switch (this) {
      case BOOL -> {
        boolean b = rs.getBoolean(i);
        yield rs.wasNull() ? null : b ? "t" : "f";
      }
      case NUMERIC -> {
        BigDecimal d = rs.getBigDecimal(i);
        yield d == null ? null : d.toPlainString();
      }
      case FLOAT4 -> {
        float f = rs.getFloat(i);
        yield rs.wasNull() ? null : PgFloatText.ofReal(f);
      }
      case FLOAT8 -> {
        double d = rs.getDouble(i);
        yield rs.wasNull() ? null : PgFloatText.ofDouble(d);
      }
      case PADDED -> {
        String v = rs.getString(i);
        yield v == null ? null : v.stripTrailing();
      }
      case TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY, FLOAT4_ARRAY, CHAR_ARRAY, ACLITEM_ARRAY, ANYARRAY, BOOL_ARRAY,
          INT8_ARRAY, FLOAT8_ARRAY, NUMERIC_ARRAY, DATE_ARRAY -> {
        Array a = rs.getArray(i);
        yield a == null ? null : arrayText(elementTexts(elements(a)));
      }
      case INT2VECTOR, OIDVECTOR -> {
        Object[] items = vector(rs, i);
        yield items == null ? null : String.join(" ", Arrays.stream(items).map(String::valueOf).toList());
      }
      case REGTYPE_ARRAY -> {
        Array a = rs.getArray(i);
        yield a == null ? null : arrayText(Arrays.stream(elements(a))
            .map(oid -> oid == null ? null : PgFunctions.format_type(((Number) oid).intValue(), null)).toArray());
      }
      case XID -> {
        int xid = rs.getInt(i);
        yield rs.wasNull() ? null : Integer.toUnsignedString(xid);
      }
      case REGPROC, REGPROCEDURE, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE -> {
        int oid = rs.getInt(i);
        if (rs.wasNull()) {
          yield null;
        }
        java.sql.Statement statement = rs.getStatement();
        yield PgCatalog.objectName(statement == null ? null : statement.getConnection(), this, oid);
      }
      case TIMESTAMPTZ -> {
        LocalDateTime local = local(rs, i);
        yield local == null ? null : org.marketingsql.sql.PgTimeZones.instantText(local, sessionZone(rs));
      }
      case BYTEA -> {
        byte[] bytes = rs.getBytes(i);
        yield bytes == null ? null : org.marketingsql.sql.PgBytea.text(bytes);
      }
      // Avatica's getString of DATE/TIMESTAMP is ISO (2025-01-15, 2025-01-15 10:00:00), as DateStyle ISO is.
      default -> rs.getString(i);
    };
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@link #text} of a store's own row ({@link StoreReads}): an integer read with the getter of its type, as Calcite's
   * JDBC adapter reads the store's column for the driver (whose text of it is then the number's), not with the
   * store's {@code getString}; a DATE, TIMESTAMP or timestamptz as the driver makes it ({@link StoreDateTimes}), a
   * timestamptz's instant written with {@code zone}'s offset, as the driver's connection's zone; any other type as
   * {@link #text} reads it.
   */
  byte[] textAsRead(ResultSet rs, int i, java.time.ZoneId zone) throws SQLException {
    String s;
    switch (this) {
      case INT2 -> {
        short v = rs.getShort(i);
        s = rs.wasNull() ? null : Short.toString(v);
      }
      case INT4 -> {
        int v = rs.getInt(i);
        s = rs.wasNull() ? null : Integer.toString(v);
      }
      case INT8 -> {
        long v = rs.getLong(i);
        s = rs.wasNull() ? null : Long.toString(v);
      }
      case DATE -> s = StoreDateTimes.date(rs, i);
      case TIMESTAMP -> s = StoreDateTimes.timestamp(rs, i);
      case TIMESTAMPTZ -> {
        LocalDateTime local = StoreDateTimes.local(rs, i);
        s = local == null ? null : org.marketingsql.sql.PgTimeZones.instantText(local, zone);
      }
      default -> {
        return text(rs, i);
      }
    }
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@link #binary} of a store's own row ({@link StoreReads}): a DATE, TIMESTAMP or timestamptz from the value the
   * driver would have given of it ({@link StoreDateTimes}), a timestamptz's local time read in {@code zone}, as
   * {@link #binary} makes it from the driver's; any other type as {@link #binary} reads it.
   */
  byte[] binaryAsRead(ResultSet rs, int i, java.time.ZoneId zone) throws SQLException {
    return switch (this) {
      case DATE -> dateBinary(StoreDateTimes.date(rs, i));
      case TIMESTAMP -> timestampBinary(StoreDateTimes.timestamp(rs, i));
      case TIMESTAMPTZ -> timestamptzBinary(StoreDateTimes.local(rs, i), zone);
      default -> binary(rs, i);
    };
  }

  /**
   * timestamptz_send of a timestamptz held as {@code local}, the local time of its instant in {@code zone} (the later
   * offset where that time is there twice): its microseconds since 2000-01-01 UTC; null for SQL NULL.
   */
  private static byte[] timestamptzBinary(LocalDateTime local, java.time.ZoneId zone) {
    return local == null ? null : ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(
        PG_EPOCH.atStartOfDay(ZoneOffset.UTC).toInstant(), local.atZone(zone).withLaterOffsetAtOverlap().toInstant()))
        .array();
  }

  /** date_send of a date's text ({@code 2025-01-15}): its days since 2000-01-01; null for SQL NULL. */
  private static byte[] dateBinary(String text) {
    return text == null ? null
        : ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(PG_EPOCH, LocalDate.parse(text))).array();
  }

  /** timestamp_send of a timestamp's text ({@code 2025-01-15 10:00:00.5}): its microseconds since 2000-01-01; null for NULL. */
  private static byte[] timestampBinary(String text) {
    return text == null ? null : ByteBuffer.allocate(8)
        .putLong(ChronoUnit.MICROS.between(PG_EPOCH.atStartOfDay(), LocalDateTime.parse(text.replace(' ', 'T')))).array();
  }

  /** A TIMESTAMP column's value as the local time it holds; null for SQL NULL. */
  private static LocalDateTime local(ResultSet rs, int i) throws SQLException {
    String s = rs.getString(i);
    return s == null ? null : LocalDateTime.parse(s.replace(' ', 'T'));
  }

  /** The session's time zone, which the session gives its driver connection ({@code timeZone}); UTC when it has none. */
  private static java.time.ZoneId sessionZone(ResultSet rs) throws SQLException {
    java.sql.Statement statement = rs.getStatement();
    return sessionZone(statement == null ? null : statement.getConnection());
  }

  /** The time zone the driver's {@code connection} holds ({@code timeZone}); UTC when it has none, or for null. */
  static java.time.ZoneId sessionZone(java.sql.Connection connection) throws SQLException {
    if (connection != null && connection.isWrapperFor(org.apache.calcite.jdbc.CalciteConnection.class)) {
      String zone = connection.unwrap(org.apache.calcite.jdbc.CalciteConnection.class).getProperties().getProperty("timeZone");
      if (zone != null) {
        return java.util.TimeZone.getTimeZone(zone).toZoneId();
      }
    }
    return ZoneOffset.UTC;
  }

  /**
   * An array's elements; CHAR(n) elements without their padding, as {@link #PADDED} values are sent. An array of
   * numbers that are never null comes as a Java array of primitives ({@code int[]}), boxed here.
   */
  private static Object[] elements(Array array) throws SQLException {
    Object value = array.getArray();
    Object[] items;
    if (value instanceof Object[] objects) {
      items = objects;
    } else {
      items = new Object[java.lang.reflect.Array.getLength(value)];
      for (int k = 0; k < items.length; k++) {
        items[k] = java.lang.reflect.Array.get(value, k);
      }
    }
    int base = array.getBaseType();
    if (base == Types.CHAR || base == Types.NCHAR) {
      items = items.clone();
      for (int k = 0; k < items.length; k++) {
        items[k] = items[k] == null ? null : String.valueOf(items[k]).stripTrailing();
      }
    }
    return items;
  }

  private static final java.util.regex.Pattern INTERVAL_PART = java.util.regex.Pattern.compile(
      "\\s*(?:([+-]?\\d+) (years?|mons?|days?)|([+-]?)(\\d+):(\\d+):(\\d+)(?:\\.(\\d{1,6}))?)");

  /**
   * interval_send of PostgreSQL's interval text ({@code 1 year 2 mons -3 days 04:05:06.5}): its time in microseconds,
   * its days and its months.
   */
  static byte[] intervalBinary(String text) throws SQLException {
    long micros = 0;
    int days = 0;
    int months = 0;
    java.util.regex.Matcher m = INTERVAL_PART.matcher(text);
    int at = 0;
    while (at < text.length()) {
      m.region(at, text.length());
      if (!m.lookingAt()) {
        throw new SQLException("not an interval's text: " + text, "22007");
      }
      if (m.group(1) != null) {
        int n = Integer.parseInt(m.group(1));
        switch (m.group(2).charAt(0)) {
          case 'y' -> months += n * 12;
          case 'm' -> months += n;
          default -> days += n;
        }
      } else {
        String fraction = m.group(7) == null ? "" : m.group(7);
        long t = (Long.parseLong(m.group(4)) * 3600 + Long.parseLong(m.group(5)) * 60 + Long.parseLong(m.group(6)))
            * 1_000_000L + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
        micros += m.group(3).equals("-") ? -t : t;
      }
      at = m.end();
    }
    return ByteBuffer.allocate(16).putLong(micros).putInt(days).putInt(months).array();
  }

  /** inet_send of an address: family (2 IPv4, 3 IPv6), bits, whether a cidr, the address's length and bytes. */
  private static byte[] inetBinary(String address) throws SQLException {
    int slash = address.indexOf('/');
    String host = slash < 0 ? address : address.substring(0, slash);
    if (!host.matches("[0-9a-fA-F.:]+")) {
      throw new SQLException("not an IP address: " + address, "22P02"); // never looked up by name
    }
    byte[] bytes;
    try {
      bytes = java.net.InetAddress.getByName(host).getAddress();
    } catch (java.net.UnknownHostException e) {
      throw new SQLException("not an IP address: " + address, "22P02", e);
    }
    int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(address.substring(slash + 1));
    ByteBuffer b = ByteBuffer.allocate(4 + bytes.length);
    b.put((byte) (bytes.length == 4 ? 2 : 3)).put((byte) bits).put((byte) 0).put((byte) bytes.length).put(bytes);
    return b.array();
  }

  /** An int2vector's or oidvector's elements: an array's, or the numbers of its text form; null for SQL NULL. */
  private static Object[] vector(ResultSet rs, int i) throws SQLException {
    Object value = rs.getObject(i);
    if (value == null) {
      return null;
    }
    if (value instanceof Array a) {
      return elements(a);
    }
    String text = value.toString().strip();
    return text.isEmpty() ? new Object[0] : text.split("\\s+");
  }

  /** The array type's element: its OID, and how array_send writes one. */
  private int elementOid() {
    return switch (this) {
      case INT2_ARRAY, INT2VECTOR -> INT2.oid;
      case INT4_ARRAY -> INT4.oid;
      case OID_ARRAY, OIDVECTOR -> OID.oid;
      case REGTYPE_ARRAY -> REGTYPE.oid;
      case FLOAT4_ARRAY -> FLOAT4.oid;
      case BOOL_ARRAY -> BOOL.oid;
      case INT8_ARRAY -> INT8.oid;
      case FLOAT8_ARRAY -> FLOAT8.oid;
      case NUMERIC_ARRAY -> NUMERIC.oid;
      case DATE_ARRAY -> DATE.oid;
      case CHAR_ARRAY -> CHAR.oid;
      case ACLITEM_ARRAY -> 1033;
      default -> TEXT.oid;
    };
  }

  /** One element in its element type's binary form. */
  private static byte[] elementBinary(int elementOid, Object item) {
    String text = String.valueOf(item);
    return switch (elementOid) {
      case 21 -> ByteBuffer.allocate(2).putShort(item instanceof Number n ? n.shortValue() : Short.parseShort(text)).array();
      case 23, 26, 2206 -> ByteBuffer.allocate(4).putInt(item instanceof Number n ? n.intValue()
          : (int) Long.parseLong(text)).array();
      case 700 -> ByteBuffer.allocate(4).putFloat(item instanceof Number n ? n.floatValue() : Float.parseFloat(text)).array();
      case 18 -> text.isEmpty() ? new byte[] {0} : new byte[] {text.getBytes(StandardCharsets.UTF_8)[0]};
      case 16 -> new byte[] {(byte) (Boolean.TRUE.equals(item) || text.equals("t") ? 1 : 0)};
      case 20 -> ByteBuffer.allocate(8).putLong(item instanceof Number n ? n.longValue() : Long.parseLong(text)).array();
      case 701 -> ByteBuffer.allocate(8).putDouble(item instanceof Number n ? n.doubleValue() : Double.parseDouble(text))
          .array();
      case 1700 -> Parameters.writeNumeric(item instanceof BigDecimal d ? d : new BigDecimal(text));
      case 1082 -> dateBinary(text);
      default -> text.getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * PostgreSQL's array_send of a one-dimensional text[]: dimensions, has-nulls flag, element type, then
   * the dimension's length and lower bound (1), then each element as length and UTF-8 bytes (-1 for NULL).
   */
  private static byte[] arrayBinary(Object[] items) {
    return arrayBinary(items, TEXT.oid, 1);
  }

  /** {@link #arrayBinary(Object[])} of elements of the type {@code elementOid}, the first numbered {@code lowerBound}. */
  private static byte[] arrayBinary(Object[] items, int elementOid, int lowerBound) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    try {
      boolean nulls = Arrays.stream(items).anyMatch(Objects::isNull);
      data.writeInt(items.length == 0 ? 0 : 1);
      data.writeInt(nulls ? 1 : 0);
      data.writeInt(elementOid);
      if (items.length > 0) {
        data.writeInt(items.length);
        data.writeInt(lowerBound);
      }
      for (Object item : items) {
        if (item == null) {
          data.writeInt(-1);
        } else {
          byte[] bytes = elementBinary(elementOid, item);
          data.writeInt(bytes.length);
          data.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Each element as its type writes it: a boolean {@code t} or {@code f}, a number without an exponent. */
  private static Object[] elementTexts(Object[] items) {
    Object[] texts = new Object[items.length];
    for (int k = 0; k < items.length; k++) {
      Object item = items[k];
      texts[k] = item instanceof Boolean b ? (b ? "t" : "f") : item instanceof BigDecimal d ? d.toPlainString()
          : item instanceof Double d ? PgFloatText.ofDouble(d) : item instanceof Float f ? PgFloatText.ofReal(f) : item;
    }
    return texts;
  }

  /** PostgreSQL's array output: {@code {a,"b c",NULL}}. */
  private static String arrayText(Object[] items) {
    StringBuilder s = new StringBuilder("{");
    for (Object item : items) {
      if (s.length() > 1) {
        s.append(',');
      }
      if (item == null) {
        s.append("NULL");
      } else {
        String v = String.valueOf(item);
        boolean quote = v.isEmpty() || v.equalsIgnoreCase("null") || v.chars().anyMatch(c -> "{},\"\\ ".indexOf(c) >= 0);
        s.append(quote ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v);
      }
    }
    return s.append('}').toString();
  }

  /** Whether {@link #binary} differs from {@link #text}: false for the string types, whose binary form is their text. */
  boolean hasBinaryForm() {
    return this != TEXT && this != VARCHAR && this != PADDED && this != NAME && this != PG_NODE_TREE
        && this != ANYARRAY && this != ACLITEM_ARRAY;
  }

  /** The binary form ("send" function) of the value in column {@code i}; null for SQL NULL. */
  byte[] binary(ResultSet rs, int i) throws SQLException {
    ByteBuffer b = size > 0 ? ByteBuffer.allocate(size) : null;
    switch (this) {
      case BOOL -> {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : new byte[] {(byte) (v ? 1 : 0)};
      }
      case INT2 -> b.putShort(rs.getShort(i));
      case INT4, OID, REGPROC, REGPROCEDURE, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE -> b.putInt(rs.getInt(i));
      case INT8 -> b.putLong(rs.getLong(i));
      case FLOAT4 -> b.putFloat(rs.getFloat(i));
      case FLOAT8 -> b.putDouble(rs.getDouble(i));
      case NUMERIC -> {
        BigDecimal d = rs.getBigDecimal(i);
        return d == null ? null : Parameters.writeNumeric(d);
      }
      case TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY, FLOAT4_ARRAY, CHAR_ARRAY, BOOL_ARRAY, INT8_ARRAY, FLOAT8_ARRAY,
          NUMERIC_ARRAY, DATE_ARRAY, REGTYPE_ARRAY -> {
        Array a = rs.getArray(i);
        return a == null ? null : arrayBinary(elements(a), elementOid(), 1);
      }
      case INT2VECTOR, OIDVECTOR -> {
        Object[] items = vector(rs, i);
        return items == null ? null : arrayBinary(items, elementOid(), 0);
      }
      case CHAR -> {
        String v = rs.getString(i);
        return v == null ? null : elementBinary(CHAR.oid, v);
      }
      case XID -> b.putInt(rs.getInt(i));
      case REGPROC_NAME -> {
        String name = rs.getString(i);
        return name == null ? null : b.putInt(CatalogTypes.procedureOid(name)).array();
      }
      case INET -> {
        String v = rs.getString(i);
        return v == null ? null : inetBinary(v);
      }
      case INTERVAL -> {
        String v = rs.getString(i);
        return v == null ? null : intervalBinary(v);
      }
      case PG_LSN -> {
        String v = rs.getString(i);
        if (v == null) {
          return null;
        }
        int slash = v.indexOf('/');
        b.putLong(Long.parseUnsignedLong(v.substring(0, slash), 16) << 32 | Long.parseUnsignedLong(v.substring(slash + 1), 16));
      }
      case BYTEA -> {
        return rs.getBytes(i);
      }
      case TIME -> {
        String s = rs.getString(i);
        if (s == null) {
          return null;
        }
        b.putLong(LocalTime.parse(s).toNanoOfDay() / 1000);
      }
      case TIMESTAMPTZ -> {
        return timestamptzBinary(local(rs, i), sessionZone(rs));
      }
      case DATE -> {
        return dateBinary(rs.getString(i));
      }
      case TIMESTAMP -> {
        return timestampBinary(rs.getString(i));
      }
      default -> {
        return text(rs, i);
      }
    }
    return rs.wasNull() ? null : b.array();
  }

}
