package org.marketingsql.sql;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.TimestampString;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL's {@code timestamp with time zone} and {@code AT TIME ZONE}. A timestamptz is an instant; here it is
 * held as a TIMESTAMP, the instant's local time in the session's time zone (the connection's {@code timeZone},
 * the port's session TimeZone), which is how PostgreSQL shows it. So {@code x::timestamptz} of a timestamp, and
 * {@code ::timestamp} or {@code ::date} of a timestamptz, keep the local time as PostgreSQL does, and a text
 * with an offset ({@code '2024-03-01 00:00:00+01'}) becomes the session's local time of that instant.
 *
 * <p>{@code x AT TIME ZONE z} is PostgreSQL's {@code timezone(z, x)}, in both of its directions: on a timestamp
 * (or a date) it reads the value as z's local time and gives the instant (a timestamptz); on a timestamptz it
 * gives z's local time of the instant (a timestamp). Which one is decided from the SQL: a timestamptz is a cast
 * to timestamptz, a timestamptz literal, {@code now()}/{@code CURRENT_TIMESTAMP}/{@code clock_timestamp()}, an
 * {@code AT TIME ZONE} of a timestamp, or a {@code date_trunc} of one of these; the store's columns are
 * timestamps. With a zone literal the store reads as the port does, a conversion and a timestamptz literal run in
 * the store ({@link #inStore}, {@link #storeSql}), the session's zone written into the plan; otherwise they run
 * above the store, with the session's zone of each execution. Public, for the methods Calcite's generated code
 * calls.
 */
public final class PgTimeZones {
  /** The call a timestamptz cast or literal becomes before parsing. */
  static final String TIMESTAMPTZ_CALL = "pg_catalog.timestamptz";
  /** The call {@code x AT TIME ZONE z} becomes before parsing: {@code timezone(z, x)}. */
  static final String TIMEZONE_CALL = "pg_catalog.timezone";
  /** More rewrites than a statement sensibly holds: the rest stay as written (and fail to parse). */
  private static final int MAX_REWRITES = 10_000;

  private static final SqlReturnTypeInference TIMESTAMP =
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP).andThen(SqlTypeTransforms.TO_NULLABLE);

  /** {@code x::timestamptz}, {@code CAST(x AS timestamptz)}, {@code timestamptz '…'}: text, date or timestamp. */
  static final SqlOperator TIMESTAMPTZ = new PgFunction("TIMESTAMPTZ", false, false, null, TIMESTAMP,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER), OperandTypes.family(SqlTypeFamily.DATE),
          OperandTypes.family(SqlTypeFamily.TIMESTAMP)),
      List.of("value"), methods("timestamptz"));
  /** {@code timestamp AT TIME ZONE z}: the instant of z's local time, a timestamptz. */
  static final SqlOperator FROM_ZONE = new PgFunction("TIMEZONE", false, false, null, TIMESTAMP, zoneAndTime(),
      List.of("zone", "value"), methods("fromZone"));
  /** {@code timestamptz AT TIME ZONE z}: z's local time of the instant, a timestamp. */
  static final SqlOperator TO_ZONE = new PgFunction("TIMEZONE", false, false, null, TIMESTAMP, zoneAndTime(),
      List.of("zone", "value"), methods("toZone"));

  /**
   * {@link #FROM_ZONE} with a zone the store reads as the port does, as the store runs it: its third operand is
   * the name of the session's zone the plan was made in ({@link PgSessionTime}); made from {@link #FROM_ZONE} once
   * the statement is a plan, never written in SQL.
   */
  static final SqlOperator FROM_ZONE_IN_STORE = new PgFunction("TIMEZONE", true, false, null, TIMESTAMP,
      OperandTypes.ANY_ANY, List.of("zone", "value", "session"), methods("fromZoneInStore"));
  /** {@link #TO_ZONE} as the store runs it, as {@link #FROM_ZONE_IN_STORE}. */
  static final SqlOperator TO_ZONE_IN_STORE = new PgFunction("TIMEZONE", true, false, null, TIMESTAMP,
      OperandTypes.ANY_ANY, List.of("zone", "value", "session"), methods("toZoneInStore"));

  /** {@code ts::text} of a timestamptz: its local time with the session's offset, as PostgreSQL writes it. */
  static final SqlOperator TIMESTAMPTZ_TEXT = new PgFunction("TIMESTAMPTZ_TEXT", false, true, null,
      ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.family(SqlTypeFamily.TIMESTAMP),
      List.of("value"), methods("timestamptzText"));

  /** {@code to_char(timestamptz, format)}: the session's local time, with its offset and zone for OF, TZH, TZM, TZ. */
  static final SqlOperator TIMESTAMPTZ_TO_CHAR = new PgFunction("TO_CHAR", false, true, null,
      ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER),
      List.of("source", "format"), methods("timestamptzToChar"));

  /** {@code ts::text} of a timestamp no column gives: its local time with its fraction, as PostgreSQL writes it. */
  static final SqlOperator LOCAL_TEXT = new PgFunction("TIMESTAMP_TEXT", false, true, null,
      ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.family(SqlTypeFamily.TIMESTAMP),
      List.of("value"), methods("timestampText"));

  /** PostgreSQL's time zone abbreviations that are fixed offsets, read before the zone names as PostgreSQL does. */
  private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
      Map.entry("utc", ZoneOffset.UTC), Map.entry("gmt", ZoneOffset.UTC), Map.entry("z", ZoneOffset.UTC),
      Map.entry("zulu", ZoneOffset.UTC), Map.entry("ut", ZoneOffset.UTC),
      Map.entry("est", ZoneOffset.ofHours(-5)), Map.entry("edt", ZoneOffset.ofHours(-4)),
      Map.entry("cst", ZoneOffset.ofHours(-6)), Map.entry("cdt", ZoneOffset.ofHours(-5)),
      Map.entry("mst", ZoneOffset.ofHours(-7)), Map.entry("mdt", ZoneOffset.ofHours(-6)),
      Map.entry("pst", ZoneOffset.ofHours(-8)), Map.entry("pdt", ZoneOffset.ofHours(-7)),
      Map.entry("cet", ZoneOffset.ofHours(1)), Map.entry("cest", ZoneOffset.ofHours(2)),
      Map.entry("eet", ZoneOffset.ofHours(2)), Map.entry("eest", ZoneOffset.ofHours(3)),
      Map.entry("wet", ZoneOffset.UTC), Map.entry("west", ZoneOffset.ofHours(1)),
      Map.entry("bst", ZoneOffset.ofHours(1)), Map.entry("jst", ZoneOffset.ofHours(9)));
  /** The IANA zone names, by lower-case name: PostgreSQL reads them in any case. */
  private static final Map<String, String> ZONE_NAMES = zoneNames();
  /** A POSIX offset such as {@code '+02'} or {@code '-05:30'}: hours west of Greenwich. */
  private static final Pattern POSIX_OFFSET = Pattern.compile("([+-]?)(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?");
  /** An ISO offset written after a time ({@code +01}, {@code +01:00}, {@code -0530}): hours east. */
  private static final Pattern ISO_OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?");
  private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
      "(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ T]+(\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?\\s*(.*)");
  private static final Set<String> AT_TIME_ZONE = Set.of("AT", "TIME", "ZONE");
  /** PostgreSQL's epoch, from which it rounds a fraction of a second half away from zero. */
  private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

  private PgTimeZones() {
  }

  /**
   * PostgreSQL's typed timestamptz literals ({@code TIMESTAMP WITH TIME ZONE '…'}, {@code timestamptz '…'}) as
   * {@link #TIMESTAMPTZ_CALL}, on tokens, before the {@code ::} casts are read.
   */
  static String rewriteLiterals(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("timestamptz") && !lower.contains("zone")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      int end = typedLiteralTypeEnd(all, i);
      int literal = end < 0 ? -1 : PgCasts.following(all, end);
      if (literal >= 0 && all.get(literal).kind() == Kind.STRING && all.get(literal).text().startsWith("'")
          && !precededByCast(all, i)) {
        out.append(TIMESTAMPTZ_CALL).append('(').append(all.get(literal).text()).append(')');
        i = literal;
      } else {
        out.append(all.get(i).text());
      }
    }
    return out.toString();
  }

  /** Whether the type name at {@code i} is the type of a CAST or {@code ::} rather than a typed literal. */
  private static boolean precededByCast(List<Token> all, int i) {
    int before = PgCasts.previous(all, i);
    return before >= 0 && (all.get(before).isWord("AS") || all.get(before).is(":"));
  }

  /** The last token of {@code timestamptz} or {@code timestamp with time zone} starting at {@code i}, or -1. */
  private static int typedLiteralTypeEnd(List<Token> all, int i) {
    if (all.get(i).isWord("timestamptz")) {
      return i;
    }
    if (!all.get(i).isWord("timestamp")) {
      return -1;
    }
    int k = i;
    for (String word : List.of("with", "time", "zone")) {
      k = PgCasts.following(all, k);
      if (k < 0 || !all.get(k).isWord(word)) {
        return -1;
      }
    }
    return k;
  }

  /** {@code x AT TIME ZONE z} as {@code pg_catalog.timezone(z, x)}, on tokens, after the {@code ::} casts. */
  static String rewriteAtTimeZone(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("zone")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    for (int rewrites = 0, from = 0; rewrites < MAX_REWRITES; rewrites++) {
      int at = nextAtTimeZone(all, from);
      if (at < 0) {
        break;
      }
      int zoneWord = PgCasts.following(all, PgCasts.following(all, at));
      int operandEnd = PgCasts.previous(all, at);
      int start = PgCasts.operandStart(all, operandEnd);
      int zoneStart = PgCasts.following(all, zoneWord);
      int zoneEnd = zoneStart < 0 ? -1 : zoneEnd(all, zoneStart);
      if (start < 0 || zoneEnd < 0) {
        from = zoneWord + 1;
        continue;
      }
      String rewritten = SqlTokens.join(all.subList(0, start)) + TIMEZONE_CALL + "("
          + SqlTokens.join(all.subList(zoneStart, zoneEnd + 1)) + ", " + SqlTokens.join(all.subList(start, operandEnd + 1))
          + ")" + SqlTokens.join(all.subList(zoneEnd + 1, all.size()));
      all = SqlTokens.tokenize(rewritten);
      from = 0;
    }
    return SqlTokens.join(all);
  }

  /** The index of the next {@code AT} of {@code AT TIME ZONE} from {@code from}, or -1. */
  private static int nextAtTimeZone(List<Token> all, int from) {
    for (int i = Math.max(from, 0); i < all.size(); i++) {
      if (all.get(i).isWord("AT")) {
        int time = PgCasts.following(all, i);
        int zone = time < 0 ? -1 : PgCasts.following(all, time);
        if (zone >= 0 && all.get(time).isWord("TIME") && all.get(zone).isWord("ZONE")) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The last token of the zone starting at {@code i}: a literal, a parameter, a name or a parenthesis; or -1. */
  private static int zoneEnd(List<Token> all, int i) {
    Token first = all.get(i);
    if (first.kind() == Kind.STRING || first.is("?")) {
      return i;
    }
    if (first.is("(")) {
      return PgCasts.matching(all, i);
    }
    if ((first.kind() == Kind.WORD && !AT_TIME_ZONE.contains(first.upper())) || first.kind() == Kind.QUOTED) {
      int k = i;
      for (int dot = PgCasts.following(all, k); dot >= 0 && all.get(dot).is(".")
          && PgCasts.following(all, dot) >= 0; dot = PgCasts.following(all, k)) {
        k = PgCasts.following(all, dot);
      }
      return k;
    }
    return -1;
  }

  /**
   * The operator of {@code timezone(zone, value)}: {@link #TO_ZONE} when the value is a timestamptz (see the
   * class comment), else {@link #FROM_ZONE}.
   */
  static SqlOperator timezone(SqlNode value) {
    return isTimestamptz(value) ? TO_ZONE : FROM_ZONE;
  }

  /** Whether {@code node} gives a timestamptz in PostgreSQL, as far as the SQL tells. */
  public static boolean isTimestamptz(SqlNode node) {
    if (!(node instanceof SqlBasicCall call)) {
      return false;
    }
    SqlOperator operator = call.getOperator();
    if (operator == TIMESTAMPTZ || operator == FROM_ZONE || operator == PgTextOperators.NOW
        || operator == PgTextOperators.CURRENT_TIMESTAMP || operator == PgTextOperators.CLOCK_TIMESTAMP
        || operator == PgOperators.TO_TIMESTAMP) {
      return true;
    }
    return operator == PgOperators.DATE_TRUNC && call.operandCount() == 2 && isTimestamptz(call.operand(1));
  }

  /**
   * {@code call} as the store can run it, or as it is: {@code AT TIME ZONE} with a zone literal the store reads as
   * the port does ({@link #storeName}) becomes {@link #FROM_ZONE_IN_STORE} or {@link #TO_ZONE_IN_STORE} with the
   * session's zone {@code session}; a timestamptz literal becomes its local time read in its zone the same way
   * (Metabase's {@code col >= timestamp with time zone '2024-03-01 00:00:00.000Z'}), or a timestamp literal when it
   * names no zone; a timestamptz of a timestamp or a date is that value as a timestamp.
   */
  static RexNode inStore(RexBuilder rex, RexCall call, RexNode session) {
    SqlOperator operator = call.getOperator();
    if ((operator == FROM_ZONE || operator == TO_ZONE) && call.getOperands().size() == 2
        && call.getOperands().get(0) instanceof RexLiteral zone && zone.getValueAs(String.class) != null
        && storeName(zone.getValueAs(String.class), false).isPresent()
        && storeName(zone.getValueAs(String.class), true).isPresent()) {
      return rex.makeCall(call.getType(), operator == FROM_ZONE ? FROM_ZONE_IN_STORE : TO_ZONE_IN_STORE,
          List.of(zone, call.getOperands().get(1), session));
    }
    if (operator != TIMESTAMPTZ || call.getOperands().size() != 1) {
      return call;
    }
    RexNode value = call.getOperands().get(0);
    SqlTypeName type = value.getType().getSqlTypeName();
    if (type == SqlTypeName.DATE || type == SqlTypeName.TIMESTAMP) {
      return rex.makeAbstractCast(call.getType(), value, false);
    }
    if (!(value instanceof RexLiteral literal) || literal.getValueAs(String.class) == null) {
      return call;
    }
    Written written;
    try {
      written = written(literal.getValueAs(String.class));
    } catch (PgSqlException notATime) {
      return call; // the error is the execution's, above the store
    }
    LocalDateTime local = written.local().withNano(written.local().getNano() / 1_000_000 * 1_000_000);
    // to the millisecond, as Calcite holds a timestamp: a cast to the call's TIMESTAMP would drop the fraction
    RexNode millis = rex.makeTimestampLiteral(new TimestampString(local.getYear(), local.getMonthValue(),
        local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond())
        .withMillis(local.getNano() / 1_000_000), 3);
    RexNode time = local.getNano() == 0 ? rex.makeAbstractCast(call.getType(), millis, false)
        : rex.makeReinterpretCast(call.getType(), millis, rex.makeLiteral(false));
    if (written.zone() == null) {
      return time;
    }
    time = local.getNano() == 0 ? time : millis;
    String zone = portName(written.zone());
    if (storeName(zone, false).isEmpty() || storeName(zone, true).isEmpty()) {
      return call;
    }
    return rex.makeCall(call.getType(), FROM_ZONE_IN_STORE, List.of(rex.makeLiteral(zone), time, session));
  }

  /**
   * The store's SQL of {@link #FROM_ZONE_IN_STORE} or {@link #TO_ZONE_IN_STORE}: the instant through the two
   * directions of the store's {@code timezone(zone, …)} (DuckDB's, with ICU, and PostgreSQL's read a timestamp as
   * the zone's local time and give the zone's local time of an instant alike), the session's zone a literal.
   */
  static SqlNode storeSql(SqlCall call, boolean postgresql) {
    if (!(call.operand(0) instanceof SqlCharStringLiteral literal)) {
      throw new IllegalStateException("the store converts only with a zone literal: " + call);
    }
    SqlNode zone = storeLiteral(literal, postgresql);
    if (!(call.operand(2) instanceof SqlCharStringLiteral sessionName)) {
      throw new IllegalStateException("the store converts only in the plan's session zone: " + call);
    }
    SqlNode session = storeLiteral(sessionName, postgresql);
    SqlNode value = cast(call.operand(1), SqlTypeName.TIMESTAMP);
    boolean from = call.getOperator() == FROM_ZONE_IN_STORE;
    SqlNode inner = STORE_TIMEZONE.createCall(SqlParserPos.ZERO, from ? zone : session, value);
    return STORE_TIMEZONE.createCall(SqlParserPos.ZERO, from ? session : zone, inner);
  }

  private static SqlNode storeLiteral(SqlCharStringLiteral literal, boolean postgresql) {
    String name = literal.getValueAs(String.class);
    return SqlLiteral.createCharString(storeName(name, postgresql).orElseThrow(
        () -> new IllegalStateException("the store has no name for the time zone " + name)), SqlParserPos.ZERO);
  }

  /** Whether {@code operator} is a zone conversion {@link #storeSql} writes. */
  static boolean runsInStore(SqlOperator operator) {
    return operator == FROM_ZONE_IN_STORE || operator == TO_ZONE_IN_STORE;
  }

  private static final SqlOperator STORE_TIMEZONE = SqlBasicFunction.create("timezone", TIMESTAMP,
      OperandTypes.ANY_ANY, SqlFunctionCategory.TIMEDATE);

  private static SqlNode cast(SqlNode value, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, SqlParserPos.ZERO), SqlParserPos.ZERO));
  }

  /** {@code x::timestamptz}: a text read as PostgreSQL reads it; a date or timestamp as the session's local time. */
  public static long timestamptz(DataContext root, Object value) {
    if (value instanceof String text) {
      return read(text, session(root));
    }
    return ((Number) value).longValue();
  }

  /** {@code timestamp AT TIME ZONE zone}: the session's local time of the instant at which zone's clock showed it. */
  public static long fromZone(DataContext root, String zone, long local) {
    LocalDateTime time = local(local);
    return millis(instant(time, zone(zone)).withZoneSameInstant(session(root)).toLocalDateTime());
  }

  /**
   * A timestamptz as PostgreSQL's text: the session's local time it holds, its fraction of a second without
   * trailing zeros, and the session's offset then ({@code 2024-03-01 00:00:00+01}, {@code 2024-03-01 05:30:00+05:30}).
   */
  public static String timestamptzText(DataContext root, long local) {
    return instantText(local(local), session(root));
  }

  /** {@code to_char} of a timestamptz whose session's local time is {@code local}. */
  public static String timestamptzToChar(DataContext root, long local, String format) {
    return PgDateFormat.parse(format).format(instant(local(local), session(root)));
  }

  /**
   * {@code timeofday()}: the time as the function runs, as PostgreSQL writes it, in the session's zone with its
   * abbreviation ({@code Mon Dec 07 10:05:12.123000 2026 CET}); to the millisecond, the rest of the microseconds zeros.
   */
  public static String timeOfDay(DataContext root) {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(session(root));
    return TIME_OF_DAY.format(now.withNano(now.getNano() / 1_000_000 * 1_000_000));
  }

  private static final PgDateFormat TIME_OF_DAY = PgDateFormat.parse("Dy Mon DD HH24:MI:SS.US YYYY TZ");

  /** A timestamp as PostgreSQL's text ({@link #localText}). */
  public static String timestampText(long local) {
    return localText(local(local));
  }

  /**
   * PostgreSQL's text of the timestamptz whose local time in {@code zone} is {@code local}: {@link #localText}
   * and the zone's offset then, hours and, where there are any, minutes and seconds ({@code 2024-03-01
   * 10:15:30.123+01}, {@code 2024-03-01 05:30:00+05:30}).
   */
  public static String instantText(LocalDateTime local, ZoneId zone) {
    int seconds = instant(local, zone).getOffset().getTotalSeconds();
    int abs = Math.abs(seconds);
    StringBuilder s = new StringBuilder(localText(local)).append(seconds < 0 ? '-' : '+')
        .append(String.format(Locale.ROOT, "%02d", abs / 3600));
    if (abs % 3600 != 0) {
      s.append(String.format(Locale.ROOT, ":%02d", abs % 3600 / 60));
    }
    if (abs % 60 != 0) {
      s.append(String.format(Locale.ROOT, ":%02d", abs % 60));
    }
    return s.toString();
  }

  /**
   * {@link #localText(LocalDateTime)} of a TIMESTAMP as Calcite holds it: milliseconds since 1970-01-01 00:00 counted as
   * if in UTC, in the proleptic Gregorian calendar (as PostgreSQL counts days, before 1582-10-15 too).
   */
  public static String heldText(long millis) {
    int nanos = (int) Math.floorMod(millis, 1000L) * 1_000_000;
    return localText(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), nanos, ZoneOffset.UTC));
  }

  /**
   * PostgreSQL's text of a timestamp (DateStyle ISO): {@code 2024-03-01 10:15:30}, with the fraction of a second
   * when there is one, without its trailing zeros ({@code 2024-03-01 10:15:30.5}, {@code 2024-03-01 10:15:30.123}).
   */
  public static String localText(LocalDateTime local) {
    StringBuilder s = new StringBuilder(26).append(local.toLocalDate()).append(' ');
    twoDigits(s, local.getHour()).append(':');
    twoDigits(s, local.getMinute()).append(':');
    twoDigits(s, local.getSecond());
    int micros = local.getNano() / 1000;
    if (micros > 0) {
      String digits = Integer.toString(1_000_000 + micros); // 1 and six digits
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      s.append('.').append(digits, 1, end);
    }
    return s.toString();
  }

  private static StringBuilder twoDigits(StringBuilder s, int value) {
    return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** {@link #fromZone} where the store would run it; {@code session} names the session's zone, as the root does. */
  public static long fromZoneInStore(DataContext root, String zone, long local, String session) {
    return fromZone(root, zone, local);
  }

  /** {@link #toZone} where the store would run it; {@code session} names the session's zone, as the root does. */
  public static long toZoneInStore(DataContext root, String zone, long local, String session) {
    return toZone(root, zone, local);
  }

  /** The session's local time, as a timestamptz is held, of the instant {@code utc} milliseconds after 1970 UTC. */
  static long sessionTime(DataContext root, long utc) {
    return millis(LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(utc), session(root)));
  }

  /** {@code timestamptz AT TIME ZONE zone}: zone's local time of the instant the session's local time names. */
  public static long toZone(DataContext root, String zone, long local) {
    LocalDateTime time = local(local);
    return millis(instant(time, session(root)).withZoneSameInstant(zone(zone)).toLocalDateTime());
  }

  /**
   * {@code time} as {@code zone}'s local time, as PostgreSQL (and DuckDB) read it: a time the clocks skipped
   * is read with the offset before the change (02:30 on the spring day in Berlin is 03:30 summer time), a time
   * they showed twice with the offset after it (02:30 on the autumn day is 02:30 winter time, the later one).
   */
  private static java.time.ZonedDateTime instant(LocalDateTime time, ZoneId zone) {
    return time.atZone(zone).withLaterOffsetAtOverlap();
  }

  /**
   * A time zone as {@code AT TIME ZONE} and {@code SET TIME ZONE} read it: an abbreviation with a fixed offset
   * ({@code UTC}, {@code EST}, {@code CET} …), an IANA name in any case ({@code Europe/Berlin}), or a POSIX offset
   * ({@code '+02'} is two hours <em>west</em> of Greenwich, as in PostgreSQL); any other is {@code 22023}.
   */
  static ZoneId zone(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    ZoneOffset abbreviation = ABBREVIATIONS.get(key);
    if (abbreviation != null) {
      return abbreviation;
    }
    String region = ZONE_NAMES.get(key);
    if (region != null) {
      return ZoneId.of(region);
    }
    Matcher posix = POSIX_OFFSET.matcher(key);
    if (posix.matches()) {
      ZoneOffset east = offset(posix, name);
      return ZoneOffset.ofTotalSeconds(-east.getTotalSeconds());
    }
    throw notRecognized(name);
  }

  /** A text with a date, an optional time and an optional zone, as the session's local time of its instant. */
  private static long read(String text, ZoneId session) {
    Written written = written(text);
    if (written.zone() == null) {
      return millis(written.local());
    }
    return millis(instant(written.local(), written.zone()).withZoneSameInstant(session).toLocalDateTime());
  }

  /** A timestamptz text as written: its local time, and its zone (null: the session's). */
  record Written(LocalDateTime local, ZoneId zone) {
    Written {
      java.util.Objects.requireNonNull(local, "local");
    }
  }

  /** {@code text} read as PostgreSQL reads a timestamptz, not yet in any session: {@code 22007}, {@code 22008}. */
  static Written written(String text) {
    Matcher m = TIMESTAMP_TEXT.matcher(text.strip());
    if (!m.matches()) {
      throw invalid(text);
    }
    try {
      LocalDate date = LocalDate.parse(m.group(1), java.time.format.DateTimeFormatter.ofPattern("uuuu-M-d"));
      LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(pad(m.group(2)));
      LocalDateTime local = toMillis(LocalDateTime.of(date, time));
      String zoneText = m.group(3).strip();
      if (zoneText.isEmpty()) {
        return new Written(local, null);
      }
      Matcher iso = ISO_OFFSET.matcher(zoneText);
      ZoneId zone = iso.matches() ? offset(iso, zoneText) : zoneText.equalsIgnoreCase("z") ? ZoneOffset.UTC : zoneOrNull(zoneText);
      if (zone == null) {
        throw invalid(text);
      }
      return new Written(local, zone);
    } catch (DateTimeException e) {
      PgSqlException error = new PgSqlException("22008", "date/time field value out of range: \"" + text + "\"");
      error.initCause(e);
      throw error;
    }
  }

  /**
   * {@code local} to the millisecond, as PostgreSQL rounds a {@code timestamptz(3)}: the fraction of a second to the
   * microsecond first, as PostgreSQL reads a text ({@code rint} of the fraction as a double, ties to even), then to
   * the millisecond, half away from zero counted from PostgreSQL's epoch 2000-01-01 (so {@code .1235} is {@code .124},
   * {@code .1234999} is {@code .124} too, and {@code 1999-12-31 23:59:59.9985} is {@code .998}). The fraction is not
   * refused: a timestamp holds milliseconds here, where PostgreSQL keeps microseconds.
   */
  static LocalDateTime toMillis(LocalDateTime local) {
    long micros = (long) Math.rint(local.getNano() / 1e9 * 1e6);
    long fromEpoch = java.time.temporal.ChronoUnit.SECONDS.between(PG_EPOCH, local.withNano(0)) * 1_000_000L + micros;
    long rounded = fromEpoch >= 0 ? (fromEpoch + 500) / 1000 * 1000 : -((-fromEpoch + 500) / 1000 * 1000);
    return PG_EPOCH.plus(rounded, java.time.temporal.ChronoUnit.MICROS);
  }

  /**
   * {@code zone} as {@link #zone} reads it back: its IANA name, {@code UTC}, or a POSIX offset (hours west, so
   * one hour east is {@code '-01:00'}).
   */
  static String portName(ZoneId zone) {
    ZoneId normalized = zone.normalized();
    if (normalized instanceof ZoneOffset offset) {
      int west = -offset.getTotalSeconds();
      return west == 0 ? "UTC" : (west < 0 ? "-" : "+") + hoursAndMinutes(Math.abs(west));
    }
    return normalized.getId();
  }

  /**
   * The name the store's {@code timezone(zone, …)} reads as the zone the port reads {@code name} as, if there is
   * one: an IANA name as it is; a fixed offset as DuckDB's {@code GMT+05:30} (hours east) or PostgreSQL's POSIX
   * {@code UTC-05:30} (hours west, the same zone). Empty for an unknown name and for an offset with seconds.
   */
  static java.util.Optional<String> storeName(String name, boolean postgresql) {
    try {
      return storeName(zone(name), postgresql);
    } catch (PgSqlException unknown) {
      return java.util.Optional.empty();
    }
  }

  /** As {@link #storeName(String, boolean)}, of a zone. */
  static java.util.Optional<String> storeName(ZoneId zone, boolean postgresql) {
    ZoneId normalized = zone.normalized();
    if (!(normalized instanceof ZoneOffset offset)) {
      return java.util.Optional.of(normalized.getId());
    }
    int east = offset.getTotalSeconds();
    if (east % 60 != 0) {
      return java.util.Optional.empty();
    }
    if (east == 0) {
      return java.util.Optional.of("UTC");
    }
    String sign = (east > 0) != postgresql ? "+" : "-";
    return java.util.Optional.of((postgresql ? "UTC" : "GMT") + sign + hoursAndMinutes(Math.abs(east)));
  }

  /**
   * The session's zone, the connection's {@code timeZone} ({@code id}; null: the JVM's, as Calcite takes it), as a
   * literal of the port's name of it ({@link #portName}); null when the store has no name for it.
   */
  static RexNode sessionLiteral(RexBuilder rex, String id) {
    ZoneId session = (id == null ? TimeZone.getDefault() : TimeZone.getTimeZone(id)).toZoneId();
    String name = portName(session);
    return storeName(name, false).isPresent() && storeName(name, true).isPresent() ? rex.makeLiteral(name) : null;
  }

  private static String hoursAndMinutes(int seconds) {
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  }

  private static String pad(String time) {
    return time.indexOf(':') == 1 ? "0" + time : time;
  }

  private static ZoneId zoneOrNull(String name) {
    try {
      return zone(name);
    } catch (PgSqlException e) {
      return null;
    }
  }

  private static ZoneOffset offset(Matcher m, String text) {
    int hours = Integer.parseInt(m.group(2));
    int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int total = hours * 3600 + minutes * 60 + seconds;
    if (hours > 15 || minutes > 59 || seconds > 59) {
      throw notRecognized(text);
    }
    return ZoneOffset.ofTotalSeconds("-".equals(m.group(1)) ? -total : total);
  }

  private static PgSqlException notRecognized(String zone) {
    return new PgSqlException("22023", "time zone \"" + zone + "\" not recognized");
  }

  private static PgSqlException invalid(String text) {
    return new PgSqlException("22007", "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
  }

  private static ZoneId session(DataContext root) {
    TimeZone zone = DataContext.Variable.TIME_ZONE.get(root);
    return zone == null ? ZoneOffset.UTC : zone.toZoneId();
  }

  private static LocalDateTime local(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  private static long millis(LocalDateTime time) {
    return time.toEpochSecond(ZoneOffset.UTC) * 1000L + time.getNano() / 1_000_000;
  }

  private static Map<String, String> zoneNames() {
    Map<String, String> names = new HashMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      names.put(id.toLowerCase(Locale.ROOT), id);
    }
    return Map.copyOf(names);
  }

  private static org.apache.calcite.sql.type.SqlOperandTypeChecker zoneAndTime() {
    return OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.TIMESTAMP),
        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATE));
  }

  private static List<java.lang.reflect.Method> methods(String name) {
    return java.util.Arrays.stream(PgTimeZones.class.getMethods()).filter(m -> m.getName().equals(name)).toList();
  }
}
