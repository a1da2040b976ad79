package org.marketingsql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses {@code TABLESAMPLE SYSTEM (p)} and {@code BERNOULLI (p)} with PostgreSQL's 0A000 (feature not supported), once
 * the statement is validated and what it reads is allowed (a sample of a table the user may not read stays 42501):
 * Calcite's JDBC adapter cannot send a sample to the store and Calcite has no sample of its own to run, so the
 * planner failed with a dump of its state. Public: the driver's validator calls it.
 */
public final class PgTableSample extends SqlBasicVisitor<Void> {
  private PgTableSample() {
  }

  /** {@code node} as it is, unless it samples a table; null stays null. */
  public static <T extends SqlNode> T refuse(T node) {
    if (node != null) {
      node.accept(new PgTableSample());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call.getKind() == SqlKind.TABLESAMPLE) {
      throw new PgSqlException("0A000", "TABLESAMPLE is not supported; filter the rows instead, e.g. WHERE random() < 0.5");
    }
    return super.visit(call);
  }
}
