package org.marketingsql.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.Resources;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.IdentifierNamespace;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.marketingsql.sql.PgSignatures;
import org.marketingsql.sql.PgValidationError;

/**
 * The validator of a statement as its user wrote it. Once the statement is validated, every name in it
 * is resolved, and every FROM item of every query in it, at any depth and in any clause, is one of the
 * validator's namespaces: each one that is a table or view is checked, with every table the catalog
 * reader handed out and every routine a function name could mean ({@link ReadCheck}). A view is checked
 * as itself, not by what its definition reads: views are expanded later, by validators of their own.
 */
final class CheckingValidator extends CalciteSqlValidator {
  private final RecordingCatalogReader reader;
  private final ReadCheck check;
  private List<String> resultNames = List.of();
  private List<String> timestamptz = List.of();
  private List<String> oidTypes = List.of();
  private List<String> varchar = List.of();
  /** The calls of the statement as written whose function is named with its schema ({@code finance.f(…)}). */
  private List<List<String>> qualifiedCalls = List.of();

  CheckingValidator(SqlOperatorTable operators, RecordingCatalogReader reader, JavaTypeFactory typeFactory,
      Config config, ReadCheck check) {
    super(operators, Objects.requireNonNull(reader, "reader"), typeFactory, config);
    this.reader = reader;
    this.check = Objects.requireNonNull(check, "check");
  }

  /**
   * As Calcite validates an aggregate's arguments, but {@code percentile_disc(f) WITHIN GROUP (ORDER BY x)} takes an
   * {@code x} of any type, as PostgreSQL's does (a text, a date): Calcite takes numbers only, so its checks see a
   * number in the value's place, and the value is validated on its own.
   */
  @Override
  public void validateAggregateParams(SqlCall aggCall, SqlNode filter, SqlNodeList distinctList, SqlNodeList orderList,
      SqlValidatorScope scope) {
    if (aggCall.getOperator().getKind() == SqlKind.PERCENTILE_DISC && orderList != null && orderList.size() == 1) {
      SqlNode value = orderList.get(0);
      while (value.getKind() == SqlKind.DESCENDING || value.getKind() == SqlKind.NULLS_FIRST
          || value.getKind() == SqlKind.NULLS_LAST) {
        value = ((SqlCall) value).operand(0);
      }
      if (!SqlTypeUtil.isNumeric(deriveType(scope, value))) {
        SqlNodeList number = new SqlNodeList(List.of(SqlLiteral.createExactNumeric("0", value.getParserPosition())),
            orderList.getParserPosition());
        super.validateAggregateParams(aggCall, filter, distinctList, number, scope);
        return;
      }
    }
    super.validateAggregateParams(aggCall, filter, distinctList, orderList, scope);
  }

  /**
   * Calcite's "Invalid number of arguments to function …" of a call whose arguments' types are known, as PostgreSQL
   * says it: {@code function upper(text, text) does not exist} (42883), as for any call no signature takes.
   */
  @Override
  public CalciteContextException newValidationError(SqlNode node,
      Resources.ExInst<SqlValidatorException> e) {
    if (node instanceof SqlCall call && call.getOperator() instanceof SqlFunction
        && e.str().startsWith("Invalid number of arguments to function")) {
      List<RelDataType> types = new ArrayList<>();
      for (SqlNode operand : call.getOperandList()) {
        RelDataType type = operand == null ? null : getValidatedNodeTypeIfKnown(operand);
        if (type == null) {
          return super.newValidationError(node, e);
        }
        types.add(type);
      }
      return PgSignatures.noSuchFunction(call.getParserPosition(),
          PgValidationError.noSuchFunction(call.getOperator().getName(), types));
    }
    return super.newValidationError(node, e);
  }

