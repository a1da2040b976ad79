package org.marketingsql.jdbc;

import java.util.Objects;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.marketingsql.sql.ExecutionValues;

/**
 * The connection's user as {@code current_user}, {@code session_user}, {@code user}, {@code current_role} and
 * {@code system_user}, wherever a statement calls them, as PostgreSQL answers them: the name the connection was
 * opened with (its {@code user} property; the PostgreSQL port and the Avatica server pass their login's). Calcite
 * answers the first three with a fixed {@code sa}, {@code current_role} with an empty text and {@code system_user}
 * with the account of the JVM, which a client should not learn; and a filter on them that reaches the store would
 * be the store's own user. So {@link #asParameter} makes each call a parameter of the plan, which the store takes
 * as a bind parameter, and {@link #withUser} gives each execution the connection's user as its value. A connection
 * opened without a user keeps Calcite's {@code sa}.
 */
final class SessionUser {
  /** The connection property that names the user, as in {@code DriverManager.getConnection(url, user, password)}. */
  static final String PROPERTY = "user";
  /** The parameter's index: beyond any statement's own {@code ?} and the session time's. */
  static final int PARAMETER = (1 << 20) + 16;
  private static final String NAME = "?" + PARAMETER;
  private static final Set<SqlOperator> CALLS = Set.of(SqlStdOperatorTable.CURRENT_USER, SqlStdOperatorTable.SESSION_USER,
      SqlStdOperatorTable.USER, SqlStdOperatorTable.CURRENT_ROLE, SqlStdOperatorTable.SYSTEM_USER);

  private SessionUser() {
  }

  /** {@code rel} with each call of the user as {@code CAST(? AS VARCHAR)} of the parameter {@link #withUser} gives. */
  static RelNode asParameter(RelNode rel) {
    RexBuilder rex = rel.getCluster().getRexBuilder();
    RelDataType text = rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR);
    RexShuttle calls = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (CALLS.contains(call.getOperator())) {
          return rex.makeAbstractCast(call.getType(), new RexDynamicParam(text, PARAMETER), false);
        }
        return super.visitCall(call);
      }
    };
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(calls);
      }
    });
  }

  /** {@code root} answering the user's parameter with its connection's {@code user}, or Calcite's user without one. */
  static DataContext withUser(DataContext root) {
    Objects.requireNonNull(root, "root");
    String given = root.getQueryProvider() instanceof CalciteConnection connection
        ? connection.getProperties().getProperty(PROPERTY) : null;
    String user = given != null ? given : String.valueOf(root.get(DataContext.Variable.USER.camelName));
    return new ExecutionValues(root, name -> NAME.equals(name) || DataContext.Variable.USER.camelName.equals(name)
        ? user : null);
  }
}
