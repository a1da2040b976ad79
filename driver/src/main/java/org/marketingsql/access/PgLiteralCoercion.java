package org.marketingsql.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;
import org.marketingsql.sql.PgArrayText;
import org.marketingsql.sql.PgSqlException;

/**
 * Calcite's implicit type coercion plus PostgreSQL's for a string literal compared with a boolean or an array: a
 * literal of unknown type takes the other side's type. An array compared with {@code '{0}'}, {@code '{a,"b c"}'}
 * (psql's policy query: {@code polroles = '{0}'}) compares with an array of those elements in its element type
 * ({@link PgArrayText}); a text that is no array, or an empty one, is {@code malformed array literal}. For a boolean,
 * {@code indisprimary = 't'} (psqlODBC's primary-key query), {@code = 'true'}, {@code = 'yes'}, {@code = 'on'}, {@code = '1'} compare with TRUE and {@code 'f'}, {@code 'no'}
 * … with FALSE, read as PostgreSQL's boolean input reads them (case and surrounding blanks ignored, any prefix of
 * {@code true}, {@code false}, {@code yes}, {@code no}). Any other literal is an error, with PostgreSQL's
 * message ({@code invalid input syntax for type boolean}, SQLSTATE 22P02). A string column compared with a
 * boolean stays an error, as in PostgreSQL.
 */
final class PgLiteralCoercion extends TypeCoercionImpl {
  PgLiteralCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
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
        if (operand instanceof SqlCharStringLiteral literal && SqlTypeUtil.isArray(other)) {
          String text = literal.getValueAs(String.class);
          SqlParserPos pos = literal.getParserPosition();
          List<String> elements = arrayElements(text, pos);
          binding.getCall().setOperand(i, array(elements, other.getComponentType(), pos));
          return true;
        }
      }
    }
    return super.binaryComparisonCoercion(binding);
  }

  /**
   * {@code x = ANY(array)} and the other quantified comparisons with an array: a string literal, or a text of
   * another length or kind ({@code 'd' = any(stxkind)}, psql's statistics query), takes the array's element type,
   * as PostgreSQL resolves an untyped literal; Calcite alone refuses CHAR against an array of VARCHAR.
   */
  @Override
  public boolean quantifyOperationCoercion(SqlCallBinding binding) {
    if (binding.getOperandCount() == 2 && binding.getOperator() instanceof SqlQuantifyOperator) {
      RelDataType array = binding.getOperandType(1);
      RelDataType left = binding.getOperandType(0);
      RelDataType element = SqlTypeUtil.isArray(array) ? array.getComponentType() : null;
      boolean literal = binding.operand(0) instanceof SqlCharStringLiteral;
      if (element != null && !element.equals(left)
          && (literal || SqlTypeUtil.isCharacter(left) && SqlTypeUtil.isCharacter(element))) {
        SqlNode operand = binding.operand(0);
        binding.getCall().setOperand(0, SqlStdOperatorTable.CAST.createCall(operand.getParserPosition(), operand,
            SqlTypeUtil.convertTypeToSpec(element)));
        return true;
      }
    }
    return super.quantifyOperationCoercion(binding);
  }

  /** {@code ARRAY[CAST(e1 AS component), …]}: the array literal's elements in the compared array's element type. */
  private static SqlNode array(List<String> elements, RelDataType component, SqlParserPos pos) {
    SqlDataTypeSpec spec = SqlTypeUtil.convertTypeToSpec(component);
    List<SqlNode> items = new ArrayList<>();
    for (String element : elements) {
      SqlNode value = element == null ? SqlLiteral.createNull(pos) : SqlLiteral.createCharString(element, pos);
      items.add(SqlStdOperatorTable.CAST.createCall(pos, value, spec));
    }
    return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(pos, items);
  }

  /** The elements of an array's text ({@link PgArrayText}); an error at {@code pos} when it is none or empty. */
  private static List<String> arrayElements(String text, SqlParserPos pos) {
    List<String> elements;
    try {
      elements = PgArrayText.elements(text);
    } catch (PgSqlException e) {
      throw contextException(e.getMessage(), pos);
    }
    if (elements.isEmpty()) {
      throw contextException("malformed array literal: \"" + text + "\": comparing with an empty array is not supported",
          pos);
    }
    return elements;
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
    return contextException("invalid input syntax for type boolean: \"" + text + "\"", pos);
  }

  private static CalciteContextException contextException(String message, SqlParserPos pos) {
    return new CalciteContextException("From line " + pos.getLineNum() + ", column " + pos.getColumnNum() + " to line "
        + pos.getEndLineNum() + ", column " + pos.getEndColumnNum() + ": " + message,
        new SqlValidatorException(message, null), pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(),
        pos.getEndColumnNum());
  }
}
