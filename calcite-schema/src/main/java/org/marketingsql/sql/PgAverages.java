package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * PostgreSQL's {@code avg}, {@code stddev}, {@code stddev_samp}, {@code stddev_pop}, {@code variance},
 * {@code var_samp} and {@code var_pop}, typed as PostgreSQL types them: of smallint, integer, bigint and numeric a
 * numeric, of real and double precision a double precision. Each is written out while the statement is parsed as
 * COUNT, SUM and a sum of squares ({@link #SQUARE}), which both stores compute exactly, and one call that finishes
 * the number from them ({@link #AVG} …): the store computes it in its own SQL ({@link MomentStoreSql}), Calcite above
 * the store with {@link PgMoments}, to the same digits. So they run wherever SUM runs: in the store with the rest of
 * the query, over a window ({@code OVER}), with {@code FILTER (WHERE …)}. An exact number's average and variance
 * are numeric(38, 16) (more decimals when the argument has more), rounded half away from zero.
 */
final class PgAverages {
  /** x², exact for an exact number (numeric with twice its decimals), else double precision. */
  static final SqlOperator SQUARE = function("PG_SQUARE", PgAverages::squareType,
      OperandTypes.family(SqlTypeFamily.NUMERIC), List.of("x"), "square");
  /** The average from the sum and the count. */
  static final SqlOperator AVG = function("PG_AVG", binding -> finished(binding, 0, 1),
      OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC), List.of("sum", "count"), "avg");
  static final SqlOperator VAR_SAMP = moment("PG_VAR_SAMP", "varSamp");
  static final SqlOperator VAR_POP = moment("PG_VAR_POP", "varPop");
  static final SqlOperator STDDEV_SAMP = moment("PG_STDDEV_SAMP", "stddevSamp");
  static final SqlOperator STDDEV_POP = moment("PG_STDDEV_POP", "stddevPop");
  /** PostgreSQL's names, in lower case, and the call that finishes each. */
  private static final Map<String, SqlOperator> FINISHED_BY = Map.of("avg", AVG, "variance", VAR_SAMP,
      "var_samp", VAR_SAMP, "var_pop", VAR_POP, "stddev", STDDEV_SAMP, "stddev_samp", STDDEV_SAMP,
      "stddev_pop", STDDEV_POP);
  /** Calcite's own operators of these names, which its parser binds itself. */
  private static final Set<SqlOperator> CALCITES = Set.of(SqlStdOperatorTable.AVG, SqlStdOperatorTable.STDDEV,
      SqlStdOperatorTable.STDDEV_SAMP, SqlStdOperatorTable.STDDEV_POP, SqlStdOperatorTable.VARIANCE,
      SqlStdOperatorTable.VAR_SAMP, SqlStdOperatorTable.VAR_POP);

  private PgAverages() {
  }

  /** Whether {@code operator} is one of the calls that finish a written-out aggregate, or {@link #SQUARE}. */
  static boolean isMoment(SqlOperator operator) {
    return operator == SQUARE || operator == AVG || operator == VAR_SAMP || operator == VAR_POP
        || operator == STDDEV_SAMP || operator == STDDEV_POP;
  }

  /**
   * The name PostgreSQL gives a select item that is such an aggregate (alone, over a window or filtered), in lower
   * case; null for any other item.
   */
  static String columnName(SqlNode item) {
    SqlCall aggregate = aggregate(item);
    return aggregate == null ? null : aggregate.getOperator().getName().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code node} written out if it is such an aggregate, alone, with {@code FILTER (WHERE …)}, over a window, or
   * both, {@code DISTINCT} too (of the distinct values' sum, count and squares); {@code node} itself otherwise.
   */
  static SqlNode expand(SqlNode node) {
    SqlCall aggregate = aggregate(node);
    if (aggregate == null) {
      return node;
    }
    SqlOperator finish = FINISHED_BY.get(aggregate.getOperator().getName().toLowerCase(Locale.ROOT));
    SqlLiteral quantifier = aggregate.getFunctionQuantifier();
    boolean distinct = quantifier != null && quantifier.getValue() == SqlSelectKeyword.DISTINCT;
    UnaryOperator<SqlNode> aggregated = PgStatistics.withWindowAndFilter(node);
    SqlParserPos pos = aggregate.getParserPosition();
    SqlLiteral keep = distinct ? quantifier : null;
    SqlNode x = aggregate.operand(0);
    SqlNode sum = aggregated.apply(SqlStdOperatorTable.SUM.createCall(keep, pos, PgStatistics.copy(x)));
    SqlNode count = aggregated.apply(SqlStdOperatorTable.COUNT.createCall(keep, pos, PgStatistics.copy(x)));
    if (finish == AVG) {
      return AVG.createCall(pos, sum, count);
    }
    SqlNode squares = distinct ? distinctSquares(x, aggregated, quantifier, pos)
        : aggregated.apply(SqlStdOperatorTable.SUM.createCall(pos, SQUARE.createCall(pos, PgStatistics.copy(x))));
    return finish.createCall(pos, squares, sum, count);
  }

  /**
   * The sum of the squares of the distinct values of {@code x}: of the positive ones and of the negative ones apart,
   * each a sum of distinct squares (on either side a square is the square of one value only, where {@code 2} and
   * {@code -2} have one square), 0 for none.
   */
  private static SqlNode distinctSquares(SqlNode x, UnaryOperator<SqlNode> aggregated, SqlLiteral distinct,
      SqlParserPos pos) {
    SqlNode total = null;
    for (SqlOperator side : List.of(SqlStdOperatorTable.GREATER_THAN, SqlStdOperatorTable.LESS_THAN)) {
      SqlNode square = new org.apache.calcite.sql.fun.SqlCase(pos, null,
          org.apache.calcite.sql.SqlNodeList.of(side.createCall(pos, PgStatistics.copy(x),
              SqlLiteral.createExactNumeric("0", pos))),
          org.apache.calcite.sql.SqlNodeList.of(SQUARE.createCall(pos, PgStatistics.copy(x))), SqlLiteral.createNull(pos));
      SqlNode sum = SqlStdOperatorTable.COALESCE.createCall(pos,
          aggregated.apply(SqlStdOperatorTable.SUM.createCall(distinct, pos, square)),
          SqlLiteral.createExactNumeric("0", pos));
      total = total == null ? sum : SqlStdOperatorTable.PLUS.createCall(pos, total, sum);
    }
    return total;
  }

  /** The aggregate {@code node} is, or is under a window or a filter of; null if none. */
  private static SqlCall aggregate(SqlNode node) {
    return PgStatistics.aggregate(node, FINISHED_BY.keySet(), CALCITES, 1);
  }

  private static SqlOperator moment(String name, String method) {
    return function(name, binding -> finished(binding, 1, 2), OperandTypes.family(SqlTypeFamily.NUMERIC,
        SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC), List.of("squares", "sum", "count"), method);
  }

  private static SqlOperator function(String name, SqlReturnTypeInference type,
      org.apache.calcite.sql.type.SqlOperandTypeChecker operands, List<String> parameters, String method) {
    List<Method> methods = Arrays.stream(PgMoments.class.getMethods()).filter(m -> m.getName().equals(method)).toList();
    return new PgFunction(name, true, true, null, type, operands, parameters, methods);
  }

  /**
   * The type of an average ({@code sum} the operand with the sum, {@code scaleFactor} 1) or a variance (2): numeric of
   * {@link PgTypeSystem#MAX_DECIMAL_PRECISION} digits with at least {@link PgMoments#MIN_SCALE} decimals for an exact
   * sum, else double precision; null for no rows.
   */
  private static RelDataType finished(SqlOperatorBinding binding, int sum, int scaleFactor) {
    RelDataTypeFactory factory = binding.getTypeFactory();
    RelDataType type = binding.getOperandType(sum);
    RelDataType result = SqlTypeUtil.isExactNumeric(type)
        ? factory.createSqlType(SqlTypeName.DECIMAL, PgTypeSystem.MAX_DECIMAL_PRECISION,
            Math.max(PgMoments.MIN_SCALE, scaleFactor * Math.max(type.getScale(), 0)))
        : factory.createSqlType(SqlTypeName.DOUBLE);
    return factory.createTypeWithNullability(result, true);
  }

  private static RelDataType squareType(SqlOperatorBinding binding) {
    RelDataTypeFactory factory = binding.getTypeFactory();
    RelDataType x = binding.getOperandType(0);
    RelDataType result = SqlTypeUtil.isExactNumeric(x)
        ? factory.createSqlType(SqlTypeName.DECIMAL, PgTypeSystem.MAX_DECIMAL_PRECISION,
            Math.min(PgTypeSystem.MAX_DECIMAL_PRECISION, 2 * Math.max(x.getScale(), 0)))
        : factory.createSqlType(SqlTypeName.DOUBLE);
    return factory.createTypeWithNullability(result, x.isNullable());
  }
}
