package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.apache.calcite.runtime.CalciteContextException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * What a program or a SQL tool using the driver jar is told of a statement that fails: PostgreSQL's words and
 * SQLSTATE (the same as the PostgreSQL port's) in one line with where, the JDBC subclass of the state's class, and
 * Calcite's error as the cause.
 */
class DriverErrorsTest {
  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(fixture.csvUrl());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private SQLException failure(String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }, sql);
    assertNotNull(e.getSQLState(), sql);
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertFalse(e.getMessage().contains("From line") || e.getMessage().contains("Error while executing SQL")
        || e.getMessage().contains("java.") || e.getMessage().contains("org.apache"), e.getMessage());
    return e;
  }

  @Test
  void anUnknownColumnSaysWhatPostgresqlSaysWithWhereAndKeepsCalcitesErrorAsTheCause() {
    SQLException e = failure("select nosuch from finance.orders");
    assertEquals("42703", e.getSQLState());
    assertEquals("column \"nosuch\" does not exist at line 1, column 8", e.getMessage());
    assertInstanceOf(SQLSyntaxErrorException.class, e);
    boolean calcite = false;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      calcite |= t instanceof CalciteContextException;
    }
    assertTrue(calcite, "Calcite's error is among the causes");
  }

  @Test
  void aQualifiedUnknownColumnNamesItsTable() {
    SQLException e = failure("select o.nosuch from finance.orders o");
    assertEquals("42703", e.getSQLState());
    assertEquals("column o.nosuch does not exist at line 1, column 10", e.getMessage());
  }

  @Test
  void anUnknownRelationIsNamedWithItsSchema() {
    SQLException e = failure("select * from finance.nope");
    assertEquals("42P01", e.getSQLState());
    assertEquals("relation \"finance.nope\" does not exist at line 1, column 15", e.getMessage());
    assertEquals("relation \"nope\" does not exist at line 1, column 15", failure("select * from nope").getMessage());
  }

  @Test
  void aCallNoFunctionTakesNamesTheFunctionAndItsArgumentTypes() {
    SQLException e = failure("select foo(1)");
    assertEquals("42883", e.getSQLState());
    assertEquals("function foo(numeric) does not exist at line 1, column 8", e.getMessage());
  }

  @Test
  void aColumnNeitherGroupedNorAggregatedIsAGroupingError() {
    SQLException e = failure("select currency, order_id from finance.orders group by currency");
    assertEquals("42803", e.getSQLState());
    assertEquals("column \"order_id\" must appear in the GROUP BY clause or be used in an aggregate function"
        + " at line 1, column 18", e.getMessage());
  }

  @Test
  void anOrderByItemASelectDistinctDoesNotSelectIsPostgresqlsError() {
    SQLException e = failure("select distinct currency from finance.orders order by order_id");
    assertEquals("42P10", e.getSQLState());
    assertTrue(e.getMessage().startsWith("for SELECT DISTINCT, ORDER BY expressions must appear in select list at line 1"),
        e.getMessage());
  }

  @Test
  void anAmbiguousColumnAndTypesThatDoNotMatchHaveTheirStates() {
    SQLException ambiguous = failure("select order_id from finance.orders o, finance.orders p");
    assertEquals("42702", ambiguous.getSQLState());
    assertEquals("column reference \"order_id\" is ambiguous at line 1, column 8", ambiguous.getMessage());
    SQLException types = failure("select order_id from finance.orders where amount");
    assertEquals("42804", types.getSQLState());
    assertEquals("WHERE clause must be a condition at line 1, column 43", types.getMessage());
  }

  @Test
  void aSyntaxErrorNamesTheTokenAsWritten() {
    SQLException e = failure("select * from finance.orders on x");
    assertEquals("42601", e.getSQLState());
    assertEquals("syntax error at or near \"on\" at line 1, column 30", e.getMessage());
    assertInstanceOf(SQLSyntaxErrorException.class, e);
  }

  @Test
  void aPreparedStatementsErrorIsTheSameWhenItIsPrepared() {
    SQLException e = assertThrows(SQLException.class,
        () -> connection.prepareStatement("select order_id from finance.orders where nope = ?").close());
    assertEquals("42703", e.getSQLState());
    assertEquals("column \"nope\" does not exist at line 1, column 43", e.getMessage());
  }

  @Test
  void aStatementThePlannerCannotRunIsOneLineNamingTheFeatureNotThePlan() {
    SQLException e = failure("select * from finance.orders match_recognize (order by order_id measures a.amount as x"
        + " pattern (a b) define b as b.amount > a.amount)");
    assertEquals("0A000", e.getSQLState());
    assertEquals("MATCH_RECOGNIZE is not supported", e.getMessage());
    assertInstanceOf(SQLFeatureNotSupportedException.class, e);
    assertNotNull(e.getCause(), "the plan stays in the cause");
  }

  @Test
  void aDivisionByZeroInAConstantIsAnSqlExceptionNotAnError() {
    SQLException e = failure("select 1/0");
    assertEquals("22012", e.getSQLState());
    assertEquals("division by zero", e.getMessage());
    assertInstanceOf(SQLDataException.class, e);
  }

  @Test
  void aScalarSubSelectOfManyRowsSaysSoAsPostgresqlDoes() {
    SQLException e = failure("select (select order_id from finance.orders)");
    assertEquals("21000", e.getSQLState());
    assertEquals("more than one row returned by a subquery used as an expression", e.getMessage());
  }

  @Test
  void textTheStoreCannotCastSaysWhichTextNeverTheStoresStatement() {
    SQLException e = failure("select order_id::int from finance.orders");
    assertEquals("22P02", e.getSQLState());
    assertTrue(e.getMessage().matches("invalid input syntax for type integer: \"o\\d\""), e.getMessage());
    assertFalse(e.getMessage().contains("_marketing") || e.getMessage().contains("SELECT"), e.getMessage());
  }

  @Test
  void anInternalFailureOfThePlannerIsOneLineWithItsStateAndTheWholeFailureAsItsCause() {
    AssertionError planner = new AssertionError("rel#42:RelSubset#7.ENUMERABLE has no best plan\nLogicalProject(x=[$0])\n"
        + "  JdbcTableScan(table=[[_marketing, _facts]])");
    SQLException e = assertInstanceOf(SQLException.class, SqlStates.unchecked(planner));
    assertEquals("XX000", e.getSQLState());
    assertEquals("internal error: the statement could not be planned", e.getMessage());
    assertEquals(planner, e.getCause());
    OutOfMemoryError full = new OutOfMemoryError("Java heap space");
    assertEquals(full, SqlStates.unchecked(full), "the JVM's own failures stay errors");
  }

  @Test
  void theConnectionGoesOnAfterEachError() throws SQLException {
    failure("select nosuch from finance.orders");
    failure("select 1/0");
    try (PreparedStatement ps = connection.prepareStatement("select count(*) from finance.orders");
        ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
    }
  }
}
