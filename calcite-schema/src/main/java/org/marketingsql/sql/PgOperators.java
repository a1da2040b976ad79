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

  /** {@code date_trunc(unit, date or timestamp)}: a TIMESTAMP, as in PostgreSQL; weeks start on Monday. */
  public static final SqlOperator DATE_TRUNC = new PgFunction("DATE_TRUNC", true, true, PgUnit::truncates,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP).andThen(SqlTypeTransforms.TO_NULLABLE),
      UNIT_AND_DATETIME, List.of("unit", "source"), methods("dateTrunc"));

  /** {@code date_part(field, date or timestamp)}: a DOUBLE, PostgreSQL's double precision. */
  public static final SqlOperator DATE_PART = new PgFunction("DATE_PART", true, true, unit -> true,
      ReturnTypes.DOUBLE_NULLABLE, UNIT_AND_DATETIME, List.of("field", "source"), methods("datePart"));

  /** {@code to_char(date or timestamp, format)} where DuckDB's strftime writes the same text. */
  public static final SqlOperator TO_CHAR = new PgFunction("TO_CHAR", true, true, null,
      ReturnTypes.VARCHAR_NULLABLE, DATETIME_AND_FORMAT, List.of("source", "format"), methods("toChar"));

  /** {@code to_char} with a format only Calcite writes (padded month names, quarters …): runs above the store. */
  public static final SqlOperator TO_CHAR_ABOVE_STORE = new PgFunction("TO_CHAR", false, true, null,
      ReturnTypes.VARCHAR_NULLABLE, DATETIME_AND_FORMAT, List.of("source", "format"), methods("toChar"));

  /** {@code to_date(text, format)}: runs above the store (PostgreSQL's reading of a template is its own). */
  public static final SqlOperator TO_DATE = new PgFunction("TO_DATE", false, true, null,
      ReturnTypes.DATE_NULLABLE, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
      List.of("text", "format"), methods("toDate"));

  /** {@code age(later, earlier)} and {@code age(earlier)}: PostgreSQL's interval text; runs above the store. */
  public static final SqlOperator AGE = new PgFunction("AGE", false, false, null, ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.or(OperandTypes.DATETIME, OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
      List.of("later", "earlier"), methods("age", "age"));

  private PgOperators() {
  }

  private static List<Method> methods(String... names) {
    List<String> wanted = List.of(names);
    List<Method> found = Arrays.stream(PgDates.class.getMethods()).filter(m -> wanted.contains(m.getName()))
        .sorted(Comparator.comparingInt(Method::getParameterCount).reversed()).toList();
    if (found.size() != names.length) {
      throw new IllegalStateException("PgDates lacks one of " + wanted);
    }
    return found;
  }
}
