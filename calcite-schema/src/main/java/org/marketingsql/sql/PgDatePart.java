package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's {@code date_part(field, source)}: of a date or a timestamp {@link PgDates#datePart}; of an interval
 * its {@code EXTRACT} ({@link PgExtract}, the same numbers) as a double precision, as PostgreSQL 15 defines it
 * ({@code date_part('hour', interval '26 hours')} is 26, {@code date_part('epoch', interval '1 month')} 2592000).
 */
final class PgDatePart extends PgFunction {
  PgDatePart(SqlOperandTypeChecker operands, List<Method> implementations) {
    super("DATE_PART", true, true, unit -> true, ReturnTypes.DOUBLE_NULLABLE, operands, List.of("field", "source"),
        implementations);
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    if (call.operandCount() != 2 || !(call.operand(0) instanceof SqlCharStringLiteral literal)
        || !SqlTypeName.INTERVAL_TYPES.contains(validator.deriveType(scope, call.operand(1)).getSqlTypeName())) {
      return super.deriveType(validator, scope, call);
    }
    String text = literal.getValueAs(String.class);
    TimeUnit unit = PgUnit.of(text).map(PgExtract::intervalField).orElseThrow(() -> new PgSqlException("0A000",
        "unit \"" + text + "\" not supported for type interval"));
    SqlParserPos pos = call.getParserPosition();
    SqlNode extract = PgExtract.INSTANCE.createCall(pos, new SqlIntervalQualifier(unit, null, pos), call.operand(1));
    SqlBasicCall basic = (SqlBasicCall) call;
    basic.setOperator(SqlStdOperatorTable.CAST);
    basic.setOperand(0, extract);
    basic.setOperand(1, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
    return SqlStdOperatorTable.CAST.deriveType(validator, scope, call);
  }
}
