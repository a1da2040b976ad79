package org.marketingsql.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Util;

/**
 * Which values of a validated statement are PostgreSQL's {@code timestamp with time zone}, by where each comes
 * from rather than by how it is written: a column of a sub-query, a CTE or a derived table is a timestamptz when
 * the item that defines it is one ({@code WITH t AS (SELECT x::timestamptz AS ts …) SELECT ts AT TIME ZONE 'UTC'
 * FROM t}). A timestamptz is held as a TIMESTAMP, the session's local time of its instant (see
 * {@link PgTimeZones}), so comparisons with timestamps and dates, {@code date_trunc} and casts to
 * {@code timestamp} or {@code date} already have PostgreSQL's results; what depends on knowing it is
 * {@code AT TIME ZONE}'s direction and the result column's type (OID 1184 on the PostgreSQL port).
 *
 * <p>{@link #retype} runs once the validator has resolved every name: it gives each {@code AT TIME ZONE} the
 * direction of its operand's kind and tells which result columns are timestamptz.
 */
public final class PgTimestamptzTypes {
  /** Deeper than any sensible chain of sub-queries: below, a value is taken as a timestamp. */
  private static final int MAX_DEPTH = 64;

  private final SqlValidator validator;

  private PgTimestamptzTypes(SqlValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /**
   * Sets the direction of every {@code AT TIME ZONE} in {@code validated} by whether its operand is a
   * timestamptz, then returns, per result column of {@code validated} (its select list as the validator
   * expanded it, a set operation's first branch), "true" for a timestamptz and "false" otherwise; empty when
   * {@code validated} is not a query.
   */
  public static List<String> retype(SqlValidator validator, SqlNode validated) {
    PgTimestamptzTypes types = new PgTimestamptzTypes(validator);
    validated.accept(types.new Directions());
    List<SqlSelect> branches = branches(validated);
    if (branches.isEmpty() || branches.get(0).getSelectList() == null) {
      return List.of();
    }
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < branches.get(0).getSelectList().size(); i++) {
      kinds.add(String.valueOf(types.anyBranch(branches, i, 0)));
    }
    return Collections.unmodifiableList(kinds);
  }

  /**
   * Whether the {@code index}-th item of any of {@code branches} (a set operation's, or one query's) is a
   * timestamptz: PostgreSQL gives a UNION, INTERSECT or EXCEPT of a timestamptz and a timestamp or a date the type
   * timestamptz, whichever branch holds it.
   */
  private boolean anyBranch(List<SqlSelect> branches, int index, int depth) {
    for (SqlSelect branch : branches) {
      SqlNodeList items = branch.getSelectList();
      if (items != null && index < items.size() && isTimestamptz(items.get(index), selectScope(branch), branch, depth)) {
        return true;
      }
    }
    return false;
  }

  /** Walks the statement, each {@code AT TIME ZONE} after its operands, in the scope of its query. */
  private final class Directions extends SqlBasicVisitor<Void> {
    private final Deque<SqlSelect> selects = new ArrayDeque<>();

    @Override
    public Void visit(SqlCall call) {
      if (call instanceof SqlSelect select) {
        selects.push(select);
        try {
          return super.visit(call);
        } finally {
          selects.pop();
        }
      }
      super.visit(call);
      SqlOperator operator = call.getOperator();
      if (call.getKind() == SqlKind.CAST && call.operandCount() == 2 && call instanceof SqlBasicCall cast) {
        text(cast);
        return null;
      }
      if (operator == PgTypeof.INSTANCE && call.operandCount() == 1 && call instanceof SqlBasicCall typeof) {
        SqlSelect select = selects.peek();
        if (isTimestamptz(call.operand(0), select == null ? null : selectScope(select), select, 0)) {
          typeof.setOperator(PgTypeof.OF_TIMESTAMPTZ);
        }
        return null;
      }
      if ((operator == PgOperators.TO_CHAR || operator == PgOperators.TO_CHAR_ABOVE_STORE) && call.operandCount() == 2
          && call instanceof SqlBasicCall toChar) {
        SqlSelect select = selects.peek();
        if (isTimestamptz(call.operand(0), select == null ? null : selectScope(select), select, 0)) {
          toChar.setOperator(PgTimeZones.TIMESTAMPTZ_TO_CHAR);
        } else if (operator == PgOperators.TO_CHAR && isNumber(call.operand(0))) {
          // a number's template that reads as a date's too ('9G999D99'): only Calcite writes numbers
          toChar.setOperator(PgOperators.TO_CHAR_ABOVE_STORE);
        }
        return null;
      }
      if ((operator == PgTimeZones.FROM_ZONE || operator == PgTimeZones.TO_ZONE) && call.operandCount() == 2
          && call instanceof SqlBasicCall basic) {
        SqlSelect select = selects.peek();
        SqlValidatorScope scope = select == null ? null : selectScope(select);
        basic.setOperator(isTimestamptz(call.operand(1), scope, select, 0) ? PgTimeZones.TO_ZONE
            : PgTimeZones.FROM_ZONE);
      }
      return null;
    }

