package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/** PostgreSQL's set-returning functions in FROM, as {@link PgTableFunction}s. */
final class PgSetFunctions {
  /**
   * {@code generate_series(start, stop [, step])} over integers (INTEGER, or BIGINT when one argument is),
   * other numbers (DECIMAL), and dates or timestamps with an interval step (TIMESTAMP); one column named
   * {@code generate_series}.
   */
  static final PgTableFunction GENERATE_SERIES = new PgTableFunction("GENERATE_SERIES",
      PgSetFunctions::seriesRowType,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC),
          OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC),
          OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME_INTERVAL)),
      RexImpTable.createImplementor((translator, call, translated) -> {
        List<RexNode> operands = call.getOperands();
        if (SqlTypeUtil.isDatetime(operands.get(0).getType())) {
          boolean months = operands.get(2).getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
          return Expressions.call(method(months ? "timestampsByMonths" : "timestamps"),
              millis(operands.get(0), translated.get(0)), millis(operands.get(1), translated.get(1)),
              boxed(translated.get(2)));
        }
        boolean stepGiven = translated.size() == 3;
        List<RelDataType> types = new ArrayList<>();
        operands.forEach(o -> types.add(o.getType()));
        String kind = kindOf(types);
        return Expressions.call(method("numbers"), boxed(translated.get(0)), boxed(translated.get(1)),
            stepGiven ? boxed(translated.get(2)) : Expressions.constant(null, Object.class),
            Expressions.constant(stepGiven), Expressions.constant(kind));
      }, NullPolicy.NONE, false));

  /** {@code pg_get_keywords()}: PostgreSQL's keywords ({@link PgKeywords}). */
  static final PgTableFunction PG_GET_KEYWORDS = new PgTableFunction("PG_GET_KEYWORDS",
      binding -> {
        RelDataTypeFactory f = binding.getTypeFactory();
        return f.builder().add("word", SqlTypeName.VARCHAR).add("catcode", f.createSqlType(SqlTypeName.CHAR, 1))
            .add("barelabel", SqlTypeName.BOOLEAN).add("catdesc", SqlTypeName.VARCHAR)
            .add("baredesc", SqlTypeName.VARCHAR).build();
      },
      OperandTypes.NILADIC,
      RexImpTable.createImplementor((translator, call, translated) -> Expressions.call(keywords()),
          NullPolicy.NONE, false));

  private PgSetFunctions() {
  }

  private static RelDataType seriesRowType(SqlOperatorBinding binding) {
    RelDataTypeFactory f = binding.getTypeFactory();
    List<RelDataType> types = binding.collectOperandTypes();
    RelDataType column;
    if (SqlTypeUtil.isDatetime(types.get(0))) {
      column = f.createSqlType(SqlTypeName.TIMESTAMP);
    } else {
      String kind = kindOf(types);
      column = switch (kind) {
        case "INTEGER" -> f.createSqlType(SqlTypeName.INTEGER);
        case "BIGINT" -> f.createSqlType(SqlTypeName.BIGINT);
        default -> f.createSqlType(SqlTypeName.DECIMAL, f.getTypeSystem().getMaxNumericPrecision(),
            types.stream().mapToInt(t -> t.getSqlTypeName() == SqlTypeName.DECIMAL ? t.getScale() : 0).max().orElse(0));
      };
    }
    return f.builder().add("generate_series", column).build();
  }

  private static String kindOf(List<RelDataType> types) {
    boolean exact = types.stream().allMatch(t -> SqlTypeUtil.isIntType(t));
    if (!exact) {
      return "DECIMAL";
    }
    return types.stream().anyMatch(t -> t.getSqlTypeName() == SqlTypeName.BIGINT) ? "BIGINT" : "INTEGER";
  }

  /** A DATE or TIMESTAMP argument as boxed milliseconds. */
  private static Expression millis(RexNode operand, Expression translated) {
    return operand.getType().getSqlTypeName() == SqlTypeName.DATE
        ? Expressions.call(method("dateMillis"), boxed(translated)) : boxed(translated);
  }

  /** Boxed first: Janino reads {@code (Object) -3} as a subtraction. */
  private static Expression boxed(Expression e) {
    Expression box = org.apache.calcite.linq4j.tree.Primitive.is(e.getType()) ? Expressions.box(e) : e;
    return EnumUtils.convert(box, Object.class);
  }

  private static Method method(String name) {
    for (Method m : PgSeries.class.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException("PgSeries has no method " + name);
  }

  private static Method keywords() {
    try {
      return PgKeywords.class.getMethod("rows");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PgKeywords has no method rows", e);
    }
  }
}
