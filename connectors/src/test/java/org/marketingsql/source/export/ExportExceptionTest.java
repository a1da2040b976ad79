package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportExceptionTest {

  private static final Path FILE = Path.of("/exports/orders.csv");

  @Test
  void valueMessageNamesFileLineColumnAndValue() {
    ExportException e = ExportException.ofValue(FILE, 17, "amount", "12,3x", "is not a decimal number");
    assertEquals("orders.csv line 17, column amount: '12,3x' is not a decimal number", e.getMessage());
    assertEquals(FILE, e.file());
    assertEquals(17, e.line());
    assertEquals("amount", e.column());
    assertEquals("12,3x", e.value());
  }

  @Test
  void fileMessageHasNoLineAndKeepsTheCause() {
    IOException cause = new IOException("disk gone");
    ExportException e = ExportException.ofFile(FILE, "cannot be read", cause);
    assertEquals("orders.csv: cannot be read", e.getMessage());
    assertEquals(0, e.line());
    assertNull(e.column());
    assertNull(e.value());
    assertSame(cause, e.getCause());
  }

  @Test
  void longValuesAreCutInTheMessageButNotInValue() {
    String value = "x".repeat(500);
    ExportException e = ExportException.ofValue(FILE, 2, "a", value, "is not a date");
    assertEquals(value, e.value());
    assertEquals("orders.csv line 2, column a: '" + "x".repeat(80) + "...' is not a date", e.getMessage());
  }
}
