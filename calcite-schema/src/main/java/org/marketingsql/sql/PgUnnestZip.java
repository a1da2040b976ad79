package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;

/**
 * PostgreSQL's {@code unnest(a, b …)} of several arrays in FROM zips them: row i holds each array's i-th element, a
 * shorter array giving nulls, so {@code unnest(ARRAY[1,2], ARRAY['a','b'])} is two rows. Calcite's UNNEST of several
 * arrays gives their cross product instead, so {@link PgCalls} makes it the UNNEST of one array of rows, this
 * function's: {@code UNNEST(zip(a, b))}, whose columns are each array's elements. Public for the code Calcite generates.
 */
public final class PgUnnestZip {
  /** The most arrays one unnest zips; more are refused as a call no signature takes ({@code 42883}). */
  static final int ARRAYS = 6;
  /** The arrays zipped into one array of rows, above the store (arrays are values the driver holds). */
  static final SqlOperator ZIP = new PgFunction("UNNEST_ZIP", false, true, null, PgUnnestZip::rowType,
      OperandTypes.repeat(SqlOperandCountRanges.between(2, ARRAYS), OperandTypes.ARRAY),
      List.of("a", "b", "c", "d", "e", "f"),
      Arrays.stream(PgUnnestZip.class.getMethods()).filter(m -> m.getName().equals("zip")).toList(), false);

  private PgUnnestZip() {
  }

  /** An array of rows, each with one nullable field per array, of that array's element type. */
  private static RelDataType rowType(SqlOperatorBinding binding) {
    RelDataTypeFactory types = binding.getTypeFactory();
    List<RelDataType> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < binding.getOperandCount(); i++) {
      RelDataType element = binding.getOperandType(i).getComponentType();
      fields.add(types.createTypeWithNullability(element == null ? types.createUnknownType() : element, true));
      names.add("unnest" + i);
    }
    return types.createArrayType(types.createStructType(fields, names), -1);
  }

  public static List<List<Object>> zip(List<?> a, List<?> b) {
    return rows(a, b);
  }

  public static List<List<Object>> zip(List<?> a, List<?> b, List<?> c) {
    return rows(a, b, c);
  }

  public static List<List<Object>> zip(List<?> a, List<?> b, List<?> c, List<?> d) {
    return rows(a, b, c, d);
  }

  public static List<List<Object>> zip(List<?> a, List<?> b, List<?> c, List<?> d, List<?> e) {
    return rows(a, b, c, d, e);
  }

  public static List<List<Object>> zip(List<?> a, List<?> b, List<?> c, List<?> d, List<?> e, List<?> f) {
    return rows(a, b, c, d, e, f);
  }

  /** Row i of {@code arrays}: each one's i-th element, null past its end (a null array is an empty one). */
  private static List<List<Object>> rows(List<?>... arrays) {
    int length = 0;
    for (List<?> array : arrays) {
      length = Math.max(length, array == null ? 0 : array.size());
    }
    List<List<Object>> rows = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      List<Object> row = new ArrayList<>(arrays.length);
      for (List<?> array : arrays) {
        row.add(array != null && i < array.size() ? array.get(i) : null);
      }
      rows.add(row);
    }
    return rows;
  }
}
