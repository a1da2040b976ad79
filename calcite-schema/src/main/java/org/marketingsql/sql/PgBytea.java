package org.marketingsql.sql;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's {@code bytea}, as Calcite's VARBINARY, and its functions: {@code '\x41'::bytea} (the hex and the
 * escape input formats), {@code encode(bytea, 'hex' | 'base64' | 'escape')}, {@code decode(text, …)}, and
 * {@code md5}, {@code length} and {@code octet_length} of a bytea. They run above the store: the stores' tables
 * hold no binary data, so every bytea is one of these functions' results. Public because Calcite's generated code
 * calls these methods.
 */
public final class PgBytea {
  private static final int BASE64_LINE = 76;

  /** {@code text::bytea}, {@code CAST(text AS bytea)}. */
  static final SqlOperator BYTEA_IN = java("BYTEA", binary(), OperandTypes.family(SqlTypeFamily.CHARACTER), "byteaIn");
  static final SqlOperator ENCODE = java("ENCODE", ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.family(SqlTypeFamily.BINARY, SqlTypeFamily.CHARACTER), "encode");
  static final SqlOperator DECODE = java("DECODE", binary(),
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), "decode");
  private static final SqlOperator MD5 = java("MD5", ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.family(SqlTypeFamily.BINARY), "md5");
  private static final SqlOperator LENGTH = java("LENGTH", ReturnTypes.INTEGER_NULLABLE,
      OperandTypes.family(SqlTypeFamily.BINARY), "length");
  private static final SqlOperator OCTET_LENGTH = java("OCTET_LENGTH", ReturnTypes.INTEGER_NULLABLE,
      OperandTypes.family(SqlTypeFamily.BINARY), "length");

  /**
   * The functions, by name and number of arguments, as {@link PgCalls} binds them: {@code md5}, {@code length} and
   * {@code octet_length} are the text functions unless their argument is a bytea ({@link ByType}).
   */
  static final Map<String, SqlOperator> BY_NAME_AND_ARITY = Map.of("encode/2", ENCODE, "decode/2", DECODE,
      "md5/1", new ByType(PgTextOperators.MD5, MD5), "length/1", new ByType(PgTextOperators.LENGTH, LENGTH),
      "octet_length/1", new ByType(PgTextOperators.OCTET_LENGTH, OCTET_LENGTH));

  private PgBytea() {
  }

  /**
   * {@code text::bytea}: {@code \x} and pairs of hexadecimal digits (spaces between pairs allowed), or else the
   * text's UTF-8 bytes with {@code \\} a backslash and {@code \nnn} an octal byte, as PostgreSQL reads them.
   */
  public static ByteString byteaIn(String text) {
    if (text.startsWith("\\x") || text.startsWith("\\X")) {
      return new ByteString(hex(text.substring(2)));
    }
    return new ByteString(unescape(text, "22P02", "invalid input syntax for type bytea"));
  }

  /** {@code encode(bytes, format)}: {@code hex}, {@code base64} (lines of 76 characters) or {@code escape}. */
  public static String encode(ByteString bytes, String format) {
    byte[] b = bytes.getBytes();
    return switch (format(format)) {
      case "hex" -> HexFormat.of().formatHex(b);
      case "base64" -> String.join("\n", lines(Base64.getEncoder().encodeToString(b)));
      default -> escape(b);
    };
  }

  /** {@code decode(text, format)}: the bytes {@code encode} with that format writes as the text. */
  public static ByteString decode(String text, String format) {
    return new ByteString(switch (format(format)) {
      case "hex" -> hex(text);
      case "base64" -> base64(text);
      default -> unescape(text, "22P02", "invalid input syntax for type bytea");
    });
  }

  /** {@code md5(bytea)}: the MD5 of the bytes, lower-case hexadecimal. */
  public static String md5(ByteString bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no MD5", e);
    }
  }

  /** {@code length(bytea)}, {@code octet_length(bytea)}: the number of bytes. */
  public static int length(ByteString bytes) {
    return bytes.length();
  }

  /** PostgreSQL's text output of a bytea ({@code bytea_output = hex}): {@code \x} and two digits a byte. */
  public static String text(byte[] bytes) {
    return "\\x" + HexFormat.of().formatHex(bytes);
  }

  private static String format(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("hex") && !f.equals("base64") && !f.equals("escape")) {
      throw new PgSqlException("22023", "unrecognized encoding: \"" + format + "\"");
    }
    return f;
  }

  private static byte[] hex(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int high = digit(c);
      if (i + 1 >= text.length()) {
        throw new PgSqlException("22023", "invalid hexadecimal data: odd number of digits");
      }
      out.write(high << 4 | digit(text.charAt(i + 1)));
      i += 2;
    }
    return out.toByteArray();
  }

  private static int digit(char c) {
    int d = Character.digit(c, 16);
    if (d < 0) {
      throw new PgSqlException("22023", "invalid hexadecimal digit: \"" + c + "\"");
    }
    return d;
  }

  private static byte[] base64(String text) {
    String compact = text.replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new PgSqlException("22023", "invalid base64 end sequence");
    }
  }

  /** The escape format: {@code \\} a backslash, {@code \nnn} an octal byte, any other character its UTF-8 bytes. */
  private static byte[] unescape(String text, String state, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '\\') {
        int end = text.indexOf('\\', i);
        end = end < 0 ? text.length() : end;
        out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
        out.write('\\');
        i += 2;
      } else if (isOctal(text, i + 1)) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
        i += 4;
      } else {
        throw new PgSqlException(state, message);
      }
    }
    return out.toByteArray();
  }

  private static boolean isOctal(String text, int from) {
    return from + 3 <= text.length() && text.charAt(from) >= '0' && text.charAt(from) <= '3'
        && text.charAt(from + 1) >= '0' && text.charAt(from + 1) <= '7'
        && text.charAt(from + 2) >= '0' && text.charAt(from + 2) <= '7';
  }

  /** The escape format as {@code encode} writes it: zero bytes and bytes of 128 or more in octal, backslashes doubled. */
  private static String escape(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int v = b & 0xff;
      if (v == 0 || v >= 0x80) {
        s.append('\\').append(String.format("%03o", v));
      } else if (v == '\\') {
        s.append("\\\\");
      } else {
        s.append((char) v);
      }
    }
    return s.toString();
  }

  private static List<String> lines(String base64) {
    return java.util.stream.IntStream.range(0, (base64.length() + BASE64_LINE - 1) / BASE64_LINE)
        .mapToObj(k -> base64.substring(k * BASE64_LINE, Math.min(base64.length(), (k + 1) * BASE64_LINE))).toList();
  }

  private static org.apache.calcite.sql.type.SqlReturnTypeInference binary() {
    return ReturnTypes.explicit(SqlTypeName.VARBINARY).andThen(SqlTypeTransforms.TO_NULLABLE);
  }

  private static SqlOperator java(String name, org.apache.calcite.sql.type.SqlReturnTypeInference type,
      org.apache.calcite.sql.type.SqlOperandTypeChecker operands, String method) {
    List<Method> found = Arrays.stream(PgBytea.class.getMethods()).filter(m -> m.getName().equals(method)).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("PgBytea has not one method named " + method + ": " + found);
    }
    return new PgFunction(name, false, true, null, type, operands, List.of("a", "b"), found);
  }

  /**
   * A function PostgreSQL has for text and for bytea under one name: once its argument's type is known, the call
   * takes the bytea one for a binary argument and the text one for any other.
   */
  private static final class ByType extends SqlFunction {
    private final SqlOperator text;
    private final SqlOperator bytes;

    ByType(SqlOperator text, SqlOperator bytes) {
      super(text.getName(), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, OperandTypes.ANY,
          SqlFunctionCategory.USER_DEFINED_FUNCTION);
      this.text = Objects.requireNonNull(text, "text");
      this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
      RelDataType argument = validator.deriveType(scope, call.operand(0));
      SqlOperator chosen = SqlTypeUtil.isBinary(argument) ? bytes : text;
      ((SqlBasicCall) call).setOperator(chosen);
      return chosen.deriveType(validator, scope, call);
    }
  }
}
