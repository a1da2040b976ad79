package org.marketingsql.schema;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.MaterializedViewTable;
import org.apache.calcite.schema.impl.ViewTable;

/**
 * A finance view registered as a table, not a macro, so metadata calls list it without expanding
 * its SQL; its row type is derived from its SQL on first use. Carries its remarks for BI tools.
 */
public final class FinanceView extends ViewTable {
  private final ViewDefinition definition;

  FinanceView(SchemaPlus root, ViewDefinition definition, List<String> schemaPath) {
    super(Object.class, new LazyRowType(root, definition, schemaPath), definition.sql(), schemaPath,
        List.of(schemaPath.get(0), definition.name()));
    this.definition = definition;
  }

  /** What the view holds, for TABLE REMARKS. */
  public String description() {
    return definition.description();
  }

  /** A column's remarks (its formula for a computed column), or null. */
  public String columnRemarks(String column) {
    return definition.columnRemarks().get(column);
  }

  /** Derives the view's columns by validating its SQL against the schema once. */
  private static final class LazyRowType implements org.apache.calcite.rel.type.RelProtoDataType {
    private final SchemaPlus root;
    private final ViewDefinition definition;
    private final List<String> schemaPath;
    private RelDataType derived;

    LazyRowType(SchemaPlus root, ViewDefinition definition, List<String> schemaPath) {
      this.root = Objects.requireNonNull(root, "root");
      this.definition = definition;
      this.schemaPath = schemaPath;
    }

    @Override
    public synchronized RelDataType apply(RelDataTypeFactory typeFactory) {
      if (derived == null) {
        CalciteSchema schema = CalciteSchema.from(root);
        CalcitePrepare.AnalyzeViewResult result = org.apache.calcite.schema.Schemas.analyzeView(
            MaterializedViewTable.MATERIALIZATION_CONNECTION, schema, schemaPath, definition.sql(),
            List.of(schemaPath.get(0), definition.name()), false);
        derived = result.rowType;
      }
      return typeFactory.copyType(derived);
    }
  }
}
