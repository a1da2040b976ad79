package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's {@code ||} on arrays, chosen by the operands' types once they are known: array || array
 * ({@code array_cat}), array || element ({@code array_append}), element || array ({@code array_prepend}). The
 * {@code ||} of {@link PgTextOperators#TEXTCAT} turns into one of these while it is validated when an operand is an
 * array, so {@code a.arr || b.arr} and {@code array_agg(x) || y.arr} join arrays whatever they are written as.
 * Public, for the methods Calcite's generated code calls.
 */
public final class PgArrayConcat {
  /** array || array: a null array is left out, as PostgreSQL's array_cat does. */
  static final SqlOperator CAT = new PgFunction("ARRAY_CAT", false, true, null, arrayOf(0, 1), new Operands(),
      List.of("a", "b"), methods("arrayCat"), false);
  /** array || element. */
  static final SqlOperator APPEND = new PgFunction("ARRAY_APPEND", false, true, null, arrayOf(0, 1),
      new Operands(), List.of("array", "element"), methods("arrayAppend"), false);
  /** element || array. */
  static final SqlOperator PREPEND = new PgFunction("ARRAY_PREPEND", false, true, null, arrayOf(1, 0),
      new Operands(), List.of("element", "array"), methods("arrayPrepend"), false);

  private PgArrayConcat() {
  }

  /** The array operator for {@code left || right} when either is an array, else null. */
  static SqlOperator forOperands(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    if (call.operandCount() != 2) {
      return null;
    }
    boolean left = isArray(validator.deriveType(scope, call.operand(0)));
    boolean right = isArray(validator.deriveType(scope, call.operand(1)));
    return left && right ? CAT : left ? APPEND : right ? PREPEND : null;
  }

  /** {@code array || array}: the elements of both; a null array is left out, both null is null. */
  public static List<Object> arrayCat(List<?> left, List<?> right) {
    if (left == null || right == null) {
      return left == null ? copy(right) : copy(left);
    }
    List<Object> joined = new ArrayList<>(left.size() + right.size());
    joined.addAll(left);
    joined.addAll(right);
    return joined;
  }

  /** {@code array || element}: the array with the element (null too) at its end; a null array is one element. */
  public static List<Object> arrayAppend(List<?> array, Object element) {
    List<Object> joined = array == null ? new ArrayList<>(1) : new ArrayList<>(array);
    joined.add(element);
    return joined;
  }

  /** {@code element || array}: the array with the element (null too) at its start; a null array is one element. */
  public static List<Object> arrayPrepend(Object element, List<?> array) {
    List<Object> joined = new ArrayList<>(array == null ? 1 : array.size() + 1);
    joined.add(element);
    if (array != null) {
      joined.addAll(array);
    }
    return joined;
  }

  private static List<Object> copy(List<?> list) {
    return list == null ? null : new ArrayList<>(list);
  }

  private static boolean isArray(RelDataType type) {
    return type != null && type.getSqlTypeName() == SqlTypeName.ARRAY;
  }

  /** The element type both operands share, as their array's: {@code array} the operand that is (or has) the array. */
  private static RelDataType elementType(RelDataTypeFactory types, RelDataType array, RelDataType other) {
    RelDataType element = array.getComponentType();
    RelDataType second = isArray(other) ? other.getComponentType() : other;
    if (element == null || second == null) {
      return null;
    }
    if (second.getSqlTypeName() == SqlTypeName.NULL) {
      return types.createTypeWithNullability(element, true);
    }
    // elements of types that do not meet (integer and date) have no common type in PostgreSQL
    return org.apache.calcite.sql.type.SqlTypeUtil.isComparable(element, second)
        ? types.leastRestrictive(List.of(element, second)) : null;
  }

  private static SqlReturnTypeInference arrayOf(int array, int other) {
    return binding -> {
      RelDataTypeFactory types = binding.getTypeFactory();
      RelDataType element = elementType(types, binding.getOperandType(array), binding.getOperandType(other));
      return element == null ? null
          : types.createTypeWithNullability(types.createArrayType(element, -1), true);
    };
  }

  /** Two operands, one an array, whose elements share a type; else no such operator ({@code 42883}). */
  private static final class Operands implements SqlOperandTypeChecker {
    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      RelDataType left = binding.getOperandType(0);
      RelDataType right = binding.getOperandType(1);
      RelDataType array = isArray(left) ? left : isArray(right) ? right : null;
      boolean ok = array != null && elementType(binding.getTypeFactory(), array, array == left ? right : left) != null;
      if (!ok && throwOnFailure) {
        throw PgSignatures.noSuchFunction(binding, "||");
      }
      return ok;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      return SqlOperandCountRanges.of(2);
    }

    @Override
    public String getAllowedSignatures(SqlOperator op, String opName) {
      return "<ARRAY> || <ARRAY>, <ARRAY> || <ELEMENT>, <ELEMENT> || <ARRAY>";
    }
  }

  private static List<Method> methods(String name) {
    return Arrays.stream(PgArrayConcat.class.getMethods()).filter(m -> m.getName().equals(name)).toList();
  }
}
