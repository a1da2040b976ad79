package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * PostgreSQL's everyday text, number and session functions, by the name and number of arguments
 * {@link PgCalls} binds them with. Each runs in Java with PostgreSQL's semantics ({@link PgStrings}); those
 * whose DuckDB namesake gives the same results for every input also go into the store's SQL ({@code length},
 * {@code strpos}, {@code starts_with}, {@code md5}, {@code concat}, {@code concat_ws}, {@code translate},
 * {@code ltrim}, {@code rtrim}, and Calcite's own {@code greatest}/{@code least}). The others stay in Java on
 * purpose: {@code repeat}, {@code lpad}, {@code rpad} and {@code overlay} check the length limit of
 * {@link PgStrings#MAX_TEXT}, which the store would not; {@code left}/{@code right} with a negative count,
 * {@code split_part} with a negative field, {@code substr}, {@code reverse} (DuckDB reverses grapheme
 * clusters, PostgreSQL characters), {@code btrim}, {@code regexp_replace} (DuckDB's RE2 is not PostgreSQL's
 * ARE), {@code trunc} and {@code div} (exact numeric), {@code to_number} and {@code log} are PostgreSQL's own.
 */
final class PgTextOperators {
  private static final SqlOperandTypeChecker TEXT = OperandTypes.family(SqlTypeFamily.CHARACTER);
  private static final SqlOperandTypeChecker TEXT_TEXT =
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER);
  private static final SqlOperandTypeChecker TEXT_INT =
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER);
  private static final SqlOperandTypeChecker TEXTS = OperandTypes.repeat(SqlOperandCountRanges.from(1),
      OperandTypes.CHARACTER);
  private static final SqlReturnTypeInference TEXT_RESULT = ReturnTypes.VARCHAR_NULLABLE;
  private static final SqlReturnTypeInference NEVER_NULL_TEXT = ReturnTypes.explicit(SqlTypeName.VARCHAR);

  /** {@code octet_length(text)}: the bytes of its UTF-8 form (Calcite's counts characters of a text). */
  static final SqlOperator OCTET_LENGTH = java("OCTET_LENGTH", ReturnTypes.INTEGER_NULLABLE, TEXT, "octetLength");
  static final SqlOperator LENGTH = store("LENGTH", ReturnTypes.INTEGER_NULLABLE, TEXT, "length");
  static final SqlOperator STRPOS = store("STRPOS", ReturnTypes.INTEGER_NULLABLE, TEXT_TEXT, "strpos");
  static final SqlOperator STARTS_WITH = store("STARTS_WITH", ReturnTypes.BOOLEAN_NULLABLE, TEXT_TEXT, "startsWith");
  static final SqlOperator MD5 = store("MD5", TEXT_RESULT, TEXT, "md5");
  static final SqlOperator TRANSLATE = store("TRANSLATE", TEXT_RESULT,
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), "translate");
  static final SqlOperator LTRIM = store("LTRIM", TEXT_RESULT, OperandTypes.or(TEXT, TEXT_TEXT), "ltrim", "ltrim");
  static final SqlOperator RTRIM = store("RTRIM", TEXT_RESULT, OperandTypes.or(TEXT, TEXT_TEXT), "rtrim", "rtrim");
  /** {@code concat}: its arguments arrive as text ({@link PgCalls} casts them); nulls are left out. */
  static final SqlOperator CONCAT = new PgFunction("CONCAT", true, true, null, NEVER_NULL_TEXT, TEXTS,
      List.of("value"), methods("concat"), false);
  /**
   * {@code text || text} (PostgreSQL's textcat): in the store the store's own {@code ||} ({@link StoreCalls}), above
   * it with the length limit. Calcite's own {@code ||} grows without a bound.
   */
  static final SqlOperator TEXTCAT = new PgFunction("TEXTCAT", true, true, null, TEXT_RESULT, TEXT_TEXT,
      List.of("a", "b"), methods("textcat")) {
    /** An array operand makes it {@link PgArrayConcat}'s: decided by the operands' types, however written. */
    @Override
    public org.apache.calcite.rel.type.RelDataType deriveType(org.apache.calcite.sql.validate.SqlValidator validator,
        org.apache.calcite.sql.validate.SqlValidatorScope scope, org.apache.calcite.sql.SqlCall call) {
      SqlOperator array = PgArrayConcat.forOperands(validator, scope, call);
      if (array != null && call instanceof org.apache.calcite.sql.SqlBasicCall basic) {
        basic.setOperator(array);
        return array.deriveType(validator, scope, call);
      }
      return super.deriveType(validator, scope, call);
    }
  };
  static final SqlOperator CONCAT_WS = new PgFunction("CONCAT_WS", true, true, null, TEXT_RESULT,
      OperandTypes.repeat(SqlOperandCountRanges.from(2), OperandTypes.CHARACTER), List.of("separator", "value"),
      methods("concatWs"), false);
  /** {@code ||}, {@code concat} and {@code concat_ws} computed above the store, with the length limit ({@link PgBoundedConcat}). */
  static final SqlOperator TEXTCAT_ABOVE_STORE = new PgFunction("TEXTCAT", false, true, null, TEXT_RESULT, TEXT_TEXT,
      List.of("a", "b"), methods("textcat"));
  static final SqlOperator CONCAT_ABOVE_STORE = new PgFunction("CONCAT", false, true, null, NEVER_NULL_TEXT, TEXTS,
      List.of("value"), methods("concat"), false);
  static final SqlOperator CONCAT_WS_ABOVE_STORE = new PgFunction("CONCAT_WS", false, true, null, TEXT_RESULT,
      OperandTypes.repeat(SqlOperandCountRanges.from(2), OperandTypes.CHARACTER), List.of("separator", "value"),
      methods("concatWs"), false);

  static final SqlOperator LEFT = java("LEFT", TEXT_RESULT, TEXT_INT, "left");
  static final SqlOperator RIGHT = java("RIGHT", TEXT_RESULT, TEXT_INT, "right");
  static final SqlOperator SUBSTR = java("SUBSTR", TEXT_RESULT, OperandTypes.or(TEXT_INT,
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER)), "substr", "substr");
  static final SqlOperator SPLIT_PART = java("SPLIT_PART", TEXT_RESULT,
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER), "splitPart");
  static final SqlOperator LPAD = pad("LPAD", "lpad");
  static final SqlOperator RPAD = pad("RPAD", "rpad");
  static final SqlOperator BTRIM = java("BTRIM", TEXT_RESULT, OperandTypes.or(TEXT, TEXT_TEXT), "btrim", "btrim");
  static final SqlOperator REVERSE = java("REVERSE", TEXT_RESULT, TEXT, "reverse");
  static final SqlOperator REPEAT = java("REPEAT", TEXT_RESULT, TEXT_INT, "repeat");
  static final SqlOperator CHR = java("CHR", TEXT_RESULT, OperandTypes.family(SqlTypeFamily.INTEGER), "chr");
  static final SqlOperator OVERLAY = java("OVERLAY", TEXT_RESULT, OperandTypes.or(
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER,
          SqlTypeFamily.INTEGER)), "overlay", "overlay");
  static final SqlOperator QUOTE_IDENT = java("QUOTE_IDENT", TEXT_RESULT, TEXT, "quoteIdent");
  /** {@code quote_literal}: its argument arrives as text ({@link PgCalls} casts it). */
  static final SqlOperator QUOTE_LITERAL = java("QUOTE_LITERAL", TEXT_RESULT, TEXT, "quoteLiteral");
  static final SqlOperator REGEXP_REPLACE = java("REGEXP_REPLACE", TEXT_RESULT, OperandTypes.or(
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER,
          SqlTypeFamily.CHARACTER)), "regexpReplace", "regexpReplace");

  /** {@code trunc(x [, n])}: numeric in, numeric out (exact); any other number as double precision. */
  static final SqlOperator TRUNC = java("TRUNC", PgTextOperators::numericOrDouble, OperandTypes.or(
      OperandTypes.family(SqlTypeFamily.NUMERIC), OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER)),
      "trunc", "trunc", "trunc", "trunc");
  /** {@code log(x)}, {@code log(b, x)}, {@code log10(x)}: numeric for a numeric argument (exact digits), else double. */
  static final SqlOperator LOG = new PgFunction("LOG", false, true, null, PgTextOperators::logType, OperandTypes.or(
      OperandTypes.family(SqlTypeFamily.NUMERIC), OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC)),
      List.of("a", "b"), methods(PgNumbers.class, "log", "log", "log", "log"));
  /** {@code ln(x)}: numeric for a numeric argument, else double precision. */
  static final SqlOperator LN = new PgFunction("LN", false, true, null, PgTextOperators::logType,
      OperandTypes.family(SqlTypeFamily.NUMERIC), List.of("a"), methods(PgNumbers.class, "ln", "ln"));
  /** {@code x::numeric} without a precision: the value's own digits (Calcite's DECIMAL alone has no decimals). */
  static final SqlOperator NUMERIC = new PgFunction("NUMERIC", false, true, null, PgTextOperators::numericType,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.NUMERIC), OperandTypes.family(SqlTypeFamily.CHARACTER)),
      List.of("a"), methods(PgNumbers.class, "numeric", "numeric"));
  static final SqlOperator REGEXP_MATCH = regexpMatch("REGEXP_MATCH", "regexpMatch");
  /**
   * {@code substring(text from pattern)} with a text pattern: the part the POSIX regular expression matches, or its
   * first group's when it has groups; null when nothing matches.
   */
  static final SqlOperator SUBSTRING_REGEX = java("SUBSTRING", ReturnTypes.explicit(SqlTypeName.VARCHAR)
      .andThen(SqlTypeTransforms.FORCE_NULLABLE), TEXT_TEXT, "substringRegex");
  static final SqlOperator REGEXP_MATCHES = regexpMatch("REGEXP_MATCHES", "regexpMatches");
  static final SqlOperator JUSTIFY_DAYS = justify("JUSTIFY_DAYS", "justifyDays");
  static final SqlOperator JUSTIFY_HOURS = justify("JUSTIFY_HOURS", "justifyHours");
  static final SqlOperator JUSTIFY_INTERVAL = justify("JUSTIFY_INTERVAL", "justifyInterval");
  /** {@code div(y, x)}: the integer quotient as numeric with no decimals. */
  static final SqlOperator DIV = java("DIV", ReturnTypes.explicit(factory -> factory.createSqlType(SqlTypeName.DECIMAL,
      factory.getTypeSystem().getMaxNumericPrecision(), 0)).andThen(SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC), "div");
  /** {@code factorial(n)}: numeric, exact ({@link PgNumberFunctions}). */
  static final SqlOperator FACTORIAL = new PgFunction("FACTORIAL", false, true, null, ReturnTypes.explicit(factory ->
      factory.createSqlType(SqlTypeName.DECIMAL, factory.getTypeSystem().getMaxNumericPrecision(), 0))
      .andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.family(SqlTypeFamily.INTEGER), List.of("a"),
      methods(PgNumberFunctions.class, "factorial"));
  /** {@code width_bucket(x, low, high, count)}: an integer, computed exactly. */
  static final SqlOperator WIDTH_BUCKET = new PgFunction("WIDTH_BUCKET", false, true, null,
      ReturnTypes.INTEGER.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.family(SqlTypeFamily.NUMERIC,
      SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.INTEGER), List.of("a", "b", "c", "d"),
      methods(PgNumberFunctions.class, "widthBucket"));
  /** {@code scale(x)}, {@code min_scale(x)}: integers, of an exact number's digits. */
  static final SqlOperator SCALE = digits("SCALE", "scale");
  static final SqlOperator MIN_SCALE = digits("MIN_SCALE", "minScale");
  /** {@code trim_scale(x)}: the numeric without the zeros that end its decimals. */
  static final SqlOperator TRIM_SCALE = new PgFunction("TRIM_SCALE", false, true, null, PgTextOperators::numericType,
      OperandTypes.family(SqlTypeFamily.EXACT_NUMERIC), List.of("a"), methods(PgNumberFunctions.class, "trimScale"));
  /** {@code to_number(text, format)}: numeric with as many decimals as a literal format gives. */
  static final SqlOperator TO_NUMBER = java("TO_NUMBER", binding -> {
    var factory = binding.getTypeFactory();
    String format = binding.isOperandLiteral(1, false) ? binding.getOperandLiteralValue(1, String.class) : null;
    int scale = format == null ? factory.getTypeSystem().getMaxNumericScale() / 2 : decimals(format);
    RelDataType type = factory.createSqlType(SqlTypeName.DECIMAL, factory.getTypeSystem().getMaxNumericPrecision(), scale);
    return factory.createTypeWithNullability(type, true);
  }, TEXT_TEXT, "toNumber");
  static final SqlOperator RANDOM = new PgFunction("RANDOM", false, false, null, ReturnTypes.DOUBLE,
      OperandTypes.NILADIC, List.of(), methods("random"));
  static final SqlOperator CLOCK_TIMESTAMP = new PgFunction("CLOCK_TIMESTAMP", false, false, null,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3), OperandTypes.NILADIC, List.of(), methods("clockTimestamp"));
  /**
   * {@code now()}, {@code CURRENT_TIMESTAMP}, {@code LOCALTIMESTAMP} and {@code CURRENT_DATE} in the statement's
   * time zone (the connection's {@code timeZone}, the port's session TimeZone): computed here, above the store,
   * since the store would compute them in its own process's zone. Not deterministic, so a kept plan does not
   * keep the time it was planned at.
   */
  static final SqlOperator NOW = session("NOW", SqlTypeName.TIMESTAMP, "currentTimestamp");
  static final SqlOperator CURRENT_TIMESTAMP = session("CURRENT_TIMESTAMP", SqlTypeName.TIMESTAMP, "currentTimestamp");
  static final SqlOperator LOCALTIMESTAMP = session("LOCALTIMESTAMP", SqlTypeName.TIMESTAMP, "localTimestamp");
  static final SqlOperator CURRENT_DATE = session("CURRENT_DATE", SqlTypeName.DATE, "currentDate");
  /** {@code timeofday()}: the clock's time as text, changing as the statement runs (not deterministic). */
  static final SqlOperator TIMEOFDAY = new PgFunction("TIMEOFDAY", false, false, null, NEVER_NULL_TEXT,
      OperandTypes.NILADIC, List.of(), methods(PgTimeZones.class, "timeOfDay"));
  static final SqlOperator VERSION = java("VERSION", NEVER_NULL_TEXT, OperandTypes.NILADIC, "version");
  static final SqlOperator CURRENT_DATABASE = java("CURRENT_DATABASE", NEVER_NULL_TEXT, OperandTypes.NILADIC,
      "currentDatabase");
  static final SqlOperator GEN_RANDOM_UUID = new PgFunction("GEN_RANDOM_UUID", false, false, null, NEVER_NULL_TEXT,
      OperandTypes.NILADIC, List.of(), methods("genRandomUuid"));

  /** The functions above, and Calcite's where they are PostgreSQL's, by lower-case name and number of arguments. */
  static final Map<String, SqlOperator> BY_NAME_AND_ARITY = Map.ofEntries(
      Map.entry("length/1", LENGTH), Map.entry("octet_length/1", OCTET_LENGTH), Map.entry("strpos/2", STRPOS),
      Map.entry("starts_with/2", STARTS_WITH),
      Map.entry("md5/1", MD5), Map.entry("translate/3", TRANSLATE), Map.entry("ltrim/1", LTRIM),
      Map.entry("ltrim/2", LTRIM), Map.entry("rtrim/1", RTRIM), Map.entry("rtrim/2", RTRIM),
      Map.entry("left/2", LEFT), Map.entry("right/2", RIGHT), Map.entry("substr/2", SUBSTR),
      Map.entry("substr/3", SUBSTR), Map.entry("split_part/3", SPLIT_PART), Map.entry("lpad/2", LPAD),
      Map.entry("lpad/3", LPAD), Map.entry("rpad/2", RPAD), Map.entry("rpad/3", RPAD), Map.entry("btrim/1", BTRIM),
      Map.entry("btrim/2", BTRIM), Map.entry("reverse/1", REVERSE), Map.entry("repeat/2", REPEAT),
      Map.entry("chr/1", CHR), Map.entry("quote_ident/1", QUOTE_IDENT), Map.entry("quote_literal/1", QUOTE_LITERAL),
      Map.entry("regexp_replace/3", REGEXP_REPLACE), Map.entry("regexp_replace/4", REGEXP_REPLACE),
      Map.entry("trunc/1", TRUNC), Map.entry("trunc/2", TRUNC), Map.entry("log/1", LOG), Map.entry("log/2", LOG),
      Map.entry("log10/1", LOG), Map.entry("ln/1", LN), Map.entry("numeric/1", NUMERIC),
      Map.entry("regexp_match/2", REGEXP_MATCH), Map.entry("regexp_match/3", REGEXP_MATCH),
      Map.entry("regexp_matches/2", REGEXP_MATCHES), Map.entry("regexp_matches/3", REGEXP_MATCHES),
      Map.entry("justify_days/1", JUSTIFY_DAYS), Map.entry("justify_hours/1", JUSTIFY_HOURS),
      Map.entry("justify_interval/1", JUSTIFY_INTERVAL),
      Map.entry("div/2", DIV), Map.entry("to_number/2", TO_NUMBER), Map.entry("random/0", RANDOM),
      Map.entry("factorial/1", FACTORIAL), Map.entry("width_bucket/4", WIDTH_BUCKET), Map.entry("scale/1", SCALE),
      Map.entry("min_scale/1", MIN_SCALE), Map.entry("trim_scale/1", TRIM_SCALE),
      Map.entry("clock_timestamp/0", CLOCK_TIMESTAMP), Map.entry("timeofday/0", TIMEOFDAY), Map.entry("version/0", VERSION),
      Map.entry("current_database/0", CURRENT_DATABASE), Map.entry("gen_random_uuid/0", GEN_RANDOM_UUID),
      Map.entry("pg_typeof/1", PgTypeof.INSTANCE),
      // Calcite's, with PostgreSQL's meaning: nulls ignored; aggregates over booleans
      Map.entry("bool_and/1", SqlStdOperatorTable.EVERY), Map.entry("bool_or/1", SqlStdOperatorTable.SOME));

  /** Variable-arity functions of Calcite whose meaning is PostgreSQL's: greatest and least ignore nulls. */
  static final Map<String, SqlOperator> VARIADIC = Map.of(
      "greatest", SqlLibraryOperators.GREATEST_PG, "least", SqlLibraryOperators.LEAST_PG);

  private PgTextOperators() {
  }

  private static RelDataType numericOrDouble(org.apache.calcite.sql.SqlOperatorBinding binding) {
    RelDataType first = binding.getOperandType(0);
    var factory = binding.getTypeFactory();
    RelDataType type = first.getSqlTypeName() == SqlTypeName.DECIMAL ? first : factory.createSqlType(SqlTypeName.DOUBLE);
    return factory.createTypeWithNullability(type, first.isNullable());
  }

  /**
   * A logarithm: numeric for a numeric argument and for two exact numbers (PostgreSQL's only {@code log(b, x)} is
   * numeric), double precision for any other number.
   */
  private static RelDataType logType(org.apache.calcite.sql.SqlOperatorBinding binding) {
    var factory = binding.getTypeFactory();
    boolean exact = binding.getOperandCount() == 1 ? binding.getOperandType(0).getSqlTypeName() == SqlTypeName.DECIMAL
        : org.apache.calcite.sql.type.SqlTypeUtil.isExactNumeric(binding.getOperandType(0))
            && org.apache.calcite.sql.type.SqlTypeUtil.isExactNumeric(binding.getOperandType(1));
    boolean nullable = false;
    for (int i = 0; i < binding.getOperandCount(); i++) {
      nullable |= binding.getOperandType(i).isNullable();
    }
    RelDataType type = exact ? factory.createSqlType(SqlTypeName.DECIMAL,
        factory.getTypeSystem().getMaxNumericPrecision(), 16) : factory.createSqlType(SqlTypeName.DOUBLE);
    return factory.createTypeWithNullability(type, nullable);
  }

  /** {@code x::numeric}: a numeric argument's own type, an integer's digits, else a numeric of any scale. */
  private static RelDataType numericType(org.apache.calcite.sql.SqlOperatorBinding binding) {
    var factory = binding.getTypeFactory();
    RelDataType first = binding.getOperandType(0);
    int max = factory.getTypeSystem().getMaxNumericPrecision();
    RelDataType type;
    if (first.getSqlTypeName() == SqlTypeName.DECIMAL) {
      type = first;
    } else if (org.apache.calcite.sql.type.SqlTypeUtil.isExactNumeric(first)) {
      type = factory.createSqlType(SqlTypeName.DECIMAL, Math.min(max, 19), 0);
    } else {
      type = factory.createSqlType(SqlTypeName.DECIMAL, max, factory.getTypeSystem().getMaxNumericScale() / 2);
    }
    return factory.createTypeWithNullability(type, first.isNullable());
  }

  private static SqlOperator regexpMatch(String name, String method) {
    return new PgFunction(name, false, true, null,
        ReturnTypes.explicit(factory -> factory.createArrayType(factory.createSqlType(SqlTypeName.VARCHAR), -1))
            .andThen(SqlTypeTransforms.FORCE_NULLABLE),
        OperandTypes.or(TEXT_TEXT,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
        List.of("a", "b", "c"), methods(PgStrings.class, method, method));
  }

  private static SqlOperator session(String name, SqlTypeName type, String method) {
    return new PgFunction(name, false, false, null, type == SqlTypeName.DATE ? ReturnTypes.DATE
        : ReturnTypes.explicit(type, 3), OperandTypes.NILADIC, List.of(), methods(PgStrings.class, method));
  }

  private static SqlOperator justify(String name, String method) {
    return new PgFunction(name, false, true, null, TEXT_RESULT,
        OperandTypes.family(SqlTypeFamily.INTERVAL_DAY_TIME), List.of("a"), methods(PgStrings.class, method));
  }

  /** The digits after the decimal point of a {@code to_number} template. */
  static int decimals(String format) {
    String f = format.toUpperCase(java.util.Locale.ROOT);
    int point = Math.max(f.indexOf('.'), f.indexOf('D'));
    return point < 0 ? 0 : (int) f.substring(point + 1).chars().filter(c -> c == '9' || c == '0').count();
  }

  private static SqlOperator pad(String name, String method) {
    return java(name, TEXT_RESULT, OperandTypes.or(TEXT_INT,
        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER)), method, method);
  }

  /** A function the store runs too, its DuckDB namesake having the same results. */
  private static SqlOperator store(String name, SqlReturnTypeInference type, SqlOperandTypeChecker operands,
      String... methods) {
    return new PgFunction(name, true, true, null, type, operands, List.of("a", "b", "c"), methods(methods));
  }

  /** A function that runs in Java, above the store. */
  private static SqlOperator digits(String name, String method) {
    return new PgFunction(name, false, true, null, ReturnTypes.INTEGER.andThen(SqlTypeTransforms.TO_NULLABLE),
        OperandTypes.family(SqlTypeFamily.EXACT_NUMERIC), List.of("a"), methods(PgNumberFunctions.class, method));
  }

  private static SqlOperator java(String name, SqlReturnTypeInference type, SqlOperandTypeChecker operands,
      String... methods) {
    return new PgFunction(name, false, true, null, type, operands, List.of("a", "b", "c", "d"), methods(methods));
  }

  private static List<Method> methods(String... names) {
    return methods(PgStrings.class, names);
  }

  private static List<Method> methods(Class<?> type, String... names) {
    List<String> wanted = List.of(names);
    List<Method> found = Arrays.stream(type.getMethods()).filter(m -> wanted.contains(m.getName()))
        .sorted(Comparator.comparingInt(Method::getParameterCount).reversed()).toList();
    if (found.size() != names.length) {
      throw new IllegalStateException(type.getSimpleName() + " has not " + names.length + " methods named " + wanted + ": " + found);
    }
    return found;
  }
}
