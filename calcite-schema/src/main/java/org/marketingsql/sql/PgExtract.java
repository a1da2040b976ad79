package org.marketingsql.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlExtractFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL 15's {@code EXTRACT(field FROM source)}: a numeric, where Calcite's is a BIGINT. {@link PgCalls} binds
 * every EXTRACT to this operator; once the source's type is known, the call becomes either
 * {@link PgOperators#EXTRACT_PART} (on a timestamp: {@code second}, {@code millisecond}, {@code microsecond} and
 * {@code epoch}, which PostgreSQL gives with their fraction; on a timestamp or a date: {@code dow}, which it counts
 * from Sunday = 0) or Calcite's own EXTRACT cast to a whole numeric (every other field, and any other field of an
 * interval), which the store computes as it did, with the same numbers. An interval's second, milliseconds and epoch
 * keep their fraction, with PostgreSQL's scale; a time of day's field of a date is refused, as in PostgreSQL
 * ({@code unit "second" not supported for type date}, 0A000). A date's {@code julian} is its Julian day, a whole
 * numeric, computed above the store.
 */
final class PgExtract extends SqlExtractFunction {
  static final PgExtract INSTANCE = new PgExtract();
  /** Enough digits for any field of any date-time: the epoch in microseconds has 17. */
  private static final int PRECISION = 19;
  /** The fields {@link PgOperators#EXTRACT_PART} computes, by PostgreSQL's name. */
  private static final Map<TimeUnitRange, String> PARTS = Map.of(TimeUnitRange.DOW, "dow",
      TimeUnitRange.SECOND, "second", TimeUnitRange.MILLISECOND, "milliseconds",
      TimeUnitRange.MICROSECOND, "microseconds", TimeUnitRange.EPOCH, "epoch");

  /** The field of a date's Julian day, which Calcite's EXTRACT does not know. */
  private static final String JULIAN = "julian";
  /** The Julian day of 1970-01-01. */
  private static final long JULIAN_1970 = 2_440_588;

  /** The fields of a time of day, which PostgreSQL does not extract from a date. */
  private static final Set<TimeUnitRange> TIME_OF_DAY = Set.of(TimeUnitRange.HOUR, TimeUnitRange.MINUTE,
      TimeUnitRange.SECOND, TimeUnitRange.MILLISECOND, TimeUnitRange.MICROSECOND);

  /** The fields of an interval PostgreSQL reads, as EXTRACT's units. */
  private static final Map<PgUnit, TimeUnit> INTERVAL_FIELDS = Map.ofEntries(
      Map.entry(PgUnit.MICROSECONDS, TimeUnit.MICROSECOND), Map.entry(PgUnit.MILLISECONDS, TimeUnit.MILLISECOND),
      Map.entry(PgUnit.SECOND, TimeUnit.SECOND), Map.entry(PgUnit.MINUTE, TimeUnit.MINUTE),
      Map.entry(PgUnit.HOUR, TimeUnit.HOUR), Map.entry(PgUnit.DAY, TimeUnit.DAY), Map.entry(PgUnit.MONTH, TimeUnit.MONTH),
      Map.entry(PgUnit.QUARTER, TimeUnit.QUARTER), Map.entry(PgUnit.YEAR, TimeUnit.YEAR),
      Map.entry(PgUnit.DECADE, TimeUnit.DECADE), Map.entry(PgUnit.CENTURY, TimeUnit.CENTURY),
      Map.entry(PgUnit.MILLENNIUM, TimeUnit.MILLENNIUM), Map.entry(PgUnit.EPOCH, TimeUnit.EPOCH));

  private PgExtract() {
    super("EXTRACT", false);
  }

  /** EXTRACT's unit of a field PostgreSQL reads from an interval, or null for one it does not ({@code week}). */
  static TimeUnit intervalField(PgUnit field) {
    return INTERVAL_FIELDS.get(field);
  }

  /** PostgreSQL's scale of EXTRACT's numeric for a field of a timestamp. */
  static int scale(PgUnit field) {
    return switch (field) {
      case SECOND, EPOCH -> 6;
      case MILLISECONDS -> 3;
      default -> 0;
    };
  }

