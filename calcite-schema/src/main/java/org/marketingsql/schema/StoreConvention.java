package org.marketingsql.schema;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlDialect;

/**
 * The store's convention: Calcite's JDBC rules, except that a project which reads a collection (an array) of the row a
 * correlation stands for stays above the store. Calcite would send the store {@code SELECT ?} with the array as the
 * parameter, which neither DuckDB's nor PostgreSQL's JDBC driver binds ("Unsupported parameter type"): so it was for
 * {@code information_schema._pg_expandarray(ARRAY[o.a, o.b])} or {@code UNNEST(ARRAY[o.a])} beside a table {@code o}
 * in FROM, which ODBC's key queries write. The project computes nothing the store would, so nothing is lost.
 */
final class StoreConvention extends JdbcConvention {
  StoreConvention(SqlDialect dialect, Expression expression) {
    super(dialect, expression, "store");
  }

  /** As Calcite's, with the project rule that keeps such projects above the store ({@link StoreProjectRule}). */
  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      planner.addRule(rule instanceof JdbcRules.JdbcProjectRule project ? new StoreProjectRule(project.config) : rule);
    }
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
  }

  /** Calcite's rule that puts a project in the store, for no project that reads a correlated collection. */
  private static final class StoreProjectRule extends JdbcRules.JdbcProjectRule {
    StoreProjectRule(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return readsCorrelatedCollection((Project) rel) ? null : super.convert(rel);
    }

    private static boolean readsCorrelatedCollection(Project project) {
      boolean[] found = {false};
      RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
        @Override
        public Void visitFieldAccess(RexFieldAccess access) {
          found[0] |= access.getReferenceExpr() instanceof RexCorrelVariable && access.getType().getComponentType() != null;
          return super.visitFieldAccess(access);
        }
      };
      for (RexNode e : project.getProjects()) {
        e.accept(finder);
      }
      return found[0];
    }
  }
}
