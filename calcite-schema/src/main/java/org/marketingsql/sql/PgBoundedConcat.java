package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlOperator;

/**
 * Keeps the store from building texts without a bound. A {@code ||}, {@code concat} or {@code concat_ws} the store
 * runs joins values it holds, so its result is at most the sum of their lengths; but one whose operand is itself
 * such a result, through a sub-query's or CTE's column ({@code WITH a AS (SELECT c || c AS c …), b AS (SELECT
 * c || c AS c FROM a) …}), doubles with every level. {@link #bound} counts, for every concatenation, how many stored
 * values (and literals) its result can be made of; past {@value #MOST_PARTS_IN_STORE} it is computed above the
 * store, with the 16 MiB limit and {@code 54000}, and so is every concatenation over it. Ordinary concatenations
 * ({@code first_name || ' ' || last_name}, {@code concat(a, '-', b)}) stay in the store.
 */
public final class PgBoundedConcat {
  /** The most stored values and literals one concatenation in the store may join. */
  static final int MOST_PARTS_IN_STORE = 64;
  private static final Map<SqlOperator, SqlOperator> ABOVE_STORE = Map.of(
      PgTextOperators.TEXTCAT, PgTextOperators.TEXTCAT_ABOVE_STORE,
      PgTextOperators.CONCAT, PgTextOperators.CONCAT_ABOVE_STORE,
      PgTextOperators.CONCAT_WS, PgTextOperators.CONCAT_WS_ABOVE_STORE);

  private final Map<RelNode, long[]> parts = new IdentityHashMap<>();

  private PgBoundedConcat() {
  }

  /** {@code rel} with each concatenation that joins more than {@value #MOST_PARTS_IN_STORE} parts above the store. */
  public static RelNode bound(RelNode rel) {
    return new PgBoundedConcat().visit(rel);
  }

  private RelNode visit(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode visited = visit(input);
      changed |= visited != input;
      inputs.add(visited);
    }
    RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    if (node instanceof Project project) {
      long[] in = parts(project.getInput());
      Bounding bounding = new Bounding(in);
      List<RexNode> exprs = new ArrayList<>();
      long[] out = new long[project.getProjects().size()];
      for (int i = 0; i < out.length; i++) {
        RexNode expr = project.getProjects().get(i).accept(bounding);
        exprs.add(expr);
        out[i] = bounding.parts(expr);
      }
      if (bounding.changed) {
        node = project.copy(project.getTraitSet(), project.getInput(), exprs, project.getRowType());
      }
      parts.put(node, out);
    } else if (node instanceof Filter filter) {
      Bounding bounding = new Bounding(parts(filter.getInput()));
      RexNode condition = filter.getCondition().accept(bounding);
      if (bounding.changed) {
        node = filter.copy(filter.getTraitSet(), filter.getInput(), condition);
      }
      parts.put(node, parts(filter.getInput()));
    } else if (node instanceof Sort sort) {
      parts.put(node, parts(sort.getInput()));
    } else if (node instanceof Join join && !join.getJoinType().projectsRight()) {
      parts.put(node, parts(join.getLeft()));
    } else if (node instanceof Join join) {
      long[] left = parts(join.getLeft());
      long[] right = parts(join.getRight());
      long[] both = Arrays.copyOf(left, left.length + right.length);
      System.arraycopy(right, 0, both, left.length, right.length);
      parts.put(node, both);
    } else if (node instanceof Aggregate aggregate) {
      long[] in = parts(aggregate.getInput());
      long[] out = new long[aggregate.getRowType().getFieldCount()];
      Arrays.fill(out, 1);
      int k = 0;
      for (int key : aggregate.getGroupSet()) {
        out[k++] = key < in.length ? in[key] : 1;
      }
      parts.put(node, out);
    }
    return node;
  }

  /** The parts each field of {@code rel} can be made of: 1 for a stored value. */
  private long[] parts(RelNode rel) {
    long[] known = parts.get(rel);
    if (known != null && known.length == rel.getRowType().getFieldCount()) {
      return known;
    }
    long[] stored = new long[rel.getRowType().getFieldCount()];
    Arrays.fill(stored, 1);
    return stored;
  }

  /** Moves a concatenation of too many parts above the store, and tells how many parts an expression joins. */
  private static final class Bounding extends RexShuttle {
    private final long[] input;
    private boolean changed;

    Bounding(long[] input) {
      this.input = input;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (visited instanceof RexCall after && ABOVE_STORE.containsKey(after.getOperator())
          && parts(after) > MOST_PARTS_IN_STORE) {
        changed = true;
        return new RexCall(after.getType(), ABOVE_STORE.get(after.getOperator()), after.getOperands()) {
        };
      }
      changed |= visited != call;
      return visited;
    }

    /** The stored values and literals {@code node}'s text can be made of: summed by a concatenation. */
    long parts(RexNode node) {
      if (node instanceof RexInputRef ref) {
        return ref.getIndex() < input.length ? input[ref.getIndex()] : 1;
      }
      if (!(node instanceof RexCall call)) {
        return 1;
      }
      boolean joins = ABOVE_STORE.containsKey(call.getOperator()) || ABOVE_STORE.containsValue(call.getOperator())
          || call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.CONCAT;
      long total = joins ? 0 : 1;
      for (RexNode operand : call.getOperands()) {
        long p = parts(operand);
        total = joins ? Math.min(Long.MAX_VALUE / 2, total + p) : Math.max(total, p);
      }
      return total;
    }
  }
}
