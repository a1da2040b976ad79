package org.marketingsql.schema;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlDialect;

/**
 * The store's convention: Calcite's JDBC rules, except that a project which reads a collection (an array) of the row a
 * correlation stands for stays above the store. Calcite would send the store {@code SELECT ?} with the array as the
 * parameter, which neither DuckDB's nor PostgreSQL's JDBC driver binds ("Unsupported parameter type"): so it was for
 * {@code information_schema._pg_expandarray(ARRAY[o.a, o.b])} or {@code UNNEST(ARRAY[o.a])} beside a table {@code o}
 * in FROM, which ODBC's key queries write. The project computes nothing the store would, so nothing is lost.
 *
 * <p>And a grouping (GROUP BY, or the DISTINCT Calcite makes one of) whose key is a window function's result stays
 * above the store, its input (the window) in it: Calcite's SQL writer would merge the two into one level,
 * {@code GROUP BY RANK() OVER (…)}, which DuckDB and PostgreSQL both refuse ("window functions are not allowed in
 * GROUP BY"). An aggregate of a window's result is already written over a sub-query
 * ({@code supportsNestedAggregations} of the dialects).
 */
final class StoreConvention extends JdbcConvention {
  StoreConvention(SqlDialect dialect, Expression expression) {
    super(dialect, expression, "store");
  }

  /**
   * As Calcite's, with the project rule that keeps such projects above the store ({@link StoreProjectRule}) and the
   * aggregate rule that keeps a grouping by a window's result above it ({@link StoreAggregateRule}).
   */
  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      if (rule instanceof JdbcRules.JdbcProjectRule project) {
        planner.addRule(new StoreProjectRule(project.config));
      } else if (rule instanceof JdbcRules.JdbcAggregateRule aggregate) {
        planner.addRule(new StoreAggregateRule(aggregate.config));
      } else {
        planner.addRule(rule);
      }
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

  /** Calcite's rule that puts an aggregate in the store, for no aggregate grouped by a window function's result. */
  private static final class StoreAggregateRule extends JdbcRules.JdbcAggregateRule {
    StoreAggregateRule(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return groupsByWindow((Aggregate) rel) ? null : super.convert(rel);
    }

    /** Whether a project the aggregate's input is (any of its equivalents) computes a group key with OVER. */
    private static boolean groupsByWindow(Aggregate aggregate) {
      RelNode input = aggregate.getInput();
      for (RelNode candidate : input instanceof RelSubset subset ? subset.getRelList() : java.util.List.of(input)) {
        if (candidate instanceof Project project) {
          for (int key : aggregate.getGroupSet()) {
            if (RexOver.containsOver(project.getProjects().get(key))) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }
}
