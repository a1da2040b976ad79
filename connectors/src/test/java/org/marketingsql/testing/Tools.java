package org.marketingsql.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that drive a real client (psql, psycopg2, psqlODBC, pdftotext, chromium) need it installed. On a
 * developer's machine a missing one skips the test, saying what to install; where
 * {@code MARKETINGSQL_REQUIRE_TOOLS=1} (set by {@code .ci/run}, which installs them all) it fails it, so
 * CI can never pass by skipping.
 */
public final class Tools {
  private Tools() {
  }

  /** Skips, or fails under {@code MARKETINGSQL_REQUIRE_TOOLS=1}, when {@code present} is false. */
  public static void require(boolean present, String missing) {
    if (!present && "1".equals(System.getenv("MARKETINGSQL_REQUIRE_TOOLS"))) {
      fail(missing + ", and MARKETINGSQL_REQUIRE_TOOLS=1 says every real client must be there");
    }
    assumeTrue(present, missing);
  }
}
