package org.marketingsql.sql;

import java.util.Objects;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A CAST's type that PostgreSQL names differently from Calcite ({@code text} is Calcite's VARCHAR, {@code oid} its
 * INTEGER): Calcite's type, which the statement runs with, and PostgreSQL's name, which names the result column
 * of a cast whose operand has no name ({@code SELECT 'x'::text} has a column {@code text}).
 */
public final class PgTypeNameSpec extends SqlBasicTypeNameSpec {
  private final String pgName;
  private final boolean output;

  PgTypeNameSpec(SqlTypeName type, String pgName, SqlParserPos pos) {
    this(type, pgName, false, pos);
  }

  private PgTypeNameSpec(SqlTypeName type, String pgName, boolean output, SqlParserPos pos) {
    super(Objects.requireNonNull(type, "type"), pos);
    this.pgName = Objects.requireNonNull(pgName, "pgName");
    this.output = output;
  }

  /**
   * The text a value's type writes for it, as PostgreSQL's {@code concat} and {@code format} take their values (its
   * output function): unlike {@code ::text}, a boolean is {@code t} or {@code f}.
   */
  static PgTypeNameSpec output(SqlParserPos pos) {
    return new PgTypeNameSpec(SqlTypeName.VARCHAR, "text", true, pos);
  }

  /** Whether a CAST's type is {@link #output}: the value's own text rather than {@code ::text}'s. */
  public static boolean isOutput(SqlDataTypeSpec spec) {
    return spec.getTypeNameSpec() instanceof PgTypeNameSpec pg && pg.output;
  }

  /** PostgreSQL's name of the type as written ({@code text}, {@code oid}, {@code bpchar} …). */
  public String pgName() {
    return pgName;
  }

  /** PostgreSQL's name of a CAST's type when it is one of these, else null. */
  public static String pgName(SqlDataTypeSpec spec) {
    return spec.getTypeNameSpec() instanceof PgTypeNameSpec pg ? pg.pgName : null;
  }
}
