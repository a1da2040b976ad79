package org.marketingsql.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.marketingsql.sql.FinanceOperators;

/**
 * Filters on a fiscal period as a range of the day they are computed from, which the store can answer from an
 * index or its zone maps instead of computing the period's text on every row: {@code FISCAL_QUARTER(d) =
 * '2026-Q1'} with fiscal years starting in July is {@code d >= DATE '2025-07-01' AND d < DATE '2025-10-01'};
 * {@code FISCAL_YEAR(d) = 2026} is the year's range, and {@code <>}, {@code IN} lists and, for the year,
 * {@code <}, {@code <=}, {@code >}, {@code >=} are rewritten likewise. A timestamp's period is that of its day, so
 * the range is one of timestamps at midnight on the timestamp itself. Both forms keep the same rows, NULL days
 * included (neither keeps them). A literal that is no period the function can return (a quarter not spelled
 * {@code YYYY-Qn}, a year outside 1000–9998) keeps its comparison as written. A filter on a view's
 * {@code fiscal_quarter} column is moved below the view's projection first, where the column is the call.
 */
final class FiscalRanges {
  private static final Pattern QUARTER = Pattern.compile("([1-9][0-9]{3})-Q([1-4])");
  private static final int FIRST_YEAR = 1000;
  private static final int LAST_YEAR = 9998;

  private FiscalRanges() {
  }