  @Override
  public SqlNode validate(SqlNode topNode) {
    check.statement(topNode.getKind());
    // named before validating: the validator rewrites calls (COALESCE into CASE) and expands the select list
    resultNames = topNode.isA(org.apache.calcite.sql.SqlKind.QUERY) ? PgColumnNames.of(topNode) : List.of();
    PgColumnNames.nameNestedQueries(topNode);
    PeerRanks.rewrite(topNode);
    qualifiedCalls = qualifiedCalls(topNode);
    SqlNode validated;
    try {
      validated = super.validate(topNode);
    } catch (RuntimeException failed) {
      // a failing statement that reaches for what it may not read is refused, not answered with
      // the failure, which could tell what a schema it may not read holds
      try {
        checkReads(true);
      } catch (AccessDeniedException refused) {
        refused.addSuppressed(failed);
        throw refused;
      }
      throw failed;
    }
    checkReads(false);
    org.marketingsql.sql.PgTableSample.refuse(validated);
    // once every name is resolved: a column of a sub-query or CTE is a timestamptz when its defining item is one
    timestamptz = validated.isA(org.apache.calcite.sql.SqlKind.QUERY)
        ? org.marketingsql.sql.PgTimestamptzTypes.retype(this, validated) : List.of();
    oidTypes = validated.isA(org.apache.calcite.sql.SqlKind.QUERY)
        ? org.marketingsql.sql.PgOidTypes.of(this, validated) : List.of();
    varchar = validated.isA(org.apache.calcite.sql.SqlKind.QUERY)
        ? org.marketingsql.sql.PgVarcharColumns.of(this, validated) : List.of();
    return validated;
  }

  /**
   * PostgreSQL's names for the statement's result columns ({@link PgColumnNames}), one per select item as written,
   * null for a {@code *} item; empty before validation or when the statement is not a query.
   */
  List<String> resultNames() {
    return resultNames;
  }

  /** Per result column: "true" for a timestamptz, "false" otherwise; empty before validation or for no query. */
  List<String> timestamptz() {
    return timestamptz;
  }

  /** Per result column: its OID type's name ({@link org.marketingsql.sql.PgOidTypes}), or empty; empty for no query. */
  List<String> oidTypes() {
    return oidTypes;
  }

  /** Per result column: "true" for a cast to varchar ({@link org.marketingsql.sql.PgVarcharColumns}); empty for no query. */
  List<String> varchar() {
    return varchar;
  }

  private void checkReads(boolean failed) {
    for (SqlValidatorNamespace namespace : namespaces.values()) {
      if (namespace instanceof IdentifierNamespace identifier && !resolved(identifier)) {
        if (!failed) {
          throw check.unplaced(identifier.getId().toString());
        }
        check.unresolved(identifier.getId().names, reader.defaultSchema());
        continue;
      }
      SqlValidatorTable table = namespace.getTable();
      if (table != null) {
        check.table(table.getQualifiedName(), table.unwrap(Table.class));
      }
    }
    reader.tables().forEach(t -> check.table(t.path(), t.table()));
    reader.routines().forEach(r -> check.routine(r.schemaPath(), r.name(), r.function()));
    if (failed) {
      qualifiedCalls.forEach(check::unresolvedFunction);
    }
  }

  /**
   * The schema-qualified names of the functions {@code node} calls, as written. Only calls count: while it looks for
   * a column that is not there, the validator also looks for a function by the column's qualified name
   * ({@code orders.order_id}), which names no schema.
   */
  private static List<List<String>> qualifiedCalls(SqlNode node) {
    List<List<String>> names = new ArrayList<>();
    node.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getOperator() instanceof org.apache.calcite.sql.SqlUnresolvedFunction function
            && function.getNameAsId().names.size() > 1) {
          names.add(List.copyOf(function.getNameAsId().names));
        }
        return super.visit(call);
      }
    });
    return names;
  }

  private static boolean resolved(IdentifierNamespace identifier) {
    try {
      identifier.resolve();
      return true;
    } catch (IllegalStateException notYet) {
      return false;
    }
  }
}
