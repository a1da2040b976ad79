package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.marketingsql.users.User;

/**
 * Enforces the users file's schema list: every table a statement names in FROM must be in a schema the
 * user may read. Checked on the statement as written, so a finance view may read its sources for a
 * user who may read only {@code finance}. Unqualified names are in the default schema {@code marketing}.
 */
public final class SchemaAccess {
  private static final Set<String> ALWAYS = Set.of("pg_catalog", "information_schema");
  private static final String DEFAULT_SCHEMA = "marketing";
  /** The driver's lexical settings (ConnectionTarget), so both parsers read the same statement. */
  private static final SqlParser.Config PARSER = SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)
      .withConformance(SqlConformanceEnum.LENIENT);
  private final User user;

  public SchemaAccess(User user) {
    this.user = java.util.Objects.requireNonNull(user, "user");
  }

  /** Throws 42501 (insufficient privilege) when {@code sql} names a table of a schema the user may not read. */
  public void check(String sql) throws PgException {
    check(sql, DEFAULT_SCHEMA);
  }

  /** {@link #check(String)}, with unqualified names in {@code defaultSchema} (the session's search path). */
  public void check(String sql, String defaultSchema) throws PgException {
    if (user.schemas().contains("*")) {
      return;
    }
    SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException e) {
      // what we cannot read we cannot check: refuse rather than let it through
      throw new PgException("42601", "syntax error: " + e.getMessage(), e);
    }
    for (String schema : schemas(node, defaultSchema)) {
      if (!ALWAYS.contains(schema.toLowerCase(Locale.ROOT)) && !user.mayRead(schema)) {
        throw new PgException("42501", "permission denied for schema " + schema + ": user " + user.name()
            + " may read " + String.join(", ", user.schemas()));
      }
    }
  }

  /** The schemas of every table named in a FROM clause, at any depth. */
  static Set<String> schemas(SqlNode statement) {
    return schemas(statement, DEFAULT_SCHEMA);
  }

  static Set<String> schemas(SqlNode statement, String defaultSchema) {
    Set<String> out = new HashSet<>();
    Set<String> ctes = new HashSet<>();
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlWith with) {
          for (SqlNode item : with.withList) {
            ctes.add(((SqlWithItem) item).name.getSimple().toLowerCase(Locale.ROOT));
          }
        }
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          from(select.getFrom(), out, ctes, defaultSchema);
        }
        return super.visit(call);
      }
    });
    return out;
  }

  private static void from(SqlNode node, Set<String> out, Set<String> ctes, String defaultSchema) {
    if (node instanceof SqlIdentifier id) {
      List<String> names = new ArrayList<>(id.names);
      if (names.size() >= 2) {
        out.add(names.get(names.size() - 2));
      } else if (!ctes.contains(names.get(0).toLowerCase(Locale.ROOT))
          && !names.get(0).toLowerCase(Locale.ROOT).startsWith("pg_")) {
        out.add(defaultSchema);
      }
    } else if (node instanceof SqlJoin join) {
      from(join.getLeft(), out, ctes, defaultSchema);
      from(join.getRight(), out, ctes, defaultSchema);
    } else if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
      from(call.operand(0), out, ctes, defaultSchema);
    }
    // sub-queries, TABLE(function(...)), VALUES: their own SELECTs are visited by the caller's walk
  }
}
