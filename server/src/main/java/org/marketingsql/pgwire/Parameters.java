package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns Bind's parameter values into SQL literals that replace {@code $n}. Literals, not JDBC
 * parameters, because Calcite cannot infer the type of a {@code ?} in many places BI tools put one.
 */
final class Parameters {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(\\s+[+-]\\d{2}(:\\d{2})?)?");
  private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)([+-]\\d{2}(:\\d{2})?)?");
  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

  private Parameters() {
  }

  /** The literal of a value sent in text format with type {@code oid} (0 = let the server decide). */
  static String textLiteral(String value, int oid) throws PgException {
    if (value == null) {
      return "NULL";
    }
    switch (oid) {
      case 20, 21, 23, 700, 701, 1700 -> {
        if (!NUMBER.matcher(value.strip()).matches()) {
          throw new PgException("22P02", "invalid input syntax for a number: \"" + value + "\"");
        }
        // Parentheses keep "x - $1" with a negative value from becoming a comment.
        return "(" + value.strip() + ")";
      }
      case 16 -> {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
          case "t", "true", "y", "yes", "on", "1" -> "TRUE";
          case "f", "false", "n", "no", "off", "0" -> "FALSE";
          default -> throw new PgException("22P02", "invalid input syntax for type boolean: \"" + value + "\"");
        };
      }
      case 1082 -> {
        var m = DATE.matcher(value.strip());
        if (!m.matches()) {
          throw new PgException("22007", "invalid input syntax for type date: \"" + value + "\"");
        }
        return "DATE '" + m.group(1) + "'";
      }
      case 1114, 1184 -> {
        var m = TIMESTAMP.matcher(value.strip());
        if (!m.matches()) {
          throw new PgException("22007", "invalid input syntax for type timestamp: \"" + value + "\"");
        }
        return "TIMESTAMP '" + m.group(1).replace('T', ' ') + "'";
      }
      case 0 -> {
        // pgJDBC sends setDate as an untyped "2025-01-15 +00"; let it compare as a date.
        var m = DATE.matcher(value.strip());
        if (m.matches()) {
          return "DATE '" + m.group(1) + "'";
        }
        return quote(value);
      }
      default -> {
        return quote(value);
      }
    }
  }

  /** The literal of a value sent in binary format ("recv" form of type {@code oid}). */
  static String binaryLiteral(ByteBuf v, int oid) throws PgException {
    switch (oid) {
      case 16 -> {
        return v.readByte() != 0 ? "TRUE" : "FALSE";
      }
      case 21 -> {
        return "(" + v.readShort() + ")";
      }
      case 23 -> {
        return "(" + v.readInt() + ")";
      }
      case 20 -> {
        return "(" + v.readLong() + ")";
      }
      case 700 -> {
        return "(" + v.readFloat() + ")";
      }
      case 701 -> {
        return "(" + v.readDouble() + ")";
      }
      case 1700 -> {
        return "(" + readNumeric(v).toPlainString() + ")";
      }
      case 1082 -> {
        return "DATE '" + PG_EPOCH.plusDays(v.readInt()) + "'";
      }
      case 1114, 1184 -> {
        LocalDateTime t = PG_EPOCH.atStartOfDay().plus(v.readLong(), ChronoUnit.MICROS);
        return "TIMESTAMP '" + t.toString().replace('T', ' ') + "'";
      }
      case 0, 25, 1043, 1042, 19 -> {
        return quote(v.toString(StandardCharsets.UTF_8));
      }
      default -> throw new PgException("0A000", "binary parameters of type OID " + oid + " are not supported; send text");
    }
  }

  /** PostgreSQL's numeric "send" form: base-10000 digits with a weight and a display scale. */
  static BigDecimal readNumeric(ByteBuf v) throws PgException {
    int ndigits = v.readShort();
    int weight = v.readShort();
    int sign = v.readUnsignedShort();
    int dscale = v.readShort();
    if (sign == 0xC000) {
      throw new PgException("22P02", "NaN is not a supported numeric value");
    }
    BigInteger digits = BigInteger.ZERO;
    for (int i = 0; i < ndigits; i++) {
      digits = digits.multiply(BigInteger.valueOf(10000)).add(BigInteger.valueOf(v.readShort()));
    }
    BigDecimal value = new BigDecimal(digits).movePointRight(4 * (weight - ndigits + 1));
    value = value.setScale(Math.max(dscale, 0), RoundingMode.UNNECESSARY);
    return sign == 0x4000 ? value.negate() : value;
  }

  /** Writes {@code value} in numeric's "send" form. */
  static byte[] writeNumeric(BigDecimal value) {
    BigDecimal abs = value.abs();
    int dscale = Math.max(value.scale(), 0);
    String plain = abs.setScale(dscale, RoundingMode.UNNECESSARY).toPlainString();
    int dot = plain.indexOf('.');
    String integer = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot + 1);
    integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
    fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
    String all = integer + fraction;
    int groups = all.length() / 4;
    short[] digits = new short[groups];
    for (int i = 0; i < groups; i++) {
      digits[i] = Short.parseShort(all.substring(4 * i, 4 * i + 4));
    }
    int weight = integer.length() / 4 - 1;
    int first = 0;
    while (first < groups && digits[first] == 0) {
      first++;
      weight--;
    }
    int last = groups - 1;
    while (last >= first && digits[last] == 0) {
      last--;
    }
    int n = last - first + 1;
    if (n == 0) {
      weight = 0;
    }
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * n);
    b.putShort((short) n).putShort((short) weight).putShort((short) (value.signum() < 0 ? 0x4000 : 0))
        .putShort((short) dscale);
    for (int i = first; i <= last; i++) {
      b.putShort(digits[i]);
    }
    return b.array();
  }

  /** A literal of type {@code oid}, to describe a statement whose parameters are not bound yet. */
  static String sampleLiteral(int oid) {
    return switch (oid) {
      case 16 -> "TRUE";
      case 20, 21, 23 -> "0";
      case 700, 701, 1700 -> "0.0";
      case 1082 -> "DATE '2000-01-01'";
      case 1114, 1184 -> "TIMESTAMP '2000-01-01 00:00:00'";
      default -> "''";
    };
  }

  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
