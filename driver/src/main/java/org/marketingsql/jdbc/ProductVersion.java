package org.marketingsql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marketing SQL's version, as the build wrote it into {@value #RESOURCE}: the one place the driver's
 * {@code getDriverVersion}, the command line's {@code --version} and the PostgreSQL port's
 * {@code version()} read it from.
 */
public final class ProductVersion {
  static final String RESOURCE = "/org/marketingsql/version.properties";
  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+).*");
  private static final String TEXT = read();

  private ProductVersion() {
  }

  /** The project's version, e.g. {@code 0.1.0} or {@code 0.2.0-SNAPSHOT}. */
  public static String text() {
    return TEXT;
  }

  /** The first number of the version. */
  public static int major() {
    return number(1);
  }

  /** The second number of the version. */
  public static int minor() {
    return number(2);
  }

  private static int number(int group) {
    Matcher m = NUMBERS.matcher(TEXT);
    if (!m.matches()) {
      throw new IllegalStateException("version '" + TEXT + "' in " + RESOURCE + " does not start with MAJOR.MINOR");
    }
    return Integer.parseInt(m.group(group));
  }

  private static String read() {
    try (InputStream in = ProductVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: build the driver with Maven");
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "").trim();
      if (version.isEmpty() || version.startsWith("${")) {
        throw new IllegalStateException(RESOURCE + " holds no version ('" + version
            + "'): the build fills it in by resource filtering");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