    /**
     * {@code ts::text} of a timestamptz as PostgreSQL writes it, with the session's offset: the cast's operand
     * becomes {@link PgTimeZones#TIMESTAMPTZ_TEXT} of it, typed as the validator would have typed it. Of a timestamp
     * no column gives (a literal, {@code LOCALTIMESTAMP}), which Calcite would write to its type's precision, often
     * whole seconds, it becomes {@link PgTimeZones#LOCAL_TEXT}, with the fraction; a column's is the store's
     * cast, which writes the fraction as PostgreSQL does.
     */
    private void text(SqlBasicCall cast) {
      SqlSelect select = selects.peek();
      SqlValidatorScope scope = select == null ? null : selectScope(select);
      RelDataType type;
      RelDataType operandType;
      try {
        type = validator.getValidatedNodeType(cast);
        operandType = validator.getValidatedNodeType(cast.operand(0));
      } catch (RuntimeException notTyped) {
        return;
      }
      if (scope == null || !SqlTypeUtil.inCharFamily(type)) {
        return;
      }
      SqlOperator writer;
      if (isTimestamptz(cast.operand(0), scope, select, 0)) {
        writer = PgTimeZones.TIMESTAMPTZ_TEXT;
      } else if (operandType.getSqlTypeName() == SqlTypeName.TIMESTAMP && !readsColumn(cast.operand(0))) {
        writer = PgTimeZones.LOCAL_TEXT;
      } else {
        return;
      }
      SqlNode text = writer.createCall(cast.operand(0).getParserPosition(), (SqlNode) cast.operand(0));
      try {
        validator.deriveType(scope, text);
      } catch (RuntimeException notTyped) {
        return; // the cast stays as it is: the local time, without the offset
      }
      cast.setOperand(0, text);
    }
  }

  /** Whether the validator typed {@code node} as a number. */
  private boolean isNumber(SqlNode node) {
    try {
      return SqlTypeUtil.isNumeric(validator.getValidatedNodeType(node));
    } catch (RuntimeException notTyped) {
      return false;
    }
  }

