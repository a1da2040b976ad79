package org.marketingsql.sql;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's statistics aggregates of two arguments, {@code corr(y, x)}, {@code covar_pop}, {@code covar_samp},
 * {@code regr_slope}, {@code regr_intercept}, {@code regr_r2}, {@code regr_count}, {@code regr_avgx}, {@code regr_avgy},
 * {@code regr_sxx}, {@code regr_syy} and {@code regr_sxy}, written out with SUM and COUNT over the pairs in which neither
 * value is null, in double precision as PostgreSQL computes them. So they run wherever SUM runs: in the store with
 * the rest of the query, over a window ({@code OVER}), with {@code FILTER (WHERE …)}, and above the store over rows
 * the driver holds. Each returns double precision ({@code regr_count} a bigint), null where PostgreSQL's is null:
 * without pairs, and where a divisor is zero (a constant x for {@code corr}, {@code regr_slope}, {@code regr_r2} …).
 */
final class PgStatistics {
  /** The names, in lower case. */
  static final Set<String> NAMES = Set.of("corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept", "regr_r2",
      "regr_count", "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy");
  /** Calcite's own operators of some of these names, which the parser binds itself. */
  private static final Set<SqlOperator> CALCITES = Set.of(SqlStdOperatorTable.COVAR_POP, SqlStdOperatorTable.COVAR_SAMP,
      SqlStdOperatorTable.REGR_COUNT, SqlStdOperatorTable.REGR_SXX, SqlStdOperatorTable.REGR_SYY);

