package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.util.Util;

/**
 * Which integer result columns of a validated statement are PostgreSQL's object identifiers, and of which type
 * ({@code oid}, {@code regclass}, {@code regtype} …), by where each comes from: a call of one of the
 * {@link #CASTS} functions (what the PostgreSQL port makes of {@code x::regclass} and its kin), or a column of a
 * catalog table that declares the type ({@link Declared}), read straight or through sub-queries, CTEs and derived
 * tables ({@code SELECT x.oid::regclass FROM (SELECT oid FROM pg_class) x}). The values stay integers, which compare
 * and join with OIDs as PostgreSQL's do; only the result column's type, and so how the port writes it, changes.
 */
public final class PgOidTypes {
  /**
   * The functions casts to PostgreSQL's OID types are calls of, by name in lower case, with the type each gives; and
   * the port's {@code xid_value}, a catalog table's system column {@code xmin}, an integer sent as {@code xid}.
   */
  public static final Map<String, String> CASTS = Map.of("regclass_oid", "regclass", "regtype_oid", "regtype",
      "regproc_oid", "regproc", "regprocedure_oid", "regprocedure", "regnamespace_oid", "regnamespace",
      "regrole_oid", "regrole", "xid_value", "xid");
  /** Deeper than any sensible chain of sub-queries: below, a value is taken as a number. */
  private static final int MAX_DEPTH = 64;

  /** A table whose integer columns PostgreSQL declares as one of its OID types. */
  public interface Declared {
    /** The PostgreSQL type of {@code column} ({@code oid} …) when it is an OID type; null otherwise. */
    String oidType(String column);
  }

  private final SqlValidator validator;

  private PgOidTypes(SqlValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /**
   * Per result column of {@code validated} (its select list as the validator expanded it; a set operation's first
   * branch): the OID type's name, or an empty text for any other value; empty when {@code validated} is not a query.
   */
  public static List<String> of(SqlValidator validator, SqlNode validated) {
    PgOidTypes types = new PgOidTypes(validator);
    SqlSelect select = firstBranch(validated, 0);
    if (select == null || select.getSelectList() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    SqlValidatorScope scope = types.scope(select);
    for (SqlNode item : select.getSelectList()) {
      out.add(Objects.requireNonNullElse(types.type(item, scope, 0), ""));
    }
    return Collections.unmodifiableList(out);
  }

  private String type(SqlNode node, SqlValidatorScope scope, int depth) {
    if (node == null || depth > MAX_DEPTH) {
      return null;
    }
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? null : column(id, scope, depth);
    }
    if (!(node instanceof SqlBasicCall call)) {
      return null;
    }
    if (call.getKind() == SqlKind.AS) {
      return type(call.operand(0), scope, depth + 1);
    }
    return CASTS.get(call.getOperator().getName().toLowerCase(Locale.ROOT));
  }

  /** The OID type of the column {@code id} names: a sub-query's when its item is one, a declaring table's. */
  private String column(SqlIdentifier id, SqlValidatorScope scope, int depth) {
    if (scope == null) {
      return null;
    }
    SqlValidatorNamespace namespace;
    SqlQualified qualified;
    try {
      qualified = scope.fullyQualify(id);
      if (qualified == null || qualified.namespace == null || qualified.suffix().isEmpty()) {
        return null;
      }
      namespace = qualified.namespace.resolve();
    } catch (RuntimeException notAColumn) {
      return null;
    }
    String name = Util.last(qualified.suffix());
    SqlValidatorTable table = namespace.getTable();
    if (table != null) {
      Declared declared = table.unwrap(Declared.class);
      return declared == null ? null : declared.oidType(name);
    }
    SqlNode source = namespace.getNode();
    if (source instanceof SqlWithItem item) {
      source = item.query;
    }
    SqlSelect select = firstBranch(source, 0);
    if (select == null || select.getSelectList() == null) {
      return null;
    }
    int index;
    try {
      index = namespace.getRowType().getFieldNames().indexOf(name);
    } catch (RuntimeException noRowType) {
      return null;
    }
    SqlNodeList items = select.getSelectList();
    if (index < 0 || items.size() != namespace.getRowType().getFieldCount()) {
      return null;
    }
    return type(items.get(index), scope(select), depth + 1);
  }

  private SqlValidatorScope scope(SqlSelect select) {
    try {
      return validator.getSelectScope(select);
    } catch (RuntimeException notValidated) {
      return null;
    }
  }

  /** The query that gives {@code node} its columns, through ORDER BY, WITH and a set operation's first branch. */
  private static SqlSelect firstBranch(SqlNode node, int depth) {
    if (node == null || depth > MAX_DEPTH) {
      return null;
    }
    if (node instanceof SqlOrderBy orderBy) {
      return firstBranch(orderBy.query, depth + 1);
    }
    if (node instanceof SqlWith with) {
      return firstBranch(with.body, depth + 1);
    }
    if (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT || node.getKind() == SqlKind.EXCEPT) {
      return firstBranch(((SqlCall) node).operand(0), depth + 1);
    }
    return node instanceof SqlSelect select ? select : null;
  }
}
