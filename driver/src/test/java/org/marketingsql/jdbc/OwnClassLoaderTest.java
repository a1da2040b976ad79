package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;

/**
 * A BI tool (DBeaver, BIRT, Tableau) loads the driver in a class loader of its own, whose threads' context class
 * loader does not see the driver jar, and calls the driver's {@code connect} itself: the driver still reads its
 * jar's settings and still reaches its DuckDB store there.
 */
@ExtendWith(IsolatedHome.class)
class OwnClassLoaderTest {
  @Test
  void aDriverLoadedInItsOwnClassLoaderMakesCalcitesLiteralsUtf8WhereCalciteAloneKeepsIsoLatin1() throws Exception {
    assertEquals("UTF-8", inOwnClassLoader(tool -> {
      Class.forName(MarketingDriver.class.getName(), true, tool);
      return defaultCharset(tool);
    }));
    assertEquals("ISO-8859-1", inOwnClassLoader(OwnClassLoaderTest::defaultCharset));
  }

  @Test
  void aDriverLoadedInItsOwnClassLoaderOpensItsDuckDbStoreAndAnswersAFinanceView(@TempDir Path temp) throws Exception {
    Path exports = Fixtures.copy("finance", temp.resolve("exports"));
    String answer = inOwnClassLoader(tool -> {
      Driver driver = (Driver) Class.forName(MarketingDriver.class.getName(), true, tool).getDeclaredConstructor()
          .newInstance();
      try (Connection connection = driver.connect("jdbc:marketing:csv=" + exports, new Properties())) {
        return spendByChannel(connection);
      }
    });
    assertTrue(answer.lines().count() > 1, "one row per channel: " + answer);
    assertEquals(sameQueryHere(exports), answer);
  }

  /** The same query through the driver as the test's own class loader has it. */
  private static String sameQueryHere(Path exports) throws Exception {
    try (Connection connection = new MarketingDriver().connect("jdbc:marketing:csv=" + exports, new Properties())) {
      return spendByChannel(connection);
    }
  }

  private static String spendByChannel(Connection connection) throws Exception {
    StringBuilder text = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT channel, sum(spend_rc) FROM finance.channel_roi GROUP BY channel ORDER BY channel")) {
      while (rows.next()) {
        text.append(rows.getString(1)).append('|').append(rows.getBigDecimal(2).toPlainString()).append('\n');
      }
    }
    return text.toString();
  }

  private interface InLoader {
    String run(ClassLoader tool) throws Exception;
  }

  /** Runs {@code work} with a fresh class loader over the test's class path, on a thread whose context loader is empty. */
  private static String inOwnClassLoader(InLoader work) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    try (URLClassLoader tool = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        URLClassLoader elsewhere = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(elsewhere);
      return work.run(tool);
    } finally {
      thread.setContextClassLoader(context);
    }
  }

  /** Calcite's default charset as the class loader's copy of Calcite has it. */
  private static String defaultCharset(ClassLoader tool) throws Exception {
    Object charset = Class.forName("org.apache.calcite.config.CalciteSystemProperty", true, tool)
        .getField("DEFAULT_CHARSET").get(null);
    return (String) charset.getClass().getMethod("value").invoke(charset);
  }
}
