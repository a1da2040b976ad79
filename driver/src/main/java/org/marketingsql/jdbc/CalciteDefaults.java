package org.marketingsql.jdbc;

import org.apache.calcite.config.CalciteSystemProperty;

/**
 * Loads Calcite's settings from the driver jar's {@code saffron.properties} (string literals in UTF-8, the cache of
 * compiled plans): Calcite reads that file once, through the thread's context class loader, which in a BI tool that
 * loads the driver jar in a class loader of its own does not see the jar. {@link #load} reads it with the driver's
 * class loader instead, so the settings hold without JVM options; a {@code -Dcalcite.*} option still overrides them.
 */
final class CalciteDefaults {
  private CalciteDefaults() {
  }

  /** Reads Calcite's settings, unless Calcite has read them already; called before the driver uses Calcite. */
  static void load() {
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    thread.setContextClassLoader(CalciteDefaults.class.getClassLoader());
    try {
      CalciteSystemProperty.DEFAULT_CHARSET.value();
    } finally {
      thread.setContextClassLoader(context);
    }
  }
}
