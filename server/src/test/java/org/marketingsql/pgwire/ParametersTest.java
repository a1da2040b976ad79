package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Bind's values as SQL literals, and numeric's binary form both ways. */
class ParametersTest {
  @Test
  void textValuesBecomeLiteralsOfTheirType() throws Exception {
    assertEquals("'it''s'", Parameters.textLiteral("it's", 1043));
    assertEquals("(-5)", Parameters.textLiteral("-5", 23));
    assertEquals("DATE '2025-01-15'", Parameters.textLiteral("2025-01-15 +00", 0));
    assertEquals("TIMESTAMP '2025-01-15 10:00:00'", Parameters.textLiteral("2025-01-15 10:00:00+02", 1114));
    assertEquals("TRUE", Parameters.textLiteral("t", 16));
    assertEquals("NULL", Parameters.textLiteral(null, 23));
  }

  @Test
  void aNumberParameterThatIsNotANumberIsRefusedNotInjected() {
    PgException e = assertThrows(PgException.class, () -> Parameters.textLiteral("1; drop table x", 23));
    assertEquals("22P02", e.sqlState());
  }

  @Test
  void numericsSurviveTheBinaryFormExactly() throws Exception {
    for (String v : new String[] {"0", "0.00", "1", "-1", "10000", "123456789.000123", "-0.0001", "110.00", "5037098.09"}) {
      BigDecimal d = new BigDecimal(v);
      BigDecimal back = Parameters.readNumeric(Unpooled.wrappedBuffer(Parameters.writeNumeric(d)));
      assertEquals(d, back, v);
    }
  }
}
