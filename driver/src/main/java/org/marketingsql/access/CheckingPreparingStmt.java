package org.marketingsql.access;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.marketingsql.sql.PgOperators;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Prepares a statement the way Calcite does, with its user's statement validated by a
 * {@link CheckingValidator} for the connection's {@link AccessPolicy}: a statement that reads what the
 * connection may not is refused before it is planned. The bodies of views (validated as embedded
 * queries while they are expanded) are validated as before, unchecked: a view in a readable schema
 * may read what its definition reads.
 */
public final class CheckingPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {
  private final AccessPolicy policy;
  private CheckingValidator statementValidator;

  public CheckingPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context,
      Prepare.CatalogReader catalogReader, RelDataTypeFactory typeFactory, CalciteSchema schema,
      EnumerableRel.Prefer prefer, RelOptCluster cluster, Convention resultConvention,
      SqlRexConvertletTable convertletTable, AccessPolicy policy) {
    super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention, convertletTable);
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
      UnaryOperator<SqlValidator.Config> configTransform) {
    if (configTransform.apply(SqlValidator.Config.DEFAULT).embeddedQuery()) {
      return super.createSqlValidator(catalogReader, configTransform); // a view's body
    }
    RecordingCatalogReader reader = new RecordingCatalogReader((CalciteCatalogReader) catalogReader);
    CalciteConnectionConfig connection = context.config();
    SqlOperatorTable operators = SqlOperatorTables.chain(List.of(
        connection.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), PgOperators.LIBRARY, reader));
    SqlValidator.Config config = configTransform.apply(SqlValidator.Config.DEFAULT
        .withLenientOperatorLookup(connection.lenientOperatorLookup())
        .withConformance(connection.conformance())
        .withDefaultNullCollation(connection.defaultNullCollation())
        .withIdentifierExpansion(true)
        .withTypeCoercionFactory(PgLiteralCoercion::new));
    CheckingValidator validator = new CheckingValidator(operators, reader, context.getTypeFactory(), config,
        new ReadCheck(policy, reader.getRootSchema()));
    if (statementValidator == null) { // the statement's; Calcite makes another later for converting it
      statementValidator = validator;
    }
    return validator;
  }

  /** As Calcite decorrelates the statement, keeping a correlation Calcite cannot remove ({@link KeptCorrelation}). */
  @Override
  protected org.apache.calcite.rel.RelNode decorrelate(org.apache.calcite.sql2rel.SqlToRelConverter converter,
      org.apache.calcite.sql.SqlNode query, org.apache.calcite.rel.RelNode root) {
    return KeptCorrelation.decorrelated(() -> super.decorrelate(converter, query, root), root);
  }

  /**
   * PostgreSQL's names for the result columns of the statement this prepared, one per select item as written
   * (null for a {@code *} item, whose columns keep their names); empty when it was no query.
   */
  public List<String> resultNames() {
    return statementValidator == null ? List.of() : statementValidator.resultNames();
  }

  /**
   * Per select item as {@link #resultNames}: "true" where PostgreSQL's type is {@code timestamp with time zone}
   * ({@code x AT TIME ZONE z} of a timestamp, {@code ::timestamptz}, {@code now()} …), "false" elsewhere.
   */
  public List<String> timestamptzColumns() {
    return statementValidator == null ? List.of() : statementValidator.timestamptz();
  }

  /**
   * Per result column: the name of the PostgreSQL OID type ({@code oid}, {@code regclass} …) of an integer column
   * that is one ({@link org.marketingsql.sql.PgOidTypes}), empty elsewhere.
   */
  public List<String> oidTypeColumns() {
    return statementValidator == null ? List.of() : statementValidator.oidTypes();
  }

  /**
   * Per select item as {@link #resultNames}: "true" where PostgreSQL's type is {@code character varying} although
   * computed (a cast to {@code varchar}), "false" elsewhere.
   */
  public List<String> varcharColumns() {
    return statementValidator == null ? List.of() : statementValidator.varchar();
  }
}
