package org.marketingsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * A prepared statement's result columns labelled with the names PostgreSQL gives them ({@code count},
 * {@code ?column?} …) instead of Calcite's {@code EXPR$0}: what {@code ResultSetMetaData.getColumnLabel} and,
 * for a column that is no table's column, {@code getColumnName} return, and so what the PostgreSQL port's
 * RowDescription names. Only the labels change; the plan keeps Calcite's unique field names.
 */
final class ResultLabels {
  /** The type name of a TIMESTAMP column that is PostgreSQL's {@code timestamp with time zone}. */
  static final String TIMESTAMPTZ = "TIMESTAMP WITH TIME ZONE";
  private ResultLabels() {
  }

  /**
   * {@code signature} with its columns labelled by {@code written}: one name per select item, null for a
   * {@code *} item. Items before the first star name the first columns, items after the last star the last
   * ones; columns from stars, and everything when the counts cannot match, keep their names.
   */
  static <T> CalciteSignature<T> relabel(CalciteSignature<T> signature, List<String> written) {
    List<ColumnMetaData> columns = signature.columns;
    if (written.isEmpty() || columns.isEmpty()) {
      return signature;
    }
    String[] labels = labels(written, columns.size());
    if (labels == null) {
      return signature;
    }
    List<ColumnMetaData> relabelled = new ArrayList<>(columns.size());
    boolean changed = false;
    for (int i = 0; i < columns.size(); i++) {
      ColumnMetaData c = columns.get(i);
      String label = labels[i];
      if (label == null || label.equals(c.label)) {
        relabelled.add(c);
        continue;
      }
      changed = true;
      relabelled.add(new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive, c.searchable, c.currency,
          c.nullable, c.signed, c.displaySize, label, c.columnName == null || c.columnName.equals(c.label) ? label : c.columnName,
          c.schemaName, c.precision, c.scale, c.tableName, c.catalogName, c.type, c.readOnly, c.writable,
          c.definitelyWritable, c.columnClassName));
    }
    if (!changed) {
      return signature;
    }
    // the original applies the row limit when it enumerates; -1 keeps this one from applying it again
    return new CalciteSignature<>(signature.sql, signature.parameters, signature.internalParameters, signature.rowType,
        relabelled, signature.cursorFactory, signature.rootSchema, signature.getCollationList(), -1,
        signature::enumerable, signature.statementType);
  }

  /**
   * {@code signature} with the TIMESTAMP columns that are PostgreSQL's {@code timestamptz} ({@code kinds}: "true"
   * per such select item, matched to the columns as labels are) named {@value #TIMESTAMPTZ}: their values stay the
   * session's local time, which the PostgreSQL port sends with the session's offset.
   */
  static <T> CalciteSignature<T> timestamptz(CalciteSignature<T> signature, List<String> kinds) {
    List<ColumnMetaData> columns = signature.columns;
    String[] flags = kinds.contains("true") ? labels(kinds, columns.size()) : null;
    if (flags == null) {
      return signature;
    }
    List<ColumnMetaData> typed = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ColumnMetaData c = columns.get(i);
      if ("true".equals(flags[i]) && c.type.id == java.sql.Types.TIMESTAMP) {
        ColumnMetaData.AvaticaType type = ColumnMetaData.scalar(c.type.id, TIMESTAMPTZ, c.type.rep);
        c = new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive, c.searchable, c.currency, c.nullable,
            c.signed, c.displaySize, c.label, c.columnName, c.schemaName, c.precision, c.scale, c.tableName,
            c.catalogName, type, c.readOnly, c.writable, c.definitelyWritable, c.columnClassName);
      }
      typed.add(c);
    }
    return new CalciteSignature<>(signature.sql, signature.parameters, signature.internalParameters, signature.rowType,
        typed, signature.cursorFactory, signature.rootSchema, signature.getCollationList(), -1,
        signature::enumerable, signature.statementType);
  }

  /** The label of each of {@code width} columns, null where the column keeps its own; null when they cannot be matched. */
  static String[] labels(List<String> written, int width) {
    int firstStar = -1;
    int lastStar = -1;
    int named = 0;
    for (int i = 0; i < written.size(); i++) {
      if (written.get(i) == null) {
        firstStar = firstStar < 0 ? i : firstStar;
        lastStar = i;
      } else {
        named++;
      }
    }
    if (firstStar < 0 ? written.size() != width : named > width) {
      return null;
    }
    String[] labels = new String[width];
    int head = firstStar < 0 ? written.size() : firstStar;
    for (int i = 0; i < head; i++) {
      labels[i] = written.get(i);
    }
    for (int j = lastStar + 1; firstStar >= 0 && j < written.size(); j++) {
      labels[width - (written.size() - j)] = written.get(j);
    }
    return labels;
  }
}
