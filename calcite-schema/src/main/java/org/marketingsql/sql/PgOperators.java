package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * The PostgreSQL date functions the driver adds to Calcite's SQL, as operators. Public so the store's
 * dialect can recognise them when it writes the store's SQL.
 */
public final class PgOperators {
  /** A text unit and a DATE or a TIMESTAMP. */
  private static final SqlOperandTypeChecker UNIT_AND_DATETIME = OperandTypes.or(
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.TIMESTAMP),
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATE));
  private static final SqlOperandTypeChecker DATETIME_AND_FORMAT = OperandTypes.or(
      OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER),
      OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.CHARACTER));

  /** A number and a template: to_char of a number. */
  private static final SqlOperandTypeChecker NUMBER_AND_FORMAT =
      OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.CHARACTER);

  /** {@code date_trunc(unit, date or timestamp)}: a TIMESTAMP, as in PostgreSQL; weeks start on Monday. */
  public static final SqlOperator DATE_TRUNC = new PgFunction("DATE_TRUNC", true, true, PgUnit::truncates,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP).andThen(SqlTypeTransforms.TO_NULLABLE),
      UNIT_AND_DATETIME, List.of("unit", "source"), methods("dateTrunc"));

  /** {@code date_part(field, date, timestamp or interval)}: a DOUBLE, PostgreSQL's double precision ({@link PgDatePart}). */
  public static final SqlOperator DATE_PART = new PgDatePart(UNIT_AND_DATETIME, methods("datePart"));

  /**
   * {@code EXTRACT(field FROM timestamp)} of the fields Calcite's own EXTRACT computes otherwise than PostgreSQL (see
   * {@link PgExtract}): {@code dow} counting from Sunday = 0, and {@code second}, {@code milliseconds},
   * {@code microseconds} and {@code epoch} with their fraction; PostgreSQL's numeric with its scale for the field
   * ({@link PgExtract#scale}), named {@code extract} so its result column has PostgreSQL's name. The store computes
   * it as its date_part cast to that numeric.
   */
  public static final SqlOperator EXTRACT_PART = new PgFunction("EXTRACT", true, true, unit -> true,
      PgExtract::returnType, UNIT_AND_DATETIME, List.of("field", "source"), methods("extract"));

  /**
   * {@code to_char(date or timestamp, format)} where DuckDB's strftime writes the same text; of a number whose
   * template reads as a date's too, {@link PgTimestamptzTypes} makes it {@link #TO_CHAR_ABOVE_STORE} once validated.
   */
  public static final SqlOperator TO_CHAR = new PgFunction("TO_CHAR", true, true, null,
      ReturnTypes.VARCHAR_NULLABLE, OperandTypes.or(DATETIME_AND_FORMAT, NUMBER_AND_FORMAT), List.of("source", "format"),
      methods("toChar", "toChar", "toChar"));

  /**
   * {@code to_char} with a format only Calcite writes (padded month names, quarters …), and {@code to_char} of a
   * number: runs above the store.
   */
  public static final SqlOperator TO_CHAR_ABOVE_STORE = new PgFunction("TO_CHAR", false, true, null,
      ReturnTypes.VARCHAR_NULLABLE, OperandTypes.or(DATETIME_AND_FORMAT, NUMBER_AND_FORMAT),
      List.of("source", "format"), methods("toChar", "toChar", "toChar"));

  /** {@code to_date(text, format)}: runs above the store (PostgreSQL's reading of a template is its own). */
  public static final SqlOperator TO_DATE = new PgFunction("TO_DATE", false, true, null,
      ReturnTypes.DATE_NULLABLE, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
      List.of("text", "format"), methods("toDate"));

  /** {@code age(later, earlier)} and {@code age(earlier)}: PostgreSQL's interval text; runs above the store. */
  public static final SqlOperator AGE = new PgFunction("AGE", false, false, null, ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.or(OperandTypes.DATETIME, OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
      List.of("later", "earlier"), methods("age", "age"));

  /** {@code make_date(year, month, day)}: a DATE; the store has it too. */
  public static final SqlOperator MAKE_DATE = new PgFunction("MAKE_DATE", true, true, null, ReturnTypes.DATE_NULLABLE,
      OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
      List.of("year", "month", "day"), methods(PgTexts.class, "makeDate"));

  /** An interval of months as text, as PostgreSQL writes it ({@code 1 year 2 mons}): its cast to text; above the store. */
  public static final SqlOperator YEAR_MONTH_TEXT = new PgFunction("YEAR_MONTH_TEXT", false, true, null,
      ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(SqlTypeFamily.INTERVAL_YEAR_MONTH), List.of("interval"),
      methods(PgIntervalText.class, "yearMonth"));
  /**
   * An interval of days or times as text, as PostgreSQL writes it ({@code 1 day 02:00:00}), whole days as days when its
   * type counts days: its cast to text; above the store.
   */
  public static final SqlOperator DAY_TIME_TEXT = new PgFunction("DAY_TIME_TEXT", false, true, null,
      ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(SqlTypeFamily.INTERVAL_DAY_TIME, SqlTypeFamily.BOOLEAN),
      List.of("interval", "days"), methods(PgIntervalText.class, "dayTime"));

  /** {@code make_timestamp(year, month, day, hour, minute, seconds)}: a timestamp; runs above the store. */
  public static final SqlOperator MAKE_TIMESTAMP = new PgFunction("MAKE_TIMESTAMP", false, true, null,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
          SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
      List.of("year", "month", "day", "hour", "min", "sec"), methods(PgDates.class, "makeTimestamp"));

  /**
   * {@code date_bin(stride, source, origin)}: the timestamp of the source's bin; the stride an interval of days or
   * times, or its text ({@code '15 minutes'}, which {@link PgCalls} reads as one); runs above the store.
   */
  public static final SqlOperator DATE_BIN = new PgFunction("DATE_BIN", false, true, null,
      ReturnTypes.ARG1_NULLABLE,
      OperandTypes.family(SqlTypeFamily.INTERVAL_DAY_TIME, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME),
      List.of("stride", "source", "origin"), methods(PgDates.class, "dateBin"));

  /**
   * {@code to_timestamp(text, format)} and {@code to_timestamp(seconds since 1970)}: PostgreSQL's timestamptz, held
   * as the session's local time ({@link PgTimestamptzTypes}); not deterministic, as it depends on the session's zone.
   */
  public static final SqlOperator TO_TIMESTAMP = new PgFunction("TO_TIMESTAMP", false, false, null,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
          OperandTypes.family(SqlTypeFamily.NUMERIC)),
      List.of("text", "format"), methods(PgTexts.class, "toTimestamp", "toTimestamp"));

  /** {@code format(format, argument …)}: arguments arrive as text ({@link PgCalls} casts them). */
  static final SqlOperator FORMAT = new PgFunction("FORMAT", false, true, null, ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.repeat(org.apache.calcite.sql.type.SqlOperandCountRanges.between(1, PgTexts.FORMAT_ARGUMENTS + 1),
          OperandTypes.CHARACTER),
      List.of("format", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"),
      methods(PgTexts.class, "format", "format", "format", "format", "format", "format", "format", "format", "format"),
      false);

  /** {@code parse_ident(text [, strict])}: a text array. */
  static final SqlOperator PARSE_IDENT = new PgFunction("PARSE_IDENT", false, true, null,
      ReturnTypes.explicit(factory -> factory.createArrayType(factory.createSqlType(SqlTypeName.VARCHAR), -1))
          .andThen(SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER),
          OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.BOOLEAN)),
      List.of("text", "strict"), methods(PgTexts.class, "parseIdent", "parseIdent"));

  /**
   * {@code string_to_array(text, delimiter [, null_text])}: the text split at each delimiter, as a text array;
   * an empty delimiter keeps the text whole, a null one splits it into characters; fields equal to
   * {@code null_text} are nulls.
   */
  static final SqlOperator STRING_TO_ARRAY = new PgFunction("STRING_TO_ARRAY", false, true, null,
      ReturnTypes.explicit(factory -> factory.createArrayType(
          factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), true), -1))
          .andThen(SqlTypeTransforms.FORCE_NULLABLE),
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
          OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
      List.of("text", "delimiter", "null_text"), methods(PgTexts.class, "stringToArray", "stringToArray"), false);

  /** {@code current_setting(name [, missing_ok])}: the fixed settings of {@link PgTexts#SETTINGS}. */
  static final SqlOperator CURRENT_SETTING = new PgFunction("CURRENT_SETTING", false, true, null,
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE),
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER),
          OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.BOOLEAN)),
      List.of("setting_name", "missing_ok"), methods(PgTexts.class, "currentSetting", "currentSetting"));

  /** {@code array_length}, {@code array_upper}, {@code array_lower} of an array and a dimension: an INTEGER. */
  static final SqlOperator ARRAY_LENGTH = arrayBound("ARRAY_LENGTH", "arrayLength");
  static final SqlOperator ARRAY_UPPER = arrayBound("ARRAY_UPPER", "arrayUpper");
  static final SqlOperator ARRAY_LOWER = arrayBound("ARRAY_LOWER", "arrayLower");

  /**
   * {@code array_to_string(array, delimiter [, null_text])}: here rather than Calcite's, whose operand must be
   * a typed array, since pg_catalog's array columns reach it untyped.
   */
  static final SqlOperator ARRAY_TO_STRING = new PgFunction("ARRAY_TO_STRING", false, true, null,
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE),
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER),
          OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
      List.of("array", "delimiter", "null_text"), methods(PgTexts.class, "arrayToString", "arrayToString"), false);

  /**
   * {@code array_remove(array, element)}: the array without the elements equal to {@code element} (its nulls for a
   * null), of the array's type; psql's {@code \sv} sends it on pg_class.reloptions.
   */
  static final SqlOperator ARRAY_REMOVE = new PgFunction("ARRAY_REMOVE", false, true, null,
      ReturnTypes.ARG0_NULLABLE, OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.ANY),
      List.of("array", "element"), methods(PgTexts.class, "arrayRemove"), false);

  /**
   * The functions of Calcite's PostgreSQL library whose meaning is PostgreSQL's ({@code array_agg},
   * {@code greatest}/{@code least}, which ignore nulls, and the operators ILIKE and NOT ILIKE the parser reads), for a
   * validator to find by name;
   * the rest of that library stays out, since it would
   * change other functions' meaning.
   */
  public static final org.apache.calcite.sql.SqlOperatorTable LIBRARY = org.apache.calcite.sql.util.SqlOperatorTables.of(
      org.apache.calcite.sql.fun.SqlLibraryOperators.ARRAY_AGG,
      org.apache.calcite.sql.fun.SqlLibraryOperators.GREATEST_PG,
      org.apache.calcite.sql.fun.SqlLibraryOperators.LEAST_PG,
      org.apache.calcite.sql.fun.SqlLibraryOperators.ILIKE,
      org.apache.calcite.sql.fun.SqlLibraryOperators.NOT_ILIKE);

  private PgOperators() {
  }

  private static SqlOperator arrayBound(String name, String method) {
    return new PgFunction(name, false, true, null,
        ReturnTypes.explicit(SqlTypeName.INTEGER).andThen(SqlTypeTransforms.FORCE_NULLABLE),
        OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.INTEGER), List.of("array", "dimension"),
        methods(PgTexts.class, method));
  }

  private static List<Method> methods(String... names) {
    return methods(PgDates.class, names);
  }

  private static List<Method> methods(Class<?> type, String... names) {
    List<String> wanted = List.of(names);
    List<Method> found = Arrays.stream(type.getMethods()).filter(m -> wanted.contains(m.getName()))
        .sorted(Comparator.comparingInt(Method::getParameterCount).reversed()).toList();
    if (found.size() != names.length) {
      throw new IllegalStateException(type.getSimpleName() + " lacks one of " + wanted);
    }
    return found;
  }
}
