package org.marketingsql.sql;

import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * PostgreSQL's ordered-set aggregates as both stores are sent them: {@code mode() WITHIN GROUP (ORDER BY x)}, which
 * Calcite holds as {@code MODE(x)}, in PostgreSQL's syntax, and {@code percentile_cont(f) WITHIN GROUP (ORDER BY x)}
 * and {@code percentile_disc(f) …} as Calcite writes them, provided the store dialect's conformance is
 * {@link #withoutSortByOrdinal}. {@code percentile_cont} orders its values as double precision
 * ({@link #continuousInDoublePrecision}), as PostgreSQL's does.
 */
final class OrderedSetAggregates {
  static final Set<SqlKind> KINDS = Set.of(SqlKind.MODE, SqlKind.PERCENTILE_CONT, SqlKind.PERCENTILE_DISC);

  private OrderedSetAggregates() {
  }

  /**
   * Casts the ordered value of {@code percentile_cont(f) WITHIN GROUP (ORDER BY x)} to DOUBLE, in place: PostgreSQL's
   * takes double precision (a numeric is converted) and interpolates in it, and returns double precision; Calcite's
   * would return the column's type, and a store would interpolate a DECIMAL in its scale.
   */
  static void continuousInDoublePrecision(SqlCall call) {
    if (call.getKind() != SqlKind.WITHIN_GROUP || call.operandCount() != 2
        || !(call.operand(0) instanceof SqlCall aggregate)
        || !aggregate.getOperator().getName().equalsIgnoreCase("percentile_cont")
        || !(call.operand(1) instanceof SqlNodeList order) || order.size() != 1) {
      return;
    }
    order.set(0, inDoublePrecision(order.get(0)));
  }

  /**
   * PostgreSQL's array form {@code percentile_cont(ARRAY[f1, f2 …]) WITHIN GROUP (ORDER BY x)} (and
   * {@code percentile_disc}) as the array of one percentile per fraction, {@code ARRAY[percentile_cont(f1) WITHIN GROUP
   * (ORDER BY x), …]}, each an aggregate the store computes: double precision[] for {@code percentile_cont}, an array of
   * the column's type for {@code percentile_disc}. {@code node} itself when it is not that form.
   */
  static SqlNode perFraction(SqlNode node) {
    if (!(node instanceof SqlCall within) || within.getKind() != SqlKind.WITHIN_GROUP || within.operandCount() != 2
        || !(within.operand(0) instanceof SqlCall aggregate) || !isPercentile(aggregate) || aggregate.operandCount() != 1
        || aggregate.operand(0).getKind() != SqlKind.ARRAY_VALUE_CONSTRUCTOR
        || !(within.operand(1) instanceof SqlNodeList order)) {
      return node;
    }
    SqlParserPos pos = within.getParserPosition();
    java.util.List<SqlNode> percentiles = new java.util.ArrayList<>();
    for (SqlNode fraction : ((SqlCall) aggregate.operand(0)).getOperandList()) {
      SqlCall one = SqlStdOperatorTable.WITHIN_GROUP.createCall(pos,
          aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(), pos, fraction),
          PgStatistics.copy(order));
      continuousInDoublePrecision(one);
      percentiles.add(one);
    }
    return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(pos, percentiles);
  }

  /** The name PostgreSQL gives a select item of {@link #perFraction}'s form, or null for another item. */
  static String perFractionName(SqlNode item) {
    return perFraction(item) == item ? null
        : ((SqlCall) ((SqlCall) item).operand(0)).getOperator().getName().toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isPercentile(SqlCall aggregate) {
    String name = aggregate.getOperator().getName();
    return name != null && (name.equalsIgnoreCase("percentile_cont") || name.equalsIgnoreCase("percentile_disc"));
  }

  /** {@code item} cast to DOUBLE, under its DESC and NULLS FIRST/LAST. */
  private static SqlNode inDoublePrecision(SqlNode item) {
    if (item instanceof SqlBasicCall direction && (item.getKind() == SqlKind.DESCENDING
        || item.getKind() == SqlKind.NULLS_FIRST || item.getKind() == SqlKind.NULLS_LAST)) {
      direction.setOperand(0, inDoublePrecision(direction.operand(0)));
      return direction;
    }
    if (item.getKind() == SqlKind.CAST && item instanceof SqlCall cast && cast.operand(1) instanceof SqlDataTypeSpec spec
        && spec.getTypeName().getSimple().equalsIgnoreCase("DOUBLE")) {
      return item;
    }
    SqlParserPos pos = item.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(pos, item,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
  }

  /** Writes {@code call} if it is Calcite's {@code MODE(x)}, as PostgreSQL's; false, having written nothing, otherwise. */
  static boolean unparseMode(SqlWriter writer, SqlCall call) {
    if (call.getKind() != SqlKind.MODE || call.operandCount() != 1) {
      return false;
    }
    writer.keyword("mode()");
    writer.keyword("WITHIN GROUP");
    SqlWriter.Frame frame = writer.startList("(", ")");
    writer.keyword("ORDER BY");
    call.operand(0).unparse(writer, 0, 0);
    writer.endList(frame);
    return true;
  }

  /**
   * {@code conformance} that does not sort by select-list position. Calcite writes the ORDER BY of a WITHIN GROUP as
   * it writes a statement's: an ordered column that is an expression (a view's {@code CASE}, a cast) becomes its
   * position in the select list below, which the aggregate's own select list has replaced, so the store sorted by a
   * constant ({@code ORDER BY 2}) and {@code percentile_cont(0.5)} of 60 and 90 came back as 2. Without positions
   * the expression itself is written, there and in a statement's ORDER BY, which both stores read alike (a constant
   * sort key is then left out: {@link StoreOrderBy}).
   */
  static SqlConformance withoutSortByOrdinal(SqlConformance conformance) {
    return new SqlDelegatingConformance(conformance) {
      @Override
      public boolean isSortByOrdinal() {
        return false;
      }
    };
  }
}
