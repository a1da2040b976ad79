package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.PostgresCluster;
import org.postgresql.util.PSQLException;

/**
 * The numbers, aggregates, groupings and windows analysts and BI tools write, answered on the port as a real
 * PostgreSQL 15 answers them: a corpus of statements over literals, VALUES lists and generate_series
 * ({@code numeric-parity.sql}) is run through pgJDBC on the port and on PostgreSQL, and each
 * statement's answer is compared: the columns' names and type names (which pgJDBC reads from the type OIDs of
 * RowDescription), each value's text, or the error's SQLSTATE and message. The statements that still differ are
 * listed in {@link #EXCEPTIONS} with the reason, and asserted to differ, so the list stays true.
 */
class PgNumericParityTest {
  @RegisterExtension
  static final PostgresCluster POSTGRES = PostgresCluster.trust();
  @RegisterExtension
  static final ClassServer SERVER = ClassServer.finance(TestServer.FIN);

  /** The statements whose answer on the port differs from PostgreSQL's, with why. */
  static final Map<String, String> EXCEPTIONS = exceptions();

  private static final Map<String, Answer> PORT = new LinkedHashMap<>();
  private static final Map<String, Answer> POSTGRESQL = new LinkedHashMap<>();

  private static Map<String, String> exceptions() {
    Map<String, String> exceptions = new LinkedHashMap<>();
    except(exceptions, "Calcite simplifies a division by one into a cast to the quotient's type (six decimals) before the "
        + "driver sees the division",
        "SELECT 1::numeric/1");
    except(exceptions, "a literal with an exponent is a double precision in Calcite's parser (PostgreSQL: numeric)",
        "SELECT 1e3/7",
        "SELECT 1e3",
        "SELECT 2.5e-3",
        "SELECT pg_typeof(1), pg_typeof(1.5), pg_typeof(1e3), pg_typeof(1::int8 + 1)");
    except(exceptions, "abs of the smallest smallint is 22003 in the driver's words (PostgreSQL: smallint out of range)",
        "SELECT abs(-32768::smallint)");
    except(exceptions, "a real with an integer stays a real (PostgreSQL: double precision)",
        "SELECT 1::float4 + 1::int4",
        "SELECT 1/3::float4");
    except(exceptions, "round and sign of an integer keep the integer type (PostgreSQL: double precision)",
        "SELECT round(42)",
        "SELECT sign(-3)");
    except(exceptions, "power, sqrt and exp of a numeric are computed in double precision (PostgreSQL: numeric)",
        "SELECT power(2.0, 3)",
        "SELECT sqrt(2.0)",
        "SELECT exp(1.0)");
    except(exceptions, "a double precision's invalid result is NaN or Infinity, not an error",
        "SELECT sqrt(-1)",
        "SELECT 1e308::float8 * 10");
    except(exceptions, "an integer meeting a numeric in one column gets the column's decimals (PostgreSQL keeps each value's "
        + "digits)",
        "SELECT greatest(1, 2.5, 3)",
        "SELECT coalesce(NULL, 1, 2.5)",
        "SELECT CASE WHEN true THEN 1 ELSE 2.5 END",
        "SELECT 1 UNION SELECT 2.5 ORDER BY 1",
        "SELECT min(x), max(x) FROM (VALUES (1.5), (3.25)) t(x)");
    except(exceptions, "avg and variance of exact numbers keep sixteen decimals where PostgreSQL picks the scale from the "
        + "values (docs/sql.md, avg); the standard deviation is the square root in double precision",
        "SELECT avg(x) FROM (VALUES (1), (1), (1)) t(x)",
        "SELECT avg(x) FROM (VALUES (0.1), (0.0)) t(x)",
        "SELECT avg(x) FROM (VALUES (123456789), (123456790)) t(x)",
        "SELECT stddev(x) FROM (VALUES (1), (2)) t(x)",
        "SELECT stddev(x) FROM (VALUES (1), (2), (4)) t(x)",
        "SELECT stddev_pop(x) FROM (VALUES (1), (2), (4)) t(x)",
        "SELECT variance(x) FROM (VALUES (1.5), (2.5)) t(x)",
        "SELECT variance(x) FROM (VALUES (1), (1)) t(x)",
        "SELECT stddev_pop(x) FROM (VALUES (1)) t(x)",
        "SELECT x, avg(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1), (2), "
            + "(4)) t(x) ORDER BY x");
    except(exceptions, "an output name inside an ORDER BY expression is the output column, as Calcite reads it (PostgreSQL: "
        + "only an input column of that name, an error when there is none)",
        "SELECT x AS r FROM (VALUES (1), (2)) t(x) ORDER BY r + 1",
        "SELECT -x AS x FROM (VALUES (1), (2)) t(x) ORDER BY x + 0");
    except(exceptions, "pg_typeof returns text (PostgreSQL: regtype)",
        "SELECT pg_typeof(7/2), pg_typeof(7.0/2), pg_typeof(sqrt(2)), pg_typeof(power(2, 3))");
    except(exceptions, "width_bucket of double precision values is computed in exact decimal, where PostgreSQL computes "
        + "in double precision: a value at a bucket's edge may fall in the neighbouring bucket",
        "SELECT width_bucket(5.35::float8, 0, 10, 5), width_bucket(0.3::float8, 0.1::float8, 0.5::float8, 2)");
    except(exceptions, "PostgreSQL's prefix operators |/ and @, and gcd and lcm are not taken",
        "SELECT |/ 25.0",
        "SELECT @ -5",
        "SELECT gcd(12, 18), lcm(4, 6)");
    return exceptions;
  }

