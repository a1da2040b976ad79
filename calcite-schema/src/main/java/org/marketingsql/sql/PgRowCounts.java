package org.marketingsql.sql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * PostgreSQL's {@code count(t.*)}, the rows in which {@code t}'s row is not null: for a FROM item {@code t} that no
 * outer join can leave without a row, every row, so {@code count(*)}; Calcite has no row of a table alias and refused
 * it ({@code Unknown field '*'}). For a {@code t} on the side of an outer join that may have no row (the right side of
 * a LEFT JOIN), where the count would leave those rows out, it is refused (SQLSTATE 0A000) with the way round: count a
 * column of {@code t} that is never null.
 */
final class PgRowCounts extends SqlBasicVisitor<Void> {
  private PgRowCounts() {
  }

  /** {@code node} with each {@code count(t.*)} read; null stays null. */
  static <T extends SqlNode> T apply(T node) {
    if (node != null) {
      node.accept(new PgRowCounts());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select && select.getFrom() != null) {
      Map<String, Boolean> items = new HashMap<>();
      fromItems(select.getFrom(), false, items);
      SqlBasicVisitor<Void> counts = new SqlBasicVisitor<>() {
        @Override
        public Void visit(SqlCall inner) {
          if (inner instanceof SqlSelect) {
            return null; // its FROM items are its own
          }
          // still unresolved when parsed: COUNT by its name
          if (inner.getOperator().getName().equalsIgnoreCase("COUNT") && inner.operandCount() == 1
              && inner.getFunctionQuantifier() == null
              && inner.operand(0) instanceof SqlIdentifier row && row.isStar() && row.names.size() == 2) {
            Boolean nullable = items.get(row.names.get(0).toLowerCase(Locale.ROOT));
            if (Boolean.TRUE.equals(nullable)) {
              throw new PgSqlException("0A000", "count(" + row.names.get(0) + ".*) of the side of an outer join that"
                  + " may have no row is not supported; count a column of " + row.names.get(0) + " that is never null");
            }
            if (nullable != null) {
              inner.setOperand(0, SqlIdentifier.star(row.getParserPosition()));
            }
          }
          return super.visit(inner);
        }
      };
      for (SqlNode node : new SqlNode[] {select.getSelectList(), select.getHaving(), select.getOrderList(),
          select.getQualify()}) {
        if (node != null) {
          node.accept(counts);
        }
      }
    }
    return super.visit(call);
  }

  /** The FROM items of {@code from} by their names in lower case, each with whether an outer join may leave it out. */
  private static void fromItems(SqlNode from, boolean nullable, Map<String, Boolean> items) {
    if (from instanceof SqlJoin join) {
      JoinType type = join.getJoinType();
      fromItems(join.getLeft(), nullable || type == JoinType.RIGHT || type == JoinType.FULL, items);
      fromItems(join.getRight(), nullable || type == JoinType.LEFT || type == JoinType.FULL, items);
    } else if (from.getKind() == SqlKind.AS && from instanceof SqlCall as && as.operand(1) instanceof SqlIdentifier alias) {
      items.merge(alias.getSimple().toLowerCase(Locale.ROOT), nullable, Boolean::logicalOr);
    } else if (from instanceof SqlIdentifier table) {
      items.merge(table.names.get(table.names.size() - 1).toLowerCase(Locale.ROOT), nullable, Boolean::logicalOr);
    }
  }
}
