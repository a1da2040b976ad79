package org.marketingsql.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A query log line: the statement on one line and shortened, as the log has always written it. */
class QueryAuditTest {
  /** What a line held before it was written without a regular expression: the reference the line must equal. */
  private static String reference(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  @Test
  void aStatementOnSeveralLinesIsLoggedOnOneWithEachRunOfWhiteSpaceOneSpace() {
    assertEquals("user=ann address=10.0.0.1 ms=3 rows=7 sql=SELECT channel, SUM(spend_rc) FROM finance.channel_roi"
        + " GROUP BY channel", QueryAudit.ran("ann", "10.0.0.1",
            "\n  SELECT channel,\tSUM(spend_rc)\r\n  FROM finance.channel_roi\f\u000B GROUP BY channel \n", 7, 3).line());
    assertEquals("user=ann address=? ms=0 failed=[22012] division by zero sql=SELECT 1 / 0",
        QueryAudit.failed("ann", null, "SELECT 1\n/ 0", 0, "22012", "division\n   by zero").line());
  }

  @Test
  void aLongStatementIsCutAfterThreeHundredCharactersWithAnEllipsis() {
    String select = "SELECT " + "x, ".repeat(200) + "y FROM t";
    String line = QueryAudit.oneLine(select);
    assertEquals(301, line.length());
    assertEquals(select.substring(0, 300) + "…", line);
    assertEquals("a".repeat(300), QueryAudit.oneLine("a".repeat(300)), "exactly 300 characters are not cut");
  }

  @Test
  void everyTextIsWrittenAsTheRegularExpressionWroteIt() {
    List<String> texts = new ArrayList<>(List.of("", " ", "\t\n", "a", " a ", "a  b", "\u2003a\u2003",
        "a".repeat(300) + " ", "a".repeat(300) + " \u2003 ", "a".repeat(299) + " \u2003 " + "b",
        "a".repeat(299) + "\u2003" + "   ", "a".repeat(301), " ".repeat(400) + "a", "a" + " ".repeat(400) + "b",
        "a".repeat(300) + " \u2003" + " ".repeat(5) + "b", "\u001Ca\u001C b"));
    Random random = new Random(20261207);
    char[] alphabet = {'a', 'b', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u2003', '\u00A0', '\u001C', ','};
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(2) == 0 ? random.nextInt(20) : 280 + random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      texts.add(text.toString());
    }
    for (String text : texts) {
      assertEquals(reference(text), QueryAudit.oneLine(text), () -> "for " + text.codePoints()
          .mapToObj(c -> Integer.toHexString(c)).toList());
    }
  }
}
