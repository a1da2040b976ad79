package org.marketingsql.jdbc;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScan;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.GotoStatement;
import org.apache.calcite.linq4j.tree.Statement;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.metadata.RelColumnMapping;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * A function in FROM whose rows have one column hands each row on as its value, as every other one-column source
 * does. Calcite's own scan hands on the {@code Object[]} the function returns, and the operators above it (a sort, a
 * limit) take one-column rows for values, so the result's column was the array. {@link #RULE} replaces Calcite's rule
 * for functions in FROM.
 */
final class ScalarRowsFunctionScan extends EnumerableTableFunctionScan {
  static final ConverterRule RULE = ConverterRule.Config.INSTANCE
      .withConversion(LogicalTableFunctionScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "ScalarRowsFunctionScanRule")
      .withRuleFactory(Rule::new)
      .toRule(Rule.class);

  ScalarRowsFunctionScan(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs, Type elementType,
      RelDataType rowType, RexNode call, Set<RelColumnMapping> columnMappings) {
    super(cluster, traits, inputs, elementType, rowType, call, columnMappings);
  }

  @Override
  public ScalarRowsFunctionScan copy(RelTraitSet traitSet, List<RelNode> inputs, RexNode rexCall, Type elementType,
      RelDataType rowType, Set<RelColumnMapping> columnMappings) {
    return new ScalarRowsFunctionScan(getCluster(), traitSet, inputs, elementType, rowType, rexCall, columnMappings);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result rows = super.implement(implementor, pref);
    if (rows.format != JavaRowFormat.ARRAY || getRowType().getFieldCount() != 1) {
      return rows;
    }
    BlockBuilder block = new BlockBuilder();
    for (Statement statement : rows.block.statements) {
      if (statement instanceof GotoStatement ret && ret.expression != null) {
        Expression arrays = block.append("rows", ret.expression);
        block.add(Expressions.return_(null, Expressions.call(BuiltInMethod.SLICE0.method, arrays)));
      } else {
        block.add(statement);
      }
    }
    return implementor.result(PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR, false),
        block.toBlock());
  }

  /** Calcite's conversion of a function in FROM, to this scan. */
  static final class Rule extends ConverterRule {
    private Rule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
      List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : scan.getInputs()) {
        inputs.add(convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE)));
      }
      return new ScalarRowsFunctionScan(rel.getCluster(), rel.getTraitSet().replace(EnumerableConvention.INSTANCE), inputs,
          scan.getElementType(), scan.getRowType(), scan.getCall(), scan.getColumnMappings());
    }
  }
}
