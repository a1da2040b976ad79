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
  /** The type name of a computed VARCHAR column that is PostgreSQL's {@code character varying}, not {@code text}. */
  static final String VARCHAR = "CHARACTER VARYING";
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
    return flagged(signature, kinds, TIMESTAMPTZ, java.sql.Types.TIMESTAMP);
  }

  /**
   * {@code signature} with its INTEGER columns that are one of PostgreSQL's OID types ({@code types}: the type's
   * name per column, empty elsewhere, matched to the columns as labels are) named by that type ({@code oid},
   * {@code regclass} …): their values stay the numbers, which the PostgreSQL port sends as that type.
   */
  static <T> CalciteSignature<T> oidTypes(CalciteSignature<T> signature, List<String> types) {
    String[] names = types.stream().anyMatch(t -> !t.isEmpty()) ? labels(types, signature.columns.size()) : null;
    if (names == null) {
      return signature;
    }
    for (int i = 0; i < names.length; i++) {
      names[i] = names[i] == null || names[i].isEmpty() ? null : names[i];
    }
    return typeNamed(signature, names, java.sql.Types.INTEGER);
  }

  /**
   * {@code signature} with the VARCHAR columns that are casts to {@code varchar} ({@code kinds}: "true" per such select
   * item, matched to the columns as labels are) named {@value #VARCHAR}, which the PostgreSQL port sends as
   * {@code character varying} where it sends other computed strings as {@code text}.
   */
  static <T> CalciteSignature<T> varchar(CalciteSignature<T> signature, List<String> kinds) {
    return flagged(signature, kinds, VARCHAR, java.sql.Types.VARCHAR);
  }

  /** {@code signature} with each column of the JDBC type {@code jdbcType} flagged "true" in {@code kinds} named {@code name}. */
  private static <T> CalciteSignature<T> flagged(CalciteSignature<T> signature, List<String> kinds, String name,
      int jdbcType) {
    String[] flags = kinds.contains("true") ? labels(kinds, signature.columns.size()) : null;
    if (flags == null) {
      return signature;
    }
    String[] names = new String[flags.length];
    for (int i = 0; i < flags.length; i++) {
      names[i] = "true".equals(flags[i]) ? name : null;
    }
    return typeNamed(signature, names, jdbcType);
  }

  /** {@code signature} with each column of the JDBC type {@code jdbcType} whose {@code names} entry is not null named so. */
  private static <T> CalciteSignature<T> typeNamed(CalciteSignature<T> signature, String[] names, int jdbcType) {
    List<ColumnMetaData> columns = signature.columns;
    List<ColumnMetaData> typed = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ColumnMetaData c = columns.get(i);
      if (names[i] != null && c.type.id == jdbcType) {
        ColumnMetaData.AvaticaType type = ColumnMetaData.scalar(c.type.id, names[i], c.type.rep);
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
