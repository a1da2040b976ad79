package org.marketingsql.sql;

import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * The ORDER BY of a statement sent to the store, whose dialect writes sort keys as expressions, not as select-list
 * positions ({@link OrderedSetAggregates#withoutSortByOrdinal}). A sort key that is a number constant
 * ({@code SELECT 3 AS k … ORDER BY k}) would then be written as {@code ORDER BY 3}, which the store reads as the third
 * column; a constant orders nothing, so it is left out. A number that is a position Calcite still writes (an item
 * named like another item's alias) is kept.
 */
final class StoreOrderBy {
  private StoreOrderBy() {
  }

  /** {@code select} without its number-constant sort keys, in place. */
  static void withoutConstantKeys(SqlSelect select) {
    Objects.requireNonNull(select, "select");
    SqlNodeList order = select.getOrderList();
    if (order == null || order.isEmpty()) {
      return;
    }
    SqlNodeList kept = new SqlNodeList(order.getParserPosition());
    for (SqlNode item : order) {
      if (!(key(item) instanceof SqlNumericLiteral number) || isPosition(number, select.getSelectList())) {
        kept.add(item);
      }
    }
    if (kept.size() != order.size()) {
      select.setOrderBy(kept.isEmpty() ? null : kept);
    }
  }

  /** The key of an ORDER BY item, under its DESC and NULLS FIRST/LAST. */
  private static SqlNode key(SqlNode item) {
    SqlNode key = item;
    while (key instanceof SqlCall call && (key.getKind() == SqlKind.DESCENDING || key.getKind() == SqlKind.NULLS_FIRST
        || key.getKind() == SqlKind.NULLS_LAST)) {
      key = call.operand(0);
    }
    return key;
  }

  /**
   * Whether {@code number} is a position Calcite wrote: the select item there is a column named like another item's
   * alias (which the store would take for that item).
   */
  private static boolean isPosition(SqlNumericLiteral number, SqlNodeList selectList) {
    if (selectList == null || !number.isInteger()) {
      return false;
    }
    int position = number.intValue(true);
    if (position < 1 || position > selectList.size()) {
      return false;
    }
    SqlNode item = selectList.get(position - 1);
    SqlNode expression = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
    if (!(expression instanceof SqlIdentifier column)) {
      return false;
    }
    String name = column.names.get(column.names.size() - 1);
    for (int i = 0; i < selectList.size(); i++) {
      if (i != position - 1 && name.equalsIgnoreCase(SqlValidatorUtil.alias(selectList.get(i), i))) {
        return true;
      }
    }
    return false;
  }
}
