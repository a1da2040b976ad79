package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Util;

/**
 * Which result columns of a validated statement are PostgreSQL's {@code character varying} although computed: a
 * select item that is a cast to {@code varchar} ({@code CAST(x AS varchar)}, {@code x::varchar(3)},
 * {@code CAST(x AS character varying)}), or a column of a sub-query, CTE or derived table whose item is one; of a set
 * operation, when every branch's item is one but those that are a string literal or NULL, which take the other
 * branches' type. Calcite types {@code text} and {@code varchar} alike (VARCHAR), so the cast as written tells them
 * apart: {@code ::text}, a function's text and a literal stay {@code text}, as in PostgreSQL. Only the result
 * column's type changes, not the value.
 */
public final class PgVarcharColumns {
  /** Deeper than any sensible chain of sub-queries: below, a column is taken as text. */
  private static final int MAX_DEPTH = 64;

  private final SqlValidator validator;

  private PgVarcharColumns(SqlValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /**
   * Per result column of {@code validated} (its select list as the validator expanded it): "true" for a cast to
   * {@code varchar}, "false" otherwise; empty when {@code validated} is not a query.
   */
  public static List<String> of(SqlValidator validator, SqlNode validated) {
    List<SqlSelect> branches = PgTimestamptzTypes.branches(validated);
    if (branches.isEmpty() || branches.get(0).getSelectList() == null) {
      return List.of();
    }
    PgVarcharColumns columns = new PgVarcharColumns(validator);
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < branches.get(0).getSelectList().size(); i++) {
      kinds.add(String.valueOf(columns.varchar(branches, i, 0)));
    }
    return Collections.unmodifiableList(kinds);
  }

  /** Whether the {@code index}-th column of the query of {@code branches} is varchar: PostgreSQL's set operation's type. */
  private boolean varchar(List<SqlSelect> branches, int index, int depth) {
    boolean cast = false;
    for (SqlSelect branch : branches) {
      SqlNodeList items = branch.getSelectList();
      SqlNode item = items == null || index >= items.size() ? null : unaliased(items.get(index));
      if (item != null && (isVarcharCast(item) || item instanceof SqlIdentifier id && column(id, branch, depth))) {
        cast = true;
      } else if (item == null || !(item instanceof SqlCharStringLiteral) && !SqlUtil.isNullLiteral(item, true)) {
        return false;
      }
    }
    return cast;
  }

  /** Whether {@code id}, a column {@code select} reads, is a sub-query's, CTE's or derived table's varchar column. */
  private boolean column(SqlIdentifier id, SqlSelect select, int depth) {
    if (id.isStar() || depth > MAX_DEPTH) {
      return false;
    }
    SqlValidatorNamespace namespace;
    String name;
    try {
      SqlValidatorScope scope = validator.getSelectScope(select);
      SqlQualified qualified = scope.fullyQualify(id);
      if (qualified == null || qualified.namespace == null || qualified.suffix().isEmpty()) {
        return false;
      }
      namespace = qualified.namespace.resolve();
      name = Util.last(qualified.suffix());
      if (namespace.getTable() != null) {
        return false; // a table's or view's column is sent as it is declared
      }
      SqlNode source = namespace.getNode();
      List<SqlSelect> branches = PgTimestamptzTypes.branches(source instanceof SqlWithItem item ? item.query : source);
      int index = namespace.getRowType().getFieldNames().indexOf(name);
      return index >= 0 && !branches.isEmpty() && branches.get(0).getSelectList() != null
          && branches.get(0).getSelectList().size() == namespace.getRowType().getFieldCount()
          && varchar(branches, index, depth + 1);
    } catch (RuntimeException notAColumn) {
      return false;
    }
  }

  /** {@code item} without its alias. */
  private static SqlNode unaliased(SqlNode item) {
    return item.getKind() == SqlKind.AS && item instanceof SqlCall as ? as.operand(0) : item;
  }

  /**
   * Whether {@code node} is a CAST to Calcite's VARCHAR written as such (not {@code text}) in the statement: the casts
   * the validator inserts itself to give a set operation's branches one type name a type of no position in the text.
   */
  private static boolean isVarcharCast(SqlNode node) {
    if (node.getKind() != SqlKind.CAST || !(node instanceof SqlCall cast) || cast.operandCount() != 2
        || !(cast.operand(1) instanceof SqlDataTypeSpec spec) || spec.getParserPosition().getLineNum() <= 0) {
      return false;
    }
    return spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic && !(basic instanceof PgTypeNameSpec)
        && basic.getTypeName().isSimple() && SqlTypeName.VARCHAR.name().equalsIgnoreCase(basic.getTypeName().getSimple());
  }
}
