package org.marketingsql.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.marketingsql.metrics.AttributionModel;
import org.marketingsql.metrics.RevenueAttribution;
import org.marketingsql.sql.PgSqlException;
import org.marketingsql.store.Store;

/**
 * The table function {@code ATTRIBUTED_REVENUE(model, half_life_days)} returning {@code channel,
 * revenue_rc}. A macro: the credit is computed in Java from the store's orders and
 * touchpoints when the statement is prepared, and handed to Calcite as a VALUES relation (one row
 * per channel, so it stays small); the store holds the data, Calcite only plans around it.
 */
final class AttributedRevenueFunction implements TableMacro {
  private final Store store;

  AttributedRevenueFunction(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public TranslatableTable apply(List<?> arguments) {
    if (arguments.size() == 2 && arguments.get(0) == null) {
      // Calcite asks for the row type before it has evaluated the arguments.
      return new Credited(Map.of());
    }
    if (arguments.size() != 2) {
      throw new IllegalArgumentException("ATTRIBUTED_REVENUE(model, half_life_days): model is one of first_touch,"
          + " last_touch, linear, time_decay, position_based; got " + arguments);
    }
    Double halfLife = arguments.get(1) == null ? null : ((Number) arguments.get(1)).doubleValue();
    RevenueAttribution attribution;
    try {
      attribution = new RevenueAttribution(AttributionModel.of(arguments.get(0).toString()), halfLife);
    } catch (IllegalArgumentException e) {
      // a model it does not know or a half-life it cannot use: the caller's argument, PostgreSQL's 22023
      PgSqlException invalid = new PgSqlException("22023", e.getMessage());
      invalid.initCause(e);
      throw invalid;
    }
    return new Credited(store.read(attribution::revenueByChannel));
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(parameter(0, "model", String.class), parameter(1, "half_life_days", Integer.class));
  }

  /** Java-typed, because Calcite hands a macro the value of a literal argument only for a Java type. */
  private static FunctionParameter parameter(int ordinal, String name, Class<?> type) {
    return new FunctionParameter() {
      @Override
      public int getOrdinal() {
        return ordinal;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        return typeFactory.createTypeWithNullability(((JavaTypeFactory) typeFactory).createType(type), true);
      }

      @Override
      public boolean isOptional() {
        return false;
      }
    };
  }

  /** The credited revenue per channel, as a relation. */
  private static final class Credited extends AbstractTable implements TranslatableTable {
    private final Map<String, BigDecimal> revenue;

    Credited(Map<String, BigDecimal> revenue) {
      this.revenue = Map.copyOf(revenue);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return typeFactory.builder()
          .add("channel", SqlTypeName.VARCHAR)
          .add("revenue_rc", typeFactory.createSqlType(SqlTypeName.DECIMAL, 18, 6))
          .build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(context.getCluster(), relOptTable.getRelOptSchema());
      RelDataType rowType = getRowType(context.getCluster().getTypeFactory());
      if (revenue.isEmpty()) {
        return builder.values(rowType).build();
      }
      List<Object> values = new ArrayList<>();
      new TreeMap<>(revenue).forEach((channel, amount) -> {
        values.add(channel);
        values.add(amount);
      });
      builder.values(new String[] {"channel", "revenue_rc"}, values.toArray());
      List<RexNode> cast = List.of(
          builder.cast(builder.field(0), SqlTypeName.VARCHAR),
          builder.getRexBuilder().makeCast(rowType.getFieldList().get(1).getType(), builder.field(1)));
      return builder.project(cast, List.of("channel", "revenue_rc")).build();
    }
  }
}