  private PgStatistics() {
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
   * both; {@code node} itself otherwise.
   */
  static SqlNode expand(SqlNode node) {
    SqlCall aggregate = aggregate(node);
    if (aggregate == null) {
      return node;
    }
    if (aggregate.getFunctionQuantifier() != null
        && aggregate.getFunctionQuantifier().getValue() == org.apache.calcite.sql.SqlSelectKeyword.DISTINCT) {
      // PostgreSQL takes DISTINCT here too; a sum of distinct values is not its sum of the distinct pairs
      return node;
    }
    return new Sums(aggregate, withWindowAndFilter(node)).of(
        aggregate.getOperator().getName().toLowerCase(Locale.ROOT));
  }

  /** The statistics aggregate {@code node} is, or is under a window or a filter of; null if none. */
  private static SqlCall aggregate(SqlNode node) {
    return aggregate(node, NAMES, CALCITES, 2);
  }

  /**
   * The call of one of {@code names} (lower case) with {@code operands} arguments that {@code node} is, or is under a
   * window or a filter of, named as PostgreSQL names it ({@code pg_catalog.} or not) or bound by Calcite's parser to one
   * of {@code calcites}; null if none.
   */
  static SqlCall aggregate(SqlNode node, Set<String> names, Set<SqlOperator> calcites, int operands) {
    if (node != null && node.getKind() == SqlKind.OVER) {
      node = ((SqlCall) node).operand(0);
    }
    if (node != null && node.getKind() == SqlKind.FILTER) {
      node = ((SqlCall) node).operand(0);
    }
    if (!(node instanceof SqlCall call) || call.operandCount() != operands || call.getOperator().getName() == null
        || !names.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))) {
      return null;
    }
    SqlOperator operator = call.getOperator();
    boolean pgName = operator instanceof SqlUnresolvedFunction unresolved
        && (unresolved.getSqlIdentifier().names.size() == 1 || unresolved.getSqlIdentifier().names.size() == 2
        && unresolved.getSqlIdentifier().names.get(0).equalsIgnoreCase("pg_catalog"));
    return pgName || calcites.contains(operator) ? call : null;
  }

  /**
   * What makes an aggregate call of the written-out form of {@code node}: the call under {@code node}'s filter
   * ({@code FILTER (WHERE …)}) and window ({@code OVER}), each a copy of its own.
   */
  static UnaryOperator<SqlNode> withWindowAndFilter(SqlNode node) {
    UnaryOperator<SqlNode> over = UnaryOperator.identity();
    SqlNode inner = node;
    if (inner.getKind() == SqlKind.OVER) {
      SqlCall call = (SqlCall) inner;
      SqlNode window = call.operand(1);
      over = agg -> SqlStdOperatorTable.OVER.createCall(call.getParserPosition(), agg, copy(window));
      inner = call.operand(0);
    }
    UnaryOperator<SqlNode> filter = UnaryOperator.identity();
    if (inner.getKind() == SqlKind.FILTER) {
      SqlCall call = (SqlCall) inner;
      SqlNode condition = call.operand(1);
      filter = agg -> SqlStdOperatorTable.FILTER.createCall(call.getParserPosition(), agg, copy(condition));
    }
    UnaryOperator<SqlNode> filtered = filter;
    UnaryOperator<SqlNode> windowed = over;
    return agg -> windowed.apply(filtered.apply(agg));
  }

  /** A deep copy of {@code node}: each use in the written-out expression is a tree of its own. */
  static SqlNode copy(SqlNode node) {
    return node.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        CallCopyingArgHandler copying = new CallCopyingArgHandler(call, true);
        call.getOperator().acceptCall(this, call, false, copying);
        return copying.result();
      }

      @Override
      public SqlNode visit(SqlIdentifier id) {
        return id.clone(id.getParserPosition());
      }

      @Override
      public SqlNode visit(SqlNodeList list) {
        SqlNodeList copied = new SqlNodeList(list.getParserPosition());
        for (SqlNode item : list) {
          copied.add(item == null ? null : item.accept(this));
        }
        return copied;
      }
    });
  }

  /** The sums of one call's pairs, each aggregate made by {@code aggregate} (its filter and window). */
  private static final class Sums {
    private final SqlCall call;
    private final UnaryOperator<SqlNode> aggregate;
    private final SqlParserPos pos;

    Sums(SqlCall call, UnaryOperator<SqlNode> aggregate) {
      this.call = call;
      this.aggregate = aggregate;
      this.pos = call.getParserPosition();
    }

    /** The aggregate {@code name} of the call. */
    SqlNode of(String name) {
      SqlNode n = count();
      switch (name) {
        case "regr_count":
          return n;
        case "regr_avgx":
          return whenPairs(1, divide(sum(x()), n));
        case "regr_avgy":
          return whenPairs(1, divide(sum(y()), n));
        case "regr_sxx":
          return whenPairs(1, spreadOrZero(x(), sxx()));
        case "regr_syy":
          return whenPairs(1, spreadOrZero(y(), syy()));
        case "regr_sxy":
          return whenPairs(1, sxy());
        case "covar_pop":
          return whenPairs(1, divide(sxy(), n));
        case "covar_samp":
          return whenPairs(2, divide(sxy(), op(SqlStdOperatorTable.MINUS, count(), number("1"))));
        case "corr":
          // sxy / sqrt(sxx * syy), as PostgreSQL 15 computes it
          return unlessConstant(x(), sxx(), unlessConstant(y(), syy(), divide(sxy(),
              sqrt(op(SqlStdOperatorTable.MULTIPLY, sxx(), syy())))));
        case "regr_slope":
          return unlessConstant(x(), sxx(), divide(sxy(), sxx()));
        case "regr_r2":
          return unlessConstant(x(), sxx(), when(constant(y(), syy()), number("1"),
              divide(op(SqlStdOperatorTable.MULTIPLY, sxy(), sxy()), op(SqlStdOperatorTable.MULTIPLY, sxx(), syy()))));
        case "regr_intercept":
          return unlessConstant(x(), sxx(), divide(op(SqlStdOperatorTable.MINUS, sum(y()),
              divide(op(SqlStdOperatorTable.MULTIPLY, sum(x()), sxy()), sxx())), count()));
        default:
          throw new IllegalArgumentException("not a statistics aggregate: " + name);
      }
    }

    /** The call's y (its first argument) where x is not null too, as double precision. */
    private SqlNode y() {
      return paired(call.operand(0), call.operand(1));
    }

    /** The call's x (its second argument) where y is not null too, as double precision. */
    private SqlNode x() {
      return paired(call.operand(1), call.operand(0));
    }

    private SqlNode paired(SqlNode value, SqlNode other) {
      SqlNode both = op(SqlStdOperatorTable.AND, SqlStdOperatorTable.IS_NOT_NULL.createCall(pos, copy(value)),
          SqlStdOperatorTable.IS_NOT_NULL.createCall(pos, copy(other)));
      return new SqlCase(pos, null, SqlNodeList.of(both), SqlNodeList.of(toDouble(copy(value))),
          SqlLiteral.createNull(pos));
    }

    /** The number of pairs. */
    private SqlNode count() {
      return aggregate.apply(SqlStdOperatorTable.COUNT.createCall(pos, x()));
    }

    private SqlNode sum(SqlNode value) {
      return aggregate.apply(SqlStdOperatorTable.SUM.createCall(pos, value));
    }

    /** sum(x²) - sum(x)² / n. */
    private SqlNode sxx() {
      return spread(x(), x());
    }

    private SqlNode syy() {
      return spread(y(), y());
    }

    private SqlNode sxy() {
      return spread(x(), y());
    }

    private SqlNode spread(SqlNode a, SqlNode b) {
      SqlNode products = sum(op(SqlStdOperatorTable.MULTIPLY, a, b));
      SqlNode sums = op(SqlStdOperatorTable.MULTIPLY, sum(copy(a)), sum(copy(b)));
      return op(SqlStdOperatorTable.MINUS, products, divide(sums, count()));
    }

    /** {@code value}, null when there are fewer than {@code least} pairs. */
    private SqlNode whenPairs(int least, SqlNode value) {
      return when(op(SqlStdOperatorTable.LESS_THAN, count(), number(Integer.toString(least))),
          SqlLiteral.createNull(pos), value);
    }

    /**
     * {@code value}, null when there are no pairs or {@code values} (whose sum of squared deviations is {@code spread})
     * is constant, where PostgreSQL's is null (a vertical or horizontal line).
     */
    private SqlNode unlessConstant(SqlNode values, SqlNode spread, SqlNode value) {
      return whenPairs(1, when(constant(values, spread), SqlLiteral.createNull(pos), value));
    }

    /**
     * Whether the paired {@code values} are all equal: their min is their max, or their {@code spread} is not above
     * zero. The sums leave a rounding error where PostgreSQL's running sums are exactly zero; min and max do not.
     */
    private SqlNode constant(SqlNode values, SqlNode spread) {
      return op(SqlStdOperatorTable.OR,
          op(SqlStdOperatorTable.EQUALS, aggregate.apply(SqlStdOperatorTable.MIN.createCall(pos, values)),
              aggregate.apply(SqlStdOperatorTable.MAX.createCall(pos, copy(values)))),
          op(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, spread, number("0")));
    }

    /** The sum of squared deviations {@code spread} of {@code values}, zero when they are constant. */
    private SqlNode spreadOrZero(SqlNode values, SqlNode spread) {
      return when(constant(values, spread), number("0"), copy(spread));
    }

    private SqlNode when(SqlNode condition, SqlNode then, SqlNode otherwise) {
      return new SqlCase(pos, null, SqlNodeList.of(condition), SqlNodeList.of(then), toDouble(otherwise));
    }

    private SqlNode divide(SqlNode a, SqlNode b) {
      return op(SqlStdOperatorTable.DIVIDE, a, toDouble(b));
    }

    private SqlNode sqrt(SqlNode value) {
      return SqlStdOperatorTable.SQRT.createCall(pos, value);
    }

    private SqlNode op(SqlOperator operator, SqlNode a, SqlNode b) {
      return operator.createCall(pos, a, b);
    }

    private SqlNode number(String digits) {
      return toDouble(SqlLiteral.createExactNumeric(digits, pos));
    }

    private SqlNode toDouble(SqlNode value) {
      return SqlStdOperatorTable.CAST.createCall(pos, value,
          new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
    }
  }
}