  /** The type of {@link PgOperators#EXTRACT_PART}: a numeric of the field's scale, null when the source may be. */
  static RelDataType returnType(SqlOperatorBinding binding) {
    PgUnit field = PgUnit.of(binding.getOperandLiteralValue(0, String.class)).orElse(PgUnit.DOW);
    RelDataType numeric = binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, PRECISION, scale(field));
    return binding.getTypeFactory().createTypeWithNullability(numeric, binding.getOperandType(1).isNullable());
  }

  /**
   * {@link PgOperators#EXTRACT_PART}'s {@code call} as the store computes it: {@code CAST(date_part(field, source) AS
   * DECIMAL(19, scale))}, the date_part written in the store's words by its dialect.
   */
  static SqlNode inStore(SqlCall call) {
    SqlParserPos pos = SqlParserPos.ZERO;
    int scale = PgUnit.of(((SqlLiteral) call.operand(0)).getValueAs(String.class)).map(PgExtract::scale).orElse(0);
    SqlNode part = PgOperators.DATE_PART.createCall(pos, call.operand(0), call.operand(1));
    return SqlStdOperatorTable.CAST.createCall(pos, part,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, PRECISION, scale, pos), pos));
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    SqlIntervalQualifier field = call.operand(0);
    if (field.timeFrameName != null) {
      // a plural the parser takes for a time frame's name ({@code milliseconds}): the unit it names
      TimeUnit unit = PgUnit.of(field.timeFrameName).map(PgExtract::intervalField).orElse(null);
      if (unit != null) {
        field = new SqlIntervalQualifier(unit, null, field.getParserPosition());
        ((SqlBasicCall) call).setOperand(0, field);
      }
    }
    SqlNode source = call.operand(1);
    SqlTypeName type = validator.deriveType(scope, source).getSqlTypeName();
    SqlParserPos pos = call.getParserPosition();
    SqlBasicCall basic = (SqlBasicCall) call;
    if (type == SqlTypeName.DATE && JULIAN.equalsIgnoreCase(field.timeFrameName)) {
      // the Julian day of a date: its days since 1970-01-01 from that day's, a whole numeric
      basic.setOperator(SqlStdOperatorTable.CAST);
      basic.setOperand(0, SqlStdOperatorTable.PLUS.createCall(pos, PgDateArithmetic.DAYS_BETWEEN.createCall(pos, source,
          SqlLiteral.createDate(new org.apache.calcite.util.DateString(1970, 1, 1), pos)),
          SqlLiteral.createExactNumeric(String.valueOf(JULIAN_1970), pos)));
      basic.setOperand(1, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, PRECISION, 0, pos), pos));
      return SqlStdOperatorTable.CAST.deriveType(validator, scope, call);
    }
    String part = PARTS.get(field.timeUnitRange);
    if (part != null && (type == SqlTypeName.TIMESTAMP || part.equals("dow") && type == SqlTypeName.DATE)) {
      basic.setOperator(PgOperators.EXTRACT_PART);
      basic.setOperand(0, SqlLiteral.createCharString(part, pos));
      return PgOperators.EXTRACT_PART.deriveType(validator, scope, call);
    }
    if (type == SqlTypeName.DATE && TIME_OF_DAY.contains(field.timeUnitRange)) {
      throw new PgSqlException("0A000", "unit \"" + field.timeUnitRange.name().toLowerCase(Locale.ROOT)
          + "\" not supported for type date");
    }
    SqlNode value = SqlStdOperatorTable.EXTRACT.createCall(pos, field, source);
    int scale = 0;
    if (SqlTypeName.INTERVAL_TYPES.contains(type) && part != null && !part.equals("dow")) {
      scale = scale(PgUnit.of(part).orElseThrow());
    }
    if (SqlTypeName.DAY_INTERVAL_TYPES.contains(type)) {
      value = ofDayTime(field.timeUnitRange, validator.deriveType(scope, source), source, pos);
    } else if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(type) && field.timeUnitRange == TimeUnitRange.EPOCH) {
      value = yearMonthEpoch(source, pos);
    }
    basic.setOperator(SqlStdOperatorTable.CAST);
    basic.setOperand(0, value);
    basic.setOperand(1, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, PRECISION, scale, pos), pos));
    return SqlStdOperatorTable.CAST.deriveType(validator, scope, call);
  }

  /**
   * A field of a day-time interval as PostgreSQL reads it from the days and the time it keeps apart. Calcite holds
   * the interval as milliseconds of a type that says whether it has days: an interval of hours, minutes or seconds
   * ({@code interval '26 hours'}, an {@code INTERVAL HOUR}) is all time, so its day is 0 and its hour all its hours
   * ({@code 26}); one with days ({@code interval '1 day 3 hours'}) has its whole days as days and the rest as time.
   * The fields of seconds keep their fraction ({@link #dayTimeFraction}). The interval is read as an
   * {@code INTERVAL DAY TO SECOND}, of which Calcite extracts any field.
   */
  private static SqlNode ofDayTime(TimeUnitRange field, RelDataType type, SqlNode source, SqlParserPos pos) {
    SqlNode interval = SqlStdOperatorTable.CAST.createCall(pos, source, new SqlIntervalQualifier(TimeUnit.DAY,
        TimeUnit.SECOND, pos));
    boolean days = type.getIntervalQualifier() != null && type.getIntervalQualifier().getStartUnit() == TimeUnit.DAY;
    switch (field) {
      case DAY:
        // null for a null interval, 0 otherwise
        return days ? extract(TimeUnit.DAY, interval, pos)
            : SqlStdOperatorTable.MULTIPLY.createCall(pos, extract(TimeUnit.DAY, interval, pos),
                SqlLiteral.createExactNumeric("0", pos));
      case HOUR:
        return days ? extract(TimeUnit.HOUR, interval, pos) : SqlStdOperatorTable.PLUS.createCall(pos,
            SqlStdOperatorTable.MULTIPLY.createCall(pos, extract(TimeUnit.DAY, interval, pos),
                SqlLiteral.createExactNumeric("24", pos)), extract(TimeUnit.HOUR, interval, pos));
      case SECOND:
      case MILLISECOND:
      case MICROSECOND:
      case EPOCH:
        return dayTimeFraction(field, interval, pos);
      default:
        return SqlStdOperatorTable.EXTRACT.createCall(pos, new SqlIntervalQualifier(field.startUnit, field.endUnit, pos),
            interval);
    }
  }

  /**
   * The epoch of a year-month interval as PostgreSQL counts it: a year as 365.25 days, each month beyond the years as
   * 30 days ({@code interval '1 month'} is 2592000 seconds).
   */
  private static SqlNode yearMonthEpoch(SqlNode source, SqlParserPos pos) {
    SqlNode interval = SqlStdOperatorTable.CAST.createCall(pos, source, new SqlIntervalQualifier(TimeUnit.YEAR,
        TimeUnit.MONTH, pos));
    return SqlStdOperatorTable.PLUS.createCall(pos,
        SqlStdOperatorTable.MULTIPLY.createCall(pos, extract(TimeUnit.YEAR, interval, pos),
            SqlLiteral.createExactNumeric("31557600", pos)),
        SqlStdOperatorTable.MULTIPLY.createCall(pos, extract(TimeUnit.MONTH, interval, pos),
            SqlLiteral.createExactNumeric("2592000", pos)));
  }

  private static SqlNode extract(TimeUnit unit, SqlNode source, SqlParserPos pos) {
    return SqlStdOperatorTable.EXTRACT.createCall(pos, new SqlIntervalQualifier(unit, null, pos), source);
  }

  /**
   * A field of a day-time interval with the fraction of its seconds, which Calcite's EXTRACT leaves out: the second
   * ({@code 30.5} of 90.5 seconds), the milliseconds ({@code 30500}) and the epoch ({@code 90.5}), from Calcite's
   * microseconds (the seconds of the minute and their fraction, {@code 30500000}); the microseconds as they are.
   */
  private static SqlNode dayTimeFraction(TimeUnitRange field, SqlNode source, SqlParserPos pos) {
    SqlNode micros = SqlStdOperatorTable.CAST.createCall(pos, SqlStdOperatorTable.EXTRACT.createCall(pos,
        new SqlIntervalQualifier(TimeUnit.MICROSECOND, null, pos), source),
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, PRECISION, 0, pos), pos));
    switch (field) {
      case SECOND:
        return SqlStdOperatorTable.DIVIDE.createCall(pos, micros, SqlLiteral.createExactNumeric("1000000", pos));
      case MILLISECOND:
        return SqlStdOperatorTable.DIVIDE.createCall(pos, micros, SqlLiteral.createExactNumeric("1000", pos));
      case EPOCH:
        // the days, hours and minutes in seconds, and the seconds with their fraction, each with the interval's sign
        SqlNode seconds = SqlStdOperatorTable.DIVIDE.createCall(pos, micros, SqlLiteral.createExactNumeric("1000000", pos));
        for (TimeUnit unit : List.of(TimeUnit.MINUTE, TimeUnit.HOUR, TimeUnit.DAY)) {
          seconds = SqlStdOperatorTable.PLUS.createCall(pos, SqlStdOperatorTable.MULTIPLY.createCall(pos,
              SqlStdOperatorTable.EXTRACT.createCall(pos, new SqlIntervalQualifier(unit, null, pos), source),
              SqlLiteral.createExactNumeric(String.valueOf(unit.multiplier.longValue() / 1000), pos)), seconds);
        }
        return seconds;
      default:
        return micros;
    }
  }
}