  private static void except(Map<String, String> exceptions, String reason, String... statements) {
    for (String sql : statements) {
      exceptions.put(sql, reason);
    }
  }

  /** A statement's answer: its columns ({@code name type}) and rows, or its error. */
  private record Answer(List<String> columns, List<String> rows, String error) {
    @Override
    public String toString() {
      return error != null ? "ERROR " + error : columns + " " + rows;
    }
  }

  @BeforeAll
  static void answerTheCorpusOnBothSides() throws Exception {
    List<String> corpus = corpus();
    try (Connection port = SERVER.connect("fin", "f1n"); Connection pg = POSTGRES.connection()) {
      for (String sql : corpus) {
        PORT.put(sql, answer(port, sql));
        POSTGRESQL.put(sql, answer(pg, sql));
      }
    }
  }

  @AfterAll
  static void forget() {
    PORT.clear();
    POSTGRESQL.clear();
  }

  @Test
  void theCorpusCoversAtLeastOneHundredAndFiftyStatements() throws IOException {
    assertTrue(corpus().size() >= 150, "statements: " + corpus().size());
  }

  @Test
  void everyStatementOfTheCorpusIsAnsweredAsPostgresqlAnswersIt() {
    List<String> differences = new ArrayList<>();
    PORT.forEach((sql, answer) -> {
      if (!EXCEPTIONS.containsKey(sql) && !answer.equals(POSTGRESQL.get(sql))) {
        differences.add(sql + "\n  port:       " + answer + "\n  postgresql: " + POSTGRESQL.get(sql));
      }
    });
    assertEquals("", String.join("\n", differences), differences.size() + " statements differ");
  }

  @Test
  void everyDocumentedExceptionIsInTheCorpusAndStillDiffers() {
    List<String> stale = new ArrayList<>();
    EXCEPTIONS.keySet().forEach(sql -> {
      if (!PORT.containsKey(sql) || PORT.get(sql).equals(POSTGRESQL.get(sql))) {
        stale.add(sql);
      }
    });
    assertEquals(List.of(), stale, "exceptions that are no longer exceptions (or not in the corpus)");
  }

  private static Answer answer(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + " " + meta.getColumnTypeName(i));
      }
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.add(Objects.requireNonNullElse(rs.getString(i), "NULL"));
        }
        rows.add(String.join("|", values));
      }
      return new Answer(columns, rows, null);
    } catch (PSQLException e) {
      if (e.getServerErrorMessage() == null) {
        throw e;
      }
      return new Answer(List.of(), List.of(), e.getSQLState() + " " + e.getServerErrorMessage().getMessage());
    }
  }

  /**
   * The statements of {@code numeric-parity.sql}: its lines that are neither blank nor comments, a line that begins with
   * blanks joined to the one before it by a space.
   */
  private static List<String> corpus() throws IOException {
    try (InputStream in = PgNumericParityTest.class.getResourceAsStream("numeric-parity.sql")) {
      if (in == null) {
        throw new IOException("numeric-parity.sql is not beside PgNumericParityTest");
      }
      List<String> statements = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("--")) {
          continue;
        }
        if (Character.isWhitespace(line.charAt(0)) && !statements.isEmpty()) {
          statements.set(statements.size() - 1, statements.get(statements.size() - 1) + " " + line.strip());
        } else {
          statements.add(line.strip());
        }
      }
      return statements;
    }
  }
}