  /** Whether {@code node} names a column anywhere in it. */
  private static boolean readsColumn(SqlNode node) {
    boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        found[0] = true;
        return null;
      }
    });
    return found[0];
  }

  /**
   * Whether {@code node}, read in {@code scope} (null: no names) of the query {@code select} (null: none), gives a
   * timestamptz in PostgreSQL; a name no column answers to may be an alias of {@code select}'s items, as in its
   * ORDER BY.
   */
  private boolean isTimestamptz(SqlNode node, SqlValidatorScope scope, SqlSelect select, int depth) {
    if (depth > MAX_DEPTH || node == null) {
      return false;
    }
    if (node instanceof SqlIdentifier id) {
      return !id.isStar() && (column(id, scope, depth) || alias(id, select, depth));
    }
    if (!(node instanceof SqlBasicCall call)) {
      return false;
    }
    SqlOperator operator = call.getOperator();
    if (operator == PgTimeZones.TIMESTAMPTZ || operator == PgTextOperators.NOW
        || operator == PgTextOperators.CURRENT_TIMESTAMP || operator == PgTextOperators.CLOCK_TIMESTAMP
        || operator == PgOperators.TO_TIMESTAMP) {
      return true;
    }
    if (operator == PgTimeZones.FROM_ZONE || operator == PgTimeZones.TO_ZONE) {
      // a timestamp read in a zone is an instant; an instant's local time in a zone is a timestamp
      return call.operandCount() == 2 && !isTimestamptz(call.operand(1), scope, select, depth + 1);
    }
    if (operator == PgOperators.DATE_TRUNC) {
      // PostgreSQL truncates a date as the timestamptz of its midnight, which the store's timestamp already is
      return call.operandCount() == 2 && (isDate(call.operand(1)) || isTimestamptz(call.operand(1), scope, select,
          depth + 1));
    }
    SqlKind kind = call.getKind();
    if (kind == SqlKind.AS || kind == SqlKind.MIN || kind == SqlKind.MAX || kind == SqlKind.OVER) {
      return isTimestamptz(call.operand(0), scope, select, depth + 1);
    }
    boolean plus = operator == PgDateArithmetic.PLUS || kind == SqlKind.PLUS;
    boolean minus = operator == PgDateArithmetic.MINUS || kind == SqlKind.MINUS;
    if ((plus || minus) && call.operandCount() == 2) {
      // an instant plus or minus an interval is an instant; the difference of two instants is an interval
      boolean left = isTimestamptz(call.operand(0), scope, select, depth + 1);
      boolean right = isTimestamptz(call.operand(1), scope, select, depth + 1);
      return plus ? left || right : left && !right;
    }
    if (kind == SqlKind.COALESCE || kind == SqlKind.CASE) {
      return call.getOperandList().stream().anyMatch(o -> isTimestamptz(o, scope, select, depth + 1));
    }
    return false;
  }

  /**
   * Whether the column {@code id} names is a timestamptz: a column of a sub-query, CTE or derived table when the
   * item that gives it is one; a table's or view's column never (the store holds timestamps).
   */
  private boolean column(SqlIdentifier id, SqlValidatorScope scope, int depth) {
    if (scope == null) {
      return false;
    }
    SqlQualified qualified;
    try {
      qualified = scope.fullyQualify(id);
    } catch (RuntimeException notAColumn) {
      return false;
    }
    if (qualified == null || qualified.namespace == null || qualified.suffix().isEmpty()) {
      return false;
    }
    SqlValidatorNamespace namespace;
    try {
      namespace = qualified.namespace.resolve();
    } catch (RuntimeException unresolved) {
      return false;
    }
    SqlNode source = namespace.getNode();
    if (source instanceof SqlWithItem item) {
      source = item.query;
    }
    SqlCall series = series(source);
    if (series != null) {
      // PostgreSQL's generate_series of dates is its timestamptz form; the store's timestamps are their midnights
      return isDate(series.operand(0)) || isTimestamptz(series.operand(0), scope, null, depth + 1);
    }
    List<SqlSelect> branches = branches(source);
    if (branches.isEmpty() || branches.get(0).getSelectList() == null) {
      return false;
    }
    SqlSelect select = branches.get(0);
    int index;
    try {
      index = namespace.getRowType().getFieldNames().indexOf(Util.last(qualified.suffix()));
    } catch (RuntimeException noRowType) {
      return false;
    }
    SqlNodeList items = select.getSelectList();
    if (index < 0 || index >= items.size() || index >= namespace.getRowType().getFieldCount()
        || items.size() != namespace.getRowType().getFieldCount()) {
      return false;
    }
    return anyBranch(branches, index, depth + 1);
  }

  /** The {@code generate_series(start, stop, interval)} call {@code source} reads, as a FROM item holds it; else null. */
  private static SqlCall series(SqlNode source) {
    SqlNode node = source;
    // through its alias ({@code AS g(d)}), LATERAL and TABLE(…)
    while (node instanceof SqlCall wrapper && wrapper.operandCount() >= 1 && (node.getKind() == SqlKind.AS
        || node.getKind() == SqlKind.LATERAL || node.getKind() == SqlKind.COLLECTION_TABLE)) {
      node = wrapper.operand(0);
    }
    return node instanceof SqlCall call && call.getOperator() == PgSetFunctions.GENERATE_SERIES
        && call.operandCount() == 3 ? call : null;
  }

  /** Whether the validator typed {@code node} as a DATE. */
  private boolean isDate(SqlNode node) {
    try {
      return validator.getValidatedNodeType(node).getSqlTypeName() == SqlTypeName.DATE;
    } catch (RuntimeException notTyped) {
      return false;
    }
  }

  /** Whether {@code id} is the alias of an item of {@code select} that is a timestamptz ({@code ORDER BY ts}). */
  private boolean alias(SqlIdentifier id, SqlSelect select, int depth) {
    if (select == null || select.getSelectList() == null || !id.isSimple()) {
      return false;
    }
    for (SqlNode item : select.getSelectList()) {
      if (item.getKind() == SqlKind.AS && item instanceof SqlCall as && as.operand(1) instanceof SqlIdentifier name
          && name.getSimple().equalsIgnoreCase(id.getSimple())) {
        return isTimestamptz(as.operand(0), selectScope(select), null, depth + 1);
      }
    }
    return false;
  }

  private SqlValidatorScope selectScope(SqlSelect select) {
    try {
      return validator.getSelectScope(select);
    } catch (RuntimeException notValidated) {
      return null;
    }
  }

  /**
   * The queries that give {@code node} its columns, through ORDER BY and WITH: one, or each SELECT branch of a set
   * operation, in order; empty when there is no SELECT.
   */
  static List<SqlSelect> branches(SqlNode node) {
    List<SqlSelect> branches = new ArrayList<>();
    return collect(node, branches, 0) ? branches : List.of();
  }

  private static boolean collect(SqlNode node, List<SqlSelect> branches, int depth) {
    if (node == null || depth > MAX_DEPTH) {
      return false;
    }
    if (node instanceof SqlOrderBy orderBy) {
      return collect(orderBy.query, branches, depth + 1);
    }
    if (node instanceof SqlWith with) {
      return collect(with.body, branches, depth + 1);
    }
    if (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT || node.getKind() == SqlKind.EXCEPT) {
      boolean any = false;
      for (SqlNode branch : ((SqlCall) node).getOperandList()) {
        any |= collect(branch, branches, depth + 1); // a VALUES branch holds no timestamptz
      }
      return any;
    }
    if (node instanceof SqlSelect select) {
      branches.add(select);
      return true;
    }
    return false;
  }
}
