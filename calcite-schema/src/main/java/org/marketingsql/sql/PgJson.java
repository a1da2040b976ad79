package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's {@code to_json(value)} and {@code json_build_object(key, value …)}, their JSON as text written
 * as PostgreSQL writes its {@code json}: strings quoted and escaped (by Jackson), numbers and booleans bare,
 * dates and timestamps as ISO strings ({@code "2025-01-31"}, {@code "2025-01-31T10:00:00"}), arrays as
 * {@code [..]}, SQL NULL as {@code null}, an object as {@code {"a" : 1, "b" : "x"}}. Each value is written by
 * its SQL type, known when the statement is planned. Runs above the store; the text is bounded by
 * {@link PgStrings#MAX_TEXT}.
 */
final class PgJson extends SqlUserDefinedFunction {
  static final PgJson TO_JSON = new PgJson("TO_JSON", false);
  static final PgJson JSON_BUILD_OBJECT = new PgJson("JSON_BUILD_OBJECT", true);
  /** The functions by lower-case name. */
  static final Map<String, SqlOperator> BY_NAME = Map.of("to_json", TO_JSON, "json_build_object", JSON_BUILD_OBJECT);

  private final boolean object;

  private PgJson(String name, boolean object) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        object ? ReturnTypes.explicit(SqlTypeName.VARCHAR) : ReturnTypes.explicit(SqlTypeName.VARCHAR)
            .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
        null, null, new Implementation(object), SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION);
    this.object = object;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return object ? SqlOperandCountRanges.any() : SqlOperandCountRanges.of(1);
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    if (object && callBinding.getOperandCount() % 2 != 0) {
      if (throwOnFailure) {
        throw new PgSqlException("22023", "argument list must have even number of elements");
      }
      return false;
    }
    return true;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  /** The Java side: each argument written as JSON by its SQL type, then the object built of them. */
  private record Implementation(boolean object) implements ScalarFunction, ImplementableFunction {
    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createSqlType(SqlTypeName.VARCHAR);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, translated) -> {
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < translated.size(); i++) {
          values.add(Expressions.call(PgJsonText.class, "json", Expressions.box(translated.get(i)),
              Expressions.constant(kind(call.getOperands().get(i).getType()))));
        }
        if (!object) {
          // to_json is strict: NULL in, NULL out
          return Expressions.call(PgJsonText.class, "strict", Expressions.box(translated.get(0)), values.get(0));
        }
        return Expressions.call(PgJsonText.class, "buildObject", Expressions.newArrayInit(String.class, values));
      }, NullPolicy.NONE, false);
    }
  }

  /** How a value of {@code type} is written: by its family. */
  static String kind(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    if (name == SqlTypeName.DATE) {
      return "date";
    }
    if (name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      return "timestamp";
    }
    if (name == SqlTypeName.TIME) {
      return "time";
    }
    if (name == SqlTypeName.BOOLEAN) {
      return "boolean";
    }
    if (SqlTypeFamily.NUMERIC.getTypeNames().contains(name)) {
      return "number";
    }
    if (name == SqlTypeName.ARRAY || name == SqlTypeName.MULTISET) {
      return "array:" + (type.getComponentType() == null ? "text" : kind(type.getComponentType()));
    }
    return "text";
  }
}
