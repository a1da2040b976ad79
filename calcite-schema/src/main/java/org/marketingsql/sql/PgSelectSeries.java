package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * PostgreSQL's set-returning {@code generate_series} in a select list without FROM, {@code SELECT generate_series(1, 3)}
 * (with constants beside it, an alias or not): the same rows as {@code SELECT s.generate_series FROM generate_series(1, 3)
 * AS s(generate_series)}, a column named {@code generate_series} as in PostgreSQL; so is {@code unnest} of one array,
 * {@code SELECT unnest(ARRAY['a','b']) AS x, 1}, its column named {@code unnest} or its alias. Any other use in a
 * select list (beside a FROM, twice, inside an expression) is refused with 0A000, as PostgreSQL's rules for those are
 * not followed here.
 */
final class PgSelectSeries extends SqlBasicVisitor<Void> {
  static final String NAME = "generate_series";
  /** {@code unnest} of one array, whose name {@link PgFromFunctions} quotes in a select list. */
  static final String UNNEST = "unnest";
  private static final String ALIAS = "$series";

  private PgSelectSeries() {
  }

  /** {@code node} with its select-list series as series in FROM; null stays null. */
  static <T extends SqlNode> T apply(T node) {
    if (node != null) {
      node.accept(new PgSelectSeries());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select && select.getSelectList() != null) {
      fromSeries(select);
    }
    return super.visit(call);
  }

  private static void fromSeries(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    int series = -1;
    boolean others = false;
    for (int i = 0; i < items.size(); i++) {
      SqlNode expression = expression(items.get(i));
      if (isSeries(expression)) {
        if (series >= 0) {
          throw refused();
        }
        series = i;
      } else if (mentionsSeries(expression)) {
        throw refused();
      } else if (!constant(expression)) {
        others = true;
      }
    }
    if (series < 0) {
      return;
    }
    if (others || select.getFrom() != null) {
      throw refused();
    }
    SqlNode item = items.get(series);
    SqlParserPos pos = item.getParserPosition();
    SqlCall function = (SqlCall) expression(item);
    String name = isUnnest(function) ? UNNEST : NAME;
    SqlNode column = new SqlIdentifier(List.of(ALIAS, name), pos);
    List<SqlNode> newItems = new ArrayList<>(items.getList());
    newItems.set(series, item.getKind() == SqlKind.AS
        ? SqlStdOperatorTable.AS.createCall(pos, column, ((SqlCall) item).operand(1))
        : SqlStdOperatorTable.AS.createCall(pos, column, new SqlIdentifier(name, pos)));
    select.setSelectList(new SqlNodeList(newItems, items.getParserPosition()));
    SqlNode rows = isUnnest(function) ? SqlStdOperatorTable.UNNEST.createCall(pos, (SqlNode) function.operand(0))
        : SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, function);
    select.setFrom(SqlStdOperatorTable.AS.createCall(pos, rows, new SqlIdentifier(ALIAS, pos),
        new SqlIdentifier(name, pos)));
  }

  /** A literal, or a call of literals ({@code -1}, {@code 'a' || 'b'}). */
  private static boolean constant(SqlNode node) {
    return node instanceof SqlLiteral || node instanceof SqlBasicCall call
        && call.getOperandList().stream().allMatch(o -> o != null && constant(o));
  }

  private static SqlNode expression(SqlNode item) {
    return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
  }

  private static boolean isSeries(SqlNode node) {
    return node instanceof SqlBasicCall call && call.getOperator() instanceof SqlUnresolvedFunction function
        && function.getNameAsId().names.size() == 1 && function.getName().toLowerCase(Locale.ROOT).equals(NAME)
        || isUnnest(node);
  }

  /** The quoted {@code "unnest"(array)} {@link PgFromFunctions} writes for a select list's unnest. */
  private static boolean isUnnest(SqlNode node) {
    return node instanceof SqlBasicCall call && call.getOperator() instanceof SqlUnresolvedFunction function
        && function.getNameAsId().names.size() == 1 && function.getName().equals(UNNEST) && call.operandCount() == 1;
  }

  private static boolean mentionsSeries(SqlNode node) {
    if (isSeries(node)) {
      return true;
    }
    if (node instanceof SqlSelect) {
      return false; // a sub-query's own select list
    }
    return node instanceof SqlCall call && call.getOperandList().stream().anyMatch(o -> o != null && mentionsSeries(o));
  }

  private static PgSqlException refused() {
    return new PgSqlException("0A000", "generate_series() in a select list (and unnest()) is supported only as its only"
        + " item without FROM (constants may stand beside it); call it in FROM: SELECT g FROM generate_series(1, 3) AS g");
  }
}
