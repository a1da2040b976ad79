package org.marketingsql.sql;

import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * PostgreSQL's error for a call whose arguments no signature takes: {@code function make_date(text,
 * integer, integer) does not exist}, with the arguments' types in PostgreSQL's names, so a client sees
 * what PostgreSQL would have said (SQLSTATE 42883).
 */
public final class PgSignatures {
  private PgSignatures() {
  }

  static CalciteContextException noSuchFunction(SqlCallBinding binding, String function) {
    return noSuchFunction(binding.getCall().getParserPosition(),
        PgValidationError.noSuchFunction(function, binding.collectOperandTypes()));
  }

  /**
   * The validation error {@code message} (PostgreSQL's {@link PgValidationError#noSuchFunction}) of the call at
   * {@code pos}. Public, since the driver's validator raises it for a call with a wrong number of arguments.
   */
  public static CalciteContextException noSuchFunction(SqlParserPos pos, String message) {
    CalciteContextException e = new CalciteContextException("From line " + pos.getLineNum() + ", column "
        + pos.getColumnNum() + " to line " + pos.getEndLineNum() + ", column " + pos.getEndColumnNum() + ": " + message,
        new SqlValidatorException(message, null));
    e.setPosition(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    return e;
  }

  /** A Calcite type in PostgreSQL's words. */
  static String pgName(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case CHAR, VARCHAR -> "text";
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case SMALLINT, TINYINT -> "smallint";
      case DECIMAL -> "numeric";
      case DOUBLE, FLOAT -> "double precision";
      case REAL -> "real";
      case BOOLEAN -> "boolean";
      case BINARY, VARBINARY -> "bytea";
      case DATE -> "date";
      case TIME -> "time without time zone";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> "timestamp with time zone";
      case NULL -> "unknown";
      case ARRAY -> type.getComponentType() == null ? "anyarray" : pgName(type.getComponentType()) + "[]";
      default -> SqlTypeName.INTERVAL_TYPES.contains(type.getSqlTypeName()) ? "interval"
          : type.getSqlTypeName().getName().toLowerCase(Locale.ROOT);
    };
  }
}
