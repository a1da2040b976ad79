package org.marketingsql.jdbc;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.marketingsql.sql.LenientParserFactory;
import org.marketingsql.sql.PgSessionTime;
import org.marketingsql.access.AccessDeniedException;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.access.CheckingPreparingStmt;
import org.marketingsql.access.ConnectionPolicies;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.CancelFlag;
import org.apache.calcite.util.Holder;

/**
 * Calcite's planner with one rule changed: {@code SUM(x)} stays {@code SUM(x)}. Calcite's default
 * rewrites it to {@code CASE WHEN COUNT(x) = 0 THEN NULL ELSE COALESCE(SUM(x), 0) END} when that
 * looks cheaper to its cost model, and the store then computes two aggregates instead of one (a
 * top-20-by-ROAS query with a HAVING ran about 15% slower in the store that way). Every store
 * computes SUM with the standard's NULL-on-no-rows meaning, so nothing is lost. The other
 * reductions (AVG, STDDEV, VAR, COVAR, REGR) stay as Calcite has them.
 *
 * <p>Every statement is prepared by a {@link CheckingPreparingStmt}: what it reads is checked against its
 * connection's {@link AccessPolicy} once validated, and no statement of a restricted connection
 * changes the schema (DDL). Statements and views alike are parsed by {@link LenientParserFactory}.
 */
class StorePlanner extends CalcitePrepareImpl {
  static final Set<SqlKind> REDUCED = reducedWithoutSum();
  private static final LenientParserFactory LENIENT = new LenientParserFactory();
  /**
   * Calcite's rule that splits a project with window functions into a project and a window, for logical projects
   * only. Calcite's own matches every project, the store's ({@code JdbcProject}) too, and its window kept the
   * store's convention, which no window of Calcite implements ("does not implement the required interface"). A
   * store project keeps its window functions and the store computes them (DuckDB and PostgreSQL both do); a
   * logical one above the store becomes Calcite's enumerable window, once {@link DistributionWindowsRule} has written
   * out the window functions Calcite does not compute.
   */
  private static final RelOptRule LOGICAL_PROJECT_TO_WINDOW =
      ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
          .withOperandSupplier(b -> b.operand(LogicalProject.class)
              .predicate(p -> p.containsOver() && !DistributionWindowsRule.hasDistribution(p)).anyInputs())
          .as(ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.class)
          .toRule();
  /** The statement being prepared by this planner (Calcite makes a planner per statement). */
  private CheckingPreparingStmt preparing;

  private static Set<SqlKind> reducedWithoutSum() {
    Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
    kinds.addAll(AggregateReduceFunctionsRule.Config.DEFAULT_FUNCTIONS_TO_REDUCE);
    kinds.remove(SqlKind.SUM);
    return kinds;
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext, org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    org.apache.calcite.plan.Context context = externalContext != null ? externalContext : Contexts.of(prepareContext.config());
    Optional<CancelFlag> cancel = PlanningCancel.current();
    if (cancel.isPresent()) { // the planner checks the thread's flag at each rule (PlanningCancel)
      context = Contexts.chain(Contexts.of(cancel.get()), context);
    }
    RelOptPlanner planner = super.createPlanner(prepareContext, context, costFactory);
    if (planner.removeRule(CoreRules.AGGREGATE_REDUCE_FUNCTIONS)) {
      planner.addRule(AggregateReduceFunctionsRule.Config.DEFAULT.withFunctionsToReduce(REDUCED).toRule());
    }
    planner.addRule(JoinSideExpressionsRule.INSTANCE);
    planner.addRule(DistributionWindowsRule.INSTANCE);
    planner.addRule(PercentilesRule.INSTANCE);
    if (planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_FUNCTION_SCAN_RULE)) {
      planner.addRule(ScalarRowsFunctionScan.RULE);
    }
    if (planner.removeRule(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)) {
      planner.addRule(LOGICAL_PROJECT_TO_WINDOW);
    }
    if (planner.removeRule(EnumerableRules.ENUMERABLE_WINDOW_RULE)) {
      planner.addRule(UnorderedWindowRule.INSTANCE);
    }
    return planner;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType, CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    // as Calcite's own, with the checking statement
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    preparing = new CheckingPreparingStmt(this, context, catalogReader, context.getTypeFactory(), context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(context.getTypeFactory())),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE, createConvertletTable(),
        ConnectionPolicies.of(context));
    return preparing;
  }

  /**
   * Calcite's conversion of SQL to expressions, a boolean cast to text written in PostgreSQL's words ({@link BooleanText}),
   * an interval's as PostgreSQL writes it ({@link IntervalText}),
   * an interval times a number computed number first ({@link IntervalProduct}), {@code x::numeric} of an exact
   * number a plain cast the store computes ({@link NumericCast}) and a text's cast read as PostgreSQL reads the text
   * ({@link TextInputCast}), {@code x ^ y} PostgreSQL's exponentiation ({@link Exponentiation}) and a double precision
   * cast to an integer rounded half to even ({@link FloatToIntegerCast}).
   */
  @Override
  protected org.apache.calcite.sql2rel.SqlRexConvertletTable createConvertletTable() {
    return new FloatToIntegerCast(new Exponentiation(new TextInputCast(new NumericCast(new IntervalProduct(
        new IntervalText(new BooleanText(super.createConvertletTable())))))));
  }

  /**
   * As Calcite prepares it, with joins beyond a few ordered heuristically ({@link JoinOrderProgram}) and the result columns named as
   * PostgreSQL names them ({@link ResultLabels}).
   */
  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, CalcitePrepare.Query<T> query, Type elementType,
      long maxRowCount) {
    preparing = null;
    CalciteSignature<T> signature;
    try (Hook.Closeable program = Hook.PROGRAM.addThread((Holder<Program> h) -> h.set(JoinOrderProgram.standard()))) {
      signature = super.prepareSql(context, query, elementType, maxRowCount);
    }
    signature = preparing == null ? signature
        : ResultLabels.varchar(ResultLabels.oidTypes(ResultLabels.timestamptz(ResultLabels.relabel(signature,
            preparing.resultNames()), preparing.timestamptzColumns()), preparing.oidTypeColumns()),
            preparing.varcharColumns());
    return withSessionTime(signature);
  }

  /**
   * {@code signature}, each execution given the session's time of its start ({@link PgSessionTime}) and the
   * connection's user ({@link SessionUser}).
   */
  private static <T> CalciteSignature<T> withSessionTime(CalciteSignature<T> signature) {
    // the original applies the row limit when it enumerates; -1 keeps this one from applying it again
    return new CalciteSignature<>(signature.sql, signature.parameters, signature.internalParameters, signature.rowType,
        signature.columns, signature.cursorFactory, signature.rootSchema, signature.getCollationList(), -1,
        root -> signature.enumerable(PgSessionTime.withValues(SessionUser.withUser(root))), signature.statementType);
  }

  /**
   * Every parse with the driver's parser, the bodies of views included (Calcite expands a view with a parser of
   * its defaults, not the connection's): so the finance functions in a view are bound as in a statement, and
   * the store runs them.
   */
  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(sql, parserConfig.withParserFactory(LENIENT));
  }

  @Override
  public void executeDdl(Context context, SqlNode node) {
    if (!ConnectionPolicies.of(context).readsEverything()) {
      throw AccessDeniedException.notAQuery(node.getKind());
    }
    super.executeDdl(context, node);
  }
}
