package org.marketingsql.sql;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Java side of PostgreSQL's everyday text, number and session functions that {@link PgTextOperators}
 * adds ({@code left}, {@code split_part}, {@code lpad}, {@code trunc}, {@code version()} …), with PostgreSQL
 * 15's results for nulls, negative lengths and 1-based positions, and its errors. A function that can make a
 * text longer than its arguments refuses a result over {@link #MAX_TEXT} characters with SQLSTATE 54000,
 * so no statement makes the server build an unbounded string. Public, since Calcite's generated code calls
 * these methods.
 */
public final class PgStrings {
  /** The longest text a function here builds: 16 MiB of characters (PostgreSQL's own limit is 1 GB). */
  public static final int MAX_TEXT = 16 * 1024 * 1024;
  /** Compiled regular expressions by flags and pattern; statements choose the patterns, so the cache has a bound. */
  private static final int PATTERN_CACHE = 256;
  private static final java.util.Map<String, Pattern> PATTERNS = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Pattern> eldest) {
          return size() > PATTERN_CACHE;
        }
      });
  private static final String VERSION = "PostgreSQL " + PgTexts.SETTINGS.get("server_version") + " (Marketing SQL "
      + productVersion() + ", Apache Calcite) on x86_64, 64-bit";
  static final String DATABASE = "marketing";

  private PgStrings() {
  }

  /** Refuses a result of {@code length} characters over {@link #MAX_TEXT}: SQLSTATE 54000 naming {@code function}. */
  static void checkLength(long length, String function) {
    if (length > MAX_TEXT) {
      throw new PgSqlException("54000", "requested length too large: " + function + "() would build a text of "
          + length + " characters, more than the limit of " + MAX_TEXT);
    }
  }

  /** A count as PostgreSQL's integer: 22003 when it does not fit. */
  static int toInt(long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new PgSqlException("22003", "integer out of range");
    }
    return (int) value;
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The text from the code point {@code from} (0-based, clamped) for {@code count} code points (clamped). */
  private static String codePointSlice(String s, long from, long count) {
    int n = codePoints(s);
    long start = Math.max(0, Math.min(from, n));
    long end = Math.max(start, Math.min(n, start + Math.max(0, count)));
    return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
  }

  /** {@code length(text)}: the number of characters. */
  public static int length(String s) {
    return codePoints(s);
  }

  /** {@code octet_length(text)}: the number of bytes in UTF-8. */
  public static int octetLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code text || text}: the two joined (null when either is), refused past {@link #MAX_TEXT} characters. */
  public static String textcat(String left, String right) {
    checkLength((long) left.length() + right.length(), "textcat");
    return left + right;
  }

  /** {@code concat(any …)}: the arguments as text, nulls left out. */
  public static String concat(String... parts) {
    return concatWs("", parts);
  }

  /** {@code concat_ws(separator, any …)}: the non-null arguments joined by the separator; null when it is null. */
  public static String concatWs(String separator, String... parts) {
    if (separator == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (String part : parts) {
      if (part != null) {
        checkLength((long) out.length() + part.length() + (first ? 0 : separator.length()), first && separator.isEmpty()
            ? "concat" : "concat_ws");
        out.append(first ? "" : separator).append(part);
        first = false;
      }
    }
    return out.toString();
  }

  /** {@code left(text, n)}: the first n characters; a negative n leaves out the last |n|. */
  public static String left(String s, long n) {
    int length = codePoints(s);
    return codePointSlice(s, 0, n >= 0 ? n : length + n);
  }

  /** {@code right(text, n)}: the last n characters; a negative n leaves out the first |n|. */
  public static String right(String s, long n) {
    int length = codePoints(s);
    long keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
    return codePointSlice(s, length - keep, keep);
  }

  /** {@code strpos(text, substring)}: the 1-based position of the first occurrence, 0 when there is none. */
  public static int strpos(String s, String sub) {
    int at = s.indexOf(sub);
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  /** {@code substr(text, from)}: from the 1-based position {@code from} to the end. */
  public static String substr(String s, long from) {
    return codePointSlice(s, Math.max(0, from - 1), Long.MAX_VALUE / 2);
  }

  /** {@code substr(text, from, count)}: SQL's SUBSTRING: positions before 1 count against {@code count}. */
  public static String substr(String s, long from, long count) {
    if (count < 0) {
      throw new PgSqlException("22011", "negative substring length not allowed");
    }
    long end = from + count;
    long start = Math.max(1, from);
    return end <= start ? "" : codePointSlice(s, start - 1, end - start);
  }

  /**
   * {@code split_part(text, delimiter, n)}: the n-th field (1-based); a negative n counts from the end;
   * an empty delimiter makes the whole text the one field; 0 is an error.
   */
  public static String splitPart(String s, String delimiter, long n) {
    if (n == 0) {
      throw new PgSqlException("22023", "field position must not be zero");
    }
    if (delimiter.isEmpty()) {
      return n == 1 || n == -1 ? s : "";
    }
    java.util.List<String> fields = new java.util.ArrayList<>();
    int from = 0;
    for (int at; (at = s.indexOf(delimiter, from)) >= 0; from = at + delimiter.length()) {
      fields.add(s.substring(from, at));
    }
    fields.add(s.substring(from));
    long index = n > 0 ? n - 1 : fields.size() + n;
    return index < 0 || index >= fields.size() ? "" : fields.get((int) index);
  }

  /** {@code lpad(text, length)}: filled with spaces. */
  public static String lpad(String s, long length) {
    return pad(s, length, " ", true);
  }

  /** {@code lpad(text, length, fill)}: filled on the left, or cut to {@code length}. */
  public static String lpad(String s, long length, String fill) {
    return pad(s, length, fill, true);
  }

  public static String rpad(String s, long length) {
    return pad(s, length, " ", false);
  }

  /** {@code rpad(text, length, fill)}: filled on the right, or cut to {@code length}. */
  public static String rpad(String s, long length, String fill) {
    return pad(s, length, fill, false);
  }

  private static String pad(String s, long length, String fill, boolean left) {
    int n = toInt(length);
    checkLength(n, left ? "lpad" : "rpad");
    if (n <= 0) {
      return "";
    }
    int have = codePoints(s);
    if (have >= n || fill.isEmpty()) {
      return codePointSlice(s, 0, n);
    }
    int[] filler = fill.codePoints().toArray();
    StringBuilder padding = new StringBuilder();
    for (int i = 0; i < n - have; i++) {
      padding.appendCodePoint(filler[i % filler.length]);
    }
    return left ? padding + s : s + padding;
  }

  /** {@code btrim(text)}: spaces removed from both ends. */
  public static String btrim(String s) {
    return trim(s, " ", true, true);
  }

  /** {@code btrim(text, characters)}: any of the characters removed from both ends. */
  public static String btrim(String s, String characters) {
    return trim(s, characters, true, true);
  }

  public static String ltrim(String s) {
    return trim(s, " ", true, false);
  }

  public static String ltrim(String s, String characters) {
    return trim(s, characters, true, false);
  }

  public static String rtrim(String s) {
    return trim(s, " ", false, true);
  }

  public static String rtrim(String s, String characters) {
    return trim(s, characters, false, true);
  }

  private static String trim(String s, String characters, boolean leading, boolean trailing) {
    int start = 0;
    int end = s.length();
    while (leading && start < end && characters.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (trailing && end > start && characters.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** {@code reverse(text)}: the characters in reverse order. */
  public static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }

  /** {@code starts_with(text, prefix)}. */
  public static boolean startsWith(String s, String prefix) {
    return s.startsWith(prefix);
  }

  /** {@code md5(text)}: the MD5 of the text's UTF-8 bytes, in lower-case hexadecimal. */
  public static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no MD5", e);
    }
  }

  /** {@code repeat(text, n)}: the text n times; empty for n of 0 or less. */
  public static String repeat(String s, long n) {
    int times = toInt(n);
    if (times <= 0 || s.isEmpty()) {
      return "";
    }
    checkLength((long) s.length() * times, "repeat");
    return s.repeat(times);
  }

  /**
   * {@code translate(text, from, to)}: each character of {@code from} replaced by the one at its place in
   * {@code to}, or removed when {@code to} is shorter.
   */
  public static String translate(String s, String from, String to) {
    int[] source = from.codePoints().toArray();
    int[] target = to.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      int at = -1;
      for (int i = 0; i < source.length && at < 0; i++) {
        at = source[i] == c ? i : -1;
      }
      if (at < 0) {
        out.appendCodePoint(c);
      } else if (at < target.length) {
        out.appendCodePoint(target[at]);
      }
    });
    return out.toString();
  }

  /** {@code chr(code)}: the character with that Unicode code point. */
  public static String chr(long code) {
    if (code == 0) {
      throw new PgSqlException("54000", "null character not permitted");
    }
    if (code < 0) {
      throw new PgSqlException("22023", "character number must be positive");
    }
    if (code > Character.MAX_CODE_POINT) {
      throw new PgSqlException("54000", "requested character too large for encoding: " + code);
    }
    return Character.toString((int) code);
  }

  /** {@code overlay(text placing replacement from start [for count])}: count defaults to the replacement's length. */
  public static String overlay(String s, String replacement, long from) {
    return overlay(s, replacement, from, codePoints(replacement));
  }

  public static String overlay(String s, String replacement, long from, long count) {
    if (from < 1) {
      throw new PgSqlException("22011", "negative substring length not allowed");
    }
    checkLength((long) s.length() + replacement.length(), "overlay");
    String head = substr(s, 1, from - 1);
    String tail = substr(s, from + Math.max(0, count));
    return head + replacement + tail;
  }

  /** {@code quote_ident(text)}: quoted unless it is a lower-case plain name that is not a keyword. */
  public static String quoteIdent(String name) {
    return name.matches("[a-z_][a-z0-9_$]*") && !PgKeywords.isReserved(name) ? name
        : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** {@code quote_literal(text)}: a string literal; with a backslash, PostgreSQL's {@code E'…'} form. */
  public static String quoteLiteral(String text) {
    String quoted = "'" + text.replace("'", "''").replace("\\", "\\\\") + "'";
    return text.indexOf('\\') >= 0 ? "E" + quoted : quoted;
  }

  /** {@code regexp_replace(text, pattern, replacement)}: the first match replaced. */
  public static String regexpReplace(String s, String pattern, String replacement) {
    return regexpReplace(s, pattern, replacement, "");
  }

  /**
   * {@code regexp_replace(text, pattern, replacement, flags)}: {@code g} replaces every match, {@code i}
   * ignores case; in the replacement {@code \1}…{@code \9} are the groups and {@code \&} the whole match.
   * PostgreSQL's regular expressions are POSIX ARE; Java's read the common forms the same way.
   */
  public static String regexpReplace(String s, String pattern, String replacement, String flags) {
    boolean global = false;
    int javaFlags = 0;
    for (char f : flags.toCharArray()) {
      switch (f) {
        case 'g' -> global = true;
        case 'i' -> javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'c' -> javaFlags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        case 'n', 'm' -> javaFlags |= Pattern.MULTILINE;
        case 's' -> javaFlags |= Pattern.DOTALL;
        case 'x' -> javaFlags |= Pattern.COMMENTS;
        default -> throw new PgSqlException("22023", "invalid regular expression option: \"" + f + "\"");
      }
    }
    Pattern compiled = pattern(pattern, javaFlags);
    Matcher m = compiled.matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(s, last, m.start());
      for (int i = 0; i < replacement.length(); i++) {
        char c = replacement.charAt(i);
        if (c == '\\' && i + 1 < replacement.length()) {
          char next = replacement.charAt(++i);
          if (next >= '1' && next <= '9') {
            String group = next - '0' <= m.groupCount() ? m.group(next - '0') : null;
            out.append(group == null ? "" : group);
          } else if (next == '&') {
            out.append(m.group());
          } else {
            out.append(next);
          }
        } else {
          out.append(c);
        }
        checkLength(out.length(), "regexp_replace");
      }
      last = m.end();
      if (!global) {
        break;
      }
    }
    return out.append(s, last, s.length()).toString();
  }

  /** {@code substring(text from pattern)}: the first match, or its first group when the pattern has groups; null when none. */
  public static String substringRegex(String s, String pattern) {
    java.util.List<String> match = firstMatch(s, pattern, "");
    return match == null ? null : match.get(0);
  }

  /** {@code regexp_match(text, pattern)}: the first match's groups (the whole match when none), or null. */
  public static java.util.List<String> regexpMatch(String s, String pattern) {
    return regexpMatch(s, pattern, "");
  }

  /** {@code regexp_match(text, pattern, flags)}: as above, with the flags of {@code regexp_replace} but {@code g}. */
  public static java.util.List<String> regexpMatch(String s, String pattern, String flags) {
    if (flags.indexOf('g') >= 0) {
      throw new PgSqlException("22023", "regexp_match() does not support the \"global\" option");
    }
    return firstMatch(s, pattern, flags);
  }

  /** {@code regexp_matches(text, pattern)}: the first match's groups, or null when there is none. */
  public static java.util.List<String> regexpMatches(String s, String pattern) {
    return regexpMatches(s, pattern, "");
  }

  /**
   * {@code regexp_matches(text, pattern, flags)} in the select list: one array, the first match's. With
   * {@code g} PostgreSQL returns a row per match, which a scalar function cannot: refused with 0A000.
   */
  public static java.util.List<String> regexpMatches(String s, String pattern, String flags) {
    if (flags.indexOf('g') >= 0) {
      throw new PgSqlException("0A000", "regexp_matches() with the \"global\" option returns a row per match,"
          + " which is not supported: use regexp_match(), or regexp_replace() with g");
    }
    return firstMatch(s, pattern, flags);
  }

  private static java.util.List<String> firstMatch(String s, String pattern, String flags) {
    Matcher m = pattern(pattern, javaFlags(flags)).matcher(s);
    if (!m.find()) {
      return null;
    }
    java.util.List<String> groups = new java.util.ArrayList<>();
    if (m.groupCount() == 0) {
      groups.add(m.group());
    }
    for (int i = 1; i <= m.groupCount(); i++) {
      groups.add(m.group(i));
    }
    return groups;
  }

  /** The Java flags of PostgreSQL's regular-expression flags ({@code g} is the caller's). */
  private static int javaFlags(String flags) {
    int javaFlags = 0;
    for (char f : flags.toCharArray()) {
      switch (f) {
        case 'g' -> { }
        case 'i' -> javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'c' -> javaFlags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        case 'n', 'm' -> javaFlags |= Pattern.MULTILINE;
        case 's' -> javaFlags |= Pattern.DOTALL;
        case 'x' -> javaFlags |= Pattern.COMMENTS;
        default -> throw new PgSqlException("22023", "invalid regular expression option: \"" + f + "\"");
      }
    }
    return javaFlags;
  }

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** {@code justify_days(interval)}: each 30 days a month; PostgreSQL's interval text. */
  public static String justifyDays(long millis) {
    long days = millis / MILLIS_PER_DAY;
    return interval(days / 30, days % 30, millis % MILLIS_PER_DAY);
  }

  /** {@code justify_hours(interval)}: each 24 hours a day. */
  public static String justifyHours(long millis) {
    return interval(0, millis / MILLIS_PER_DAY, millis % MILLIS_PER_DAY);
  }

  /** {@code justify_interval(interval)}: 24 hours a day and 30 days a month. */
  public static String justifyInterval(long millis) {
    return justifyDays(millis);
  }

  private static String interval(long months, long days, long millis) {
    return new PgAge(Math.toIntExact(months / 12), Math.toIntExact(months % 12), Math.toIntExact(days),
        millis * 1000).toString();
  }

  private static Pattern pattern(String pattern, int flags) {
    String key = flags + "/" + pattern;
    Pattern cached = PATTERNS.get(key);
    if (cached == null) {
      try {
        cached = Pattern.compile(pattern, flags);
      } catch (PatternSyntaxException e) {
        throw new PgSqlException("2201B", "invalid regular expression: " + e.getDescription());
      }
      PATTERNS.put(key, cached);
    }
    return cached;
  }

  /** {@code trunc(numeric)}: toward zero. */
  public static BigDecimal trunc(BigDecimal x) {
    return trunc(x, 0);
  }

  /** {@code trunc(numeric, n)}: toward zero at n decimal places (n negative: left of the point). */
  public static BigDecimal trunc(BigDecimal x, long n) {
    BigDecimal cut = x.setScale(toInt(n), RoundingMode.DOWN);
    return n < 0 ? cut.setScale(0, RoundingMode.UNNECESSARY) : cut;
  }

  /** {@code trunc(double precision)}: toward zero. */
  public static double trunc(double x) {
    return x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  /** {@code trunc(x, n)} of a double precision: PostgreSQL takes it as numeric; here as double again. */
  public static double trunc(double x, long n) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return trunc(BigDecimal.valueOf(x), n).doubleValue();
  }

  /** {@code log(x)}: the base-10 logarithm. */
  public static double log(double x) {
    if (x == 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of zero");
    }
    if (x < 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of a negative number");
    }
    return Math.log10(x);
  }

  /** {@code log(base, x)}: the logarithm of x to the base. */
  public static double log(double base, double x) {
    if (base == 0 || x == 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of zero");
    }
    if (base < 0 || x < 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of a negative number");
    }
    if (base == 1) {
      throw new PgSqlException("22012", "division by zero");
    }
    return Math.log(x) / Math.log(base);
  }

  /** {@code div(y, x)}: the integer quotient, truncated toward zero, exact. */
  public static BigDecimal div(BigDecimal y, BigDecimal x) {
    if (x.signum() == 0) {
      throw new PgSqlException("22012", "division by zero");
    }
    return y.divideToIntegralValue(x).setScale(0, RoundingMode.DOWN);
  }

  /** {@code random()}: uniform in [0, 1). */
  public static double random() {
    return ThreadLocalRandom.current().nextDouble();
  }

  /**
   * {@code to_number(text, format)}: the digits of the text, read against the template's {@code 9}/{@code 0}
   * digits, {@code .}/{@code D} decimal point, {@code ,}/{@code G} group separators and {@code S}, {@code MI},
   * {@code PR} or a minus sign for the sign; the result has as many decimals as the template.
   */
  public static BigDecimal toNumber(String text, String format) {
    String f = format.toUpperCase(java.util.Locale.ROOT);
    int point = Math.max(f.indexOf('.'), f.indexOf('D'));
    int scale = 0;
    if (point >= 0) {
      for (int i = point + 1; i < f.length(); i++) {
        scale += f.charAt(i) == '9' || f.charAt(i) == '0' ? 1 : 0;
      }
    }
    int integerDigits = 0;
    for (int i = 0; i < (point >= 0 ? point : f.length()); i++) {
      integerDigits += f.charAt(i) == '9' || f.charAt(i) == '0' ? 1 : 0;
    }
    StringBuilder digits = new StringBuilder();
    StringBuilder decimals = new StringBuilder();
    boolean negative = false;
    boolean afterPoint = false;
    for (char c : text.toCharArray()) {
      if (Character.isDigit(c)) {
        (afterPoint ? decimals : digits).append(c);
      } else if (c == '.' && point >= 0) {
        afterPoint = true;
      } else if (c == '-' || c == '<') {
        negative = true;
      }
    }
    if (digits.length() > integerDigits) {
      digits.delete(0, digits.length() - integerDigits);
    }
    if (decimals.length() > scale) {
      decimals.setLength(scale);
    }
    if (digits.isEmpty() && decimals.isEmpty()) {
      throw new PgSqlException("22P02", "invalid input syntax for type numeric: \" \"");
    }
    BigDecimal value = new BigDecimal((digits.isEmpty() ? "0" : digits) + (scale > 0 ? "." + decimals : ""))
        .setScale(scale, RoundingMode.UNNECESSARY);
    return negative ? value.negate() : value;
  }

  /**
   * {@code clock_timestamp()}: the time as the function runs, as the local time of the statement's time zone
   * (the connection's {@code timeZone}, which the PostgreSQL port sets from the session's TimeZone), as
   * Calcite computes {@code CURRENT_TIMESTAMP}.
   */
  public static long clockTimestamp(org.apache.calcite.DataContext root) {
    long now = System.currentTimeMillis();
    java.util.TimeZone zone = org.apache.calcite.DataContext.Variable.TIME_ZONE.get(root);
    return now + (zone == null ? 0 : zone.getOffset(now));
  }

  /**
   * {@code now()}, {@code CURRENT_TIMESTAMP}: the statement's start as the local time of its time zone, the same
   * for every row, as Calcite holds it.
   */
  public static long currentTimestamp(org.apache.calcite.DataContext root) {
    return org.apache.calcite.DataContext.Variable.CURRENT_TIMESTAMP.get(root);
  }

  /** {@code LOCALTIMESTAMP}: as {@link #currentTimestamp}. */
  public static long localTimestamp(org.apache.calcite.DataContext root) {
    return org.apache.calcite.DataContext.Variable.LOCAL_TIMESTAMP.get(root);
  }

  /** {@code CURRENT_DATE}: the day of the statement's start in its time zone. */
  public static int currentDate(org.apache.calcite.DataContext root) {
    return (int) Math.floorDiv(currentTimestamp(root), 86_400_000L);
  }

  /** {@code version()}: the PostgreSQL version clients are told they talk to, then Marketing SQL's own. */
  public static String version() {
    return VERSION;
  }

  /** {@code current_database()}. */
  public static String currentDatabase() {
    return DATABASE;
  }

  /** {@code gen_random_uuid()}: a version 4 UUID as text. */
  public static String genRandomUuid() {
    return UUID.randomUUID().toString();
  }

  /** The project's version from the driver's {@code version.properties}, or "unknown" outside a build. */
  private static String productVersion() {
    try (InputStream in = PgStrings.class.getResourceAsStream("/org/marketingsql/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown").trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
