package org.marketingsql.access;

import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit type coercion plus PostgreSQL's for a boolean compared with a string literal: a literal of
 * unknown type takes the other side's type, so {@code indisprimary = 't'} (psqlODBC's primary-key query),
 * {@code = 'true'}, {@code = 'yes'}, {@code = 'on'}, {@code = '1'} compare with TRUE and {@code 'f'}, {@code 'no'}
 * … with FALSE, read as PostgreSQL's boolean input reads them (case and surrounding blanks ignored, any prefix of
 * {@code true}, {@code false}, {@code yes}, {@code no}). Any other literal is an error, with PostgreSQL's
 * message ({@code invalid input syntax for type boolean}, SQLSTATE 22P02). A string column compared with a
 * boolean stays an error, as in PostgreSQL.
 */
final class PgBooleanCoercion extends TypeCoercionImpl {
  PgBooleanCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override
  public boolean binaryComparisonCoercion(SqlCallBinding binding) {
    if (binding.getOperandCount() == 2 && binding.getOperator().getKind().belongsTo(SqlKind.BINARY_COMPARISON)) {
      for (int i = 0; i < 2; i++) {
        SqlNode operand = binding.operand(i);
        RelDataType other = binding.getOperandType(1 - i);
        if (operand instanceof SqlCharStringLiteral literal && SqlTypeUtil.isBoolean(other)) {
          String text = literal.getValueAs(String.class);
          boolean value = parse(text).orElseThrow(() -> invalid(text, literal.getParserPosition()));
          binding.getCall().setOperand(i, SqlLiteral.createBoolean(value, literal.getParserPosition()));
          return true;
        }
      }
    }
    return super.binaryComparisonCoercion(binding);
  }

  /** PostgreSQL's boolean input (boolin): empty when {@code text} is not a boolean. */
  static Optional<Boolean> parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
      return Optional.of(true);
    }
    if ("false".startsWith(s) || "no".startsWith(s) || s.length() >= 2 && "off".startsWith(s) || s.equals("0")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  private static CalciteContextException invalid(String text, SqlParserPos pos) {
    String message = "invalid input syntax for type boolean: \"" + text + "\"";
    return new CalciteContextException("From line " + pos.getLineNum() + ", column " + pos.getColumnNum() + " to line "
        + pos.getEndLineNum() + ", column " + pos.getEndColumnNum() + ": " + message,
        new SqlValidatorException(message, null), pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(),
        pos.getEndColumnNum());
  }
}
