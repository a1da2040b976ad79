package org.marketingsql.jdbc;

/** The driver's version, as JDBC clients show it. */
final class Version {
  static final int MAJOR = 0;
  static final int MINOR = 1;
  static final String TEXT = MAJOR + "." + MINOR + ".0";

  private Version() {
  }
}
