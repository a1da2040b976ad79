package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In a BI tool that loads the driver in a class loader of its own, whose threads' context class loader does not see
 * the driver jar, Calcite still reads the jar's settings once the driver is loaded: string literals are UTF-8.
 */
class CalciteDefaultsTest {
  @Test
  void aDriverLoadedInItsOwnClassLoaderMakesCalcitesLiteralsUtf8WhereCalciteAloneKeepsIsoLatin1() throws Exception {
    assertEquals("UTF-8", defaultCharset(true));
    assertEquals("ISO-8859-1", defaultCharset(false));
  }

  /** Calcite's default charset in a fresh class loader over the test's class path, the driver loaded first or not. */
  private static String defaultCharset(boolean loadDriver) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    try (URLClassLoader tool = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        URLClassLoader elsewhere = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(elsewhere);
      if (loadDriver) {
        Class.forName(MarketingDriver.class.getName(), true, tool);
      }
      Object charset = Class.forName("org.apache.calcite.config.CalciteSystemProperty", true, tool)
          .getField("DEFAULT_CHARSET").get(null);
      return (String) charset.getClass().getMethod("value").invoke(charset);
    } finally {
      thread.setContextClassLoader(context);
    }
  }
}