  /** {@code rel} with every filter on a fiscal period compared with a literal as a range of days. */
  static RelNode rewrite(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return visited instanceof Filter filter ? rewrite(filter) : visited;
      }
    });
  }

  private static RelNode rewrite(Filter filter) {
    RexBuilder rex = filter.getCluster().getRexBuilder();
    Ranges ranges = new Ranges(rex);
    RexNode condition = filter.getCondition();
    RexNode direct = RexUtil.flatten(rex, condition.accept(ranges));
    if (filter.getInput() instanceof Project project && !RexOver.containsOver(project.getProjects(), null)
        && !RexUtil.SubQueryFinder.containsSubQuery(filter)) {
      RexNode below = RelOptUtil.pushPastProject(direct, project);
      if (RexUtil.isDeterministic(below) && !below.accept(ranges).equals(below)) {
        RelNode pushed = rewrite(filter.copy(filter.getTraitSet(), project.getInput(), below));
        return project.copy(project.getTraitSet(), pushed, project.getProjects(), project.getRowType());
      }
    }
    return direct.equals(condition) ? filter : filter.copy(filter.getTraitSet(), filter.getInput(), direct);
  }

  /** Comparisons of a fiscal period with a literal, as ranges. */
  private static final class Ranges extends RexShuttle {
    private final RexBuilder rex;

    Ranges(RexBuilder rex) {
      this.rex = Objects.requireNonNull(rex, "rex");
    }

    @Override
    public RexNode visitCall(RexCall call) {
      if (call.getKind() == SqlKind.SEARCH && fiscal(call.getOperands().get(0)) != null) {
        return RexUtil.expandSearch(rex, null, call).accept(this);
      }
      RexNode visited = super.visitCall(call);
      if (!(visited instanceof RexCall comparison) || comparison.getOperands().size() != 2) {
        return visited;
      }
      SqlKind kind = comparison.getKind();
      RexNode left = comparison.getOperands().get(0);
      RexNode right = comparison.getOperands().get(1);
      if (fiscal(left) == null && fiscal(right) != null) {
        kind = kind.reverse();
        RexNode swap = left;
        left = right;
        right = swap;
      }
      RexCall period = fiscal(left);
      RexLiteral literal = literal(right);
      if (period == null || literal == null) {
        return visited;
      }
      RexNode day = day(period.getOperands().get(0));
      Period range = FinanceOperators.isFiscalYear(period.getOperator())
          ? year(literal, FinanceOperators.startMonth(period.getOperator()))
          : quarter(literal, FinanceOperators.startMonth(period.getOperator()));
      if (day == null || range == null) {
        return visited;
      }
      boolean year = FinanceOperators.isFiscalYear(period.getOperator());
      return switch (kind) {
        case EQUALS -> rex.makeCall(SqlStdOperatorTable.AND, atOrAfter(day, range.start()), before(day, range.end()));
        case NOT_EQUALS -> rex.makeCall(SqlStdOperatorTable.OR, before(day, range.start()), atOrAfter(day, range.end()));
        case LESS_THAN -> year ? before(day, range.start()) : visited;
        case LESS_THAN_OR_EQUAL -> year ? before(day, range.end()) : visited;
        case GREATER_THAN -> year ? atOrAfter(day, range.end()) : visited;
        case GREATER_THAN_OR_EQUAL -> year ? atOrAfter(day, range.start()) : visited;
        default -> visited;
      };
    }

    private RexNode atOrAfter(RexNode day, LocalDate date) {
      return rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, day, literalOf(day, date));
    }

    private RexNode before(RexNode day, LocalDate date) {
      return rex.makeCall(SqlStdOperatorTable.LESS_THAN, day, literalOf(day, date));
    }

    /** {@code date} as a literal of the day's type: a DATE, or a TIMESTAMP at midnight. */
    private RexNode literalOf(RexNode day, LocalDate date) {
      if (day.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
        return rex.makeTimestampLiteral(new TimestampString(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
            0, 0, 0), day.getType().getPrecision());
      }
      return rex.makeDateLiteral(new DateString(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
    }
  }

  /** The first day of a fiscal period and the first day after it. */
  private record Period(LocalDate start, LocalDate end) {
    Period {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException("a period ends after it starts: " + start + " .. " + end);
      }
    }
  }

  /** The call when {@code node} is FISCAL_YEAR or FISCAL_QUARTER, else null. */
  private static RexCall fiscal(RexNode node) {
    return node instanceof RexCall call && call.getOperands().size() == 1
        && (FinanceOperators.isFiscalYear(call.getOperator()) || FinanceOperators.isFiscalQuarter(call.getOperator()))
        ? call : null;
  }

  private static RexLiteral literal(RexNode node) {
    return node instanceof RexLiteral literal && !literal.isNull() ? literal : null;
  }

  /**
   * The expression the range is on: the function's DATE argument, or the TIMESTAMP it is cast from (its day is the
   * cast's); null for other types (a timestamp with a time zone has a day that depends on the session's zone).
   */
  private static RexNode day(RexNode argument) {
    if (argument.getKind() == SqlKind.CAST && argument.getType().getSqlTypeName() == SqlTypeName.DATE) {
      RexNode cast = ((RexCall) argument).getOperands().get(0);
      if (cast.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
        return cast;
      }
    }
    return argument.getType().getSqlTypeName() == SqlTypeName.DATE ? argument : null;
  }

  /** Fiscal year {@code N} (an integer literal) as the days from its first to the next year's first. */
  private static Period year(RexLiteral literal, int startMonth) {
    if (!SqlTypeName.EXACT_TYPES.contains(literal.getType().getSqlTypeName())) {
      return null;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    if (value == null || value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(FIRST_YEAR)) < 0
        || value.compareTo(BigDecimal.valueOf(LAST_YEAR)) > 0) {
      return null;
    }
    LocalDate start = firstDay(value.intValueExact(), startMonth);
    return new Period(start, start.plusYears(1));
  }

  /** A quarter's text {@code YYYY-Qn} as its days; null for any other text. */
  private static Period quarter(RexLiteral literal, int startMonth) {
    if (!SqlTypeName.CHAR_TYPES.contains(literal.getType().getSqlTypeName())) {
      return null;
    }
    Matcher m = QUARTER.matcher(Objects.requireNonNullElse(literal.getValueAs(String.class), ""));
    if (!m.matches() || Integer.parseInt(m.group(1)) > LAST_YEAR) {
      return null;
    }
    LocalDate start = firstDay(Integer.parseInt(m.group(1)), startMonth).plusMonths(3L * (Integer.parseInt(m.group(2)) - 1));
    return new Period(start, start.plusMonths(3));
  }

  /** The first day of fiscal year {@code year}, which ends in calendar year {@code year}. */
  private static LocalDate firstDay(int year, int startMonth) {
    return LocalDate.of(startMonth == 1 ? year : year - 1, startMonth, 1);
  }
}
