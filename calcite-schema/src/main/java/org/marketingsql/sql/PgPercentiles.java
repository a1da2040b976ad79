package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * {@code percentile_cont(f) WITHIN GROUP (ORDER BY x)} and {@code percentile_disc(f) …} as aggregates Calcite computes
 * itself, for rows the driver holds ({@code VALUES}, {@code generate_series}), where Calcite has no implementation of
 * its own; a store computes them as they are written. As PostgreSQL computes them: nulls are left out, nothing is
 * null, {@code percentile_cont} interpolates linearly between the values around {@code f * (n - 1)} in double
 * precision, {@code percentile_disc} gives the first value whose position {@code i / n} is at least {@code f}, of any
 * sortable type; a fraction outside 0 to 1 is SQLSTATE 22003. The planner rule that binds them names the aggregate
 * call's type (the ordered value's for {@code percentile_disc}), so the functions' own type here is only nominal.
 * Public for Calcite's generated code.
 */
public final class PgPercentiles {
  private PgPercentiles() {
  }

  /** The aggregate of {@code (fraction, value)} for {@code percentile_cont} ({@code continuous}) or {@code percentile_disc}. */
  public static SqlAggFunction of(boolean continuous, boolean descending) {
    Class<?> accumulator = continuous ? descending ? ContinuousDescending.class : Continuous.class
        : descending ? DiscreteDescending.class : Discrete.class;
    String name = continuous ? "PERCENTILE_CONT" : "PERCENTILE_DISC";
    return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.ANY), null,
        (SqlOperandMetadata) OperandTypes.operandMetadata(List.of(SqlTypeFamily.ANY, SqlTypeFamily.ANY),
            factory -> List.of(factory.createSqlType(SqlTypeName.ANY), factory.createSqlType(SqlTypeName.ANY)),
            i -> i == 0 ? "fraction" : "value", i -> false),
        AggregateFunctionImpl.create(accumulator), false, false, Optionality.FORBIDDEN);
  }

  /** The values of a group and its fraction; Calcite calls the methods by reflection. */
  public abstract static class Values {
    private final List<Comparable<Object>> values = new ArrayList<>();
    private Double fraction;
    private boolean nullFraction;

    /** Whether the values are ordered from the largest. */
    abstract boolean descending();

    @SuppressWarnings("unchecked")
    public Values add(Values acc, Object fraction, Object value) {
      if (fraction == null) {
        acc.nullFraction = true;
      } else if (acc.fraction == null) {
        double f = ((Number) fraction).doubleValue();
        if (!(f >= 0 && f <= 1)) {
          throw new PgSqlException("22003", "percentile value " + fractionText(fraction)
              + " is not between 0 and 1");
        }
        acc.fraction = f;
      }
      if (value != null) {
        acc.values.add((Comparable<Object>) value);
      }
      return acc;
    }

    private static String fractionText(Object fraction) {
      return fraction instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(fraction);
    }

    /** The values in the group's order, or null when there is no percentile to give. */
    List<Comparable<Object>> sorted() {
      if (values.isEmpty() || nullFraction || fraction == null) {
        return null;
      }
      Comparator<Comparable<Object>> order = Comparator.naturalOrder();
      values.sort(descending() ? order.reversed() : order);
      return Collections.unmodifiableList(values);
    }

    double fraction() {
      return fraction;
    }
  }

  /** {@code percentile_cont}, ascending. */
  public static class Continuous extends Values {
    public Continuous() {
    }

    public Values init() {
      return newOne();
    }

    Values newOne() {
      return new Continuous();
    }

    @Override
    boolean descending() {
      return false;
    }

    public Double result(Values acc) {
      List<Comparable<Object>> sorted = acc.sorted();
      if (sorted == null) {
        return null;
      }
      double position = acc.fraction() * (sorted.size() - 1);
      int below = (int) Math.floor(position);
      int above = (int) Math.ceil(position);
      double low = ((Number) sorted.get(below)).doubleValue();
      double high = ((Number) sorted.get(above)).doubleValue();
      return below == above ? low : low + (position - below) * (high - low);
    }
  }

  /** {@code percentile_cont}, descending. */
  public static final class ContinuousDescending extends Continuous {
    public ContinuousDescending() {
    }

    @Override
    Values newOne() {
      return new ContinuousDescending();
    }

    @Override
    boolean descending() {
      return true;
    }
  }

  /** {@code percentile_disc}, ascending. */
  public static class Discrete extends Values {
    public Discrete() {
    }

    public Values init() {
      return newOne();
    }

    Values newOne() {
      return new Discrete();
    }

    @Override
    boolean descending() {
      return false;
    }

    public Object result(Values acc) {
      List<Comparable<Object>> sorted = acc.sorted();
      if (sorted == null) {
        return null;
      }
      long row = (long) Math.ceil(acc.fraction() * sorted.size());
      return sorted.get((int) Math.max(row, 1) - 1);
    }
  }

  /** {@code percentile_disc}, descending. */
  public static final class DiscreteDescending extends Discrete {
    public DiscreteDescending() {
    }

    @Override
    Values newOne() {
      return new DiscreteDescending();
    }

    @Override
    boolean descending() {
      return true;
    }
  }
}
