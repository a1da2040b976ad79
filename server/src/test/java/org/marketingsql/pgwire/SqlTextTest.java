package org.marketingsql.pgwire;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marketingsql.readonly.SqlText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;


/** Statement splitting, first keywords and placeholders, never fooled by quotes or comments. */
class SqlTextTest {
  @Test
  void semicolonsInsideQuotesAndCommentsDoNotSplit() {
    assertEquals(List.of("select 'a;b'", "select \"x;\" from t -- c;"), SqlText.statements("select 'a;b'; select \"x;\" from t -- c;\n;"));
    assertEquals(List.of(), SqlText.statements(" ; -- nothing\n"));
  }

  @Test
  void theFirstKeywordSkipsCommentsAndParentheses() {
    assertEquals("select", SqlText.firstKeyword("/* hi */ ((SELECT 1))"));
    assertEquals("delete", SqlText.firstKeyword("-- x\n delete from t"));
  }

  @Test
  void commentsBecomeSpacesWhileQuotedDashesAndSlashesStayText() {
    assertEquals("select 1 from t", SqlText.stripComments("  select 1 from t ;\n"));
    assertEquals("select '--x', \"/*y*/\"   from t", SqlText.stripComments("select '--x', \"/*y*/\" /* c */ from t -- d\n;"));
    assertEquals("select 'it''s -- here' from t", SqlText.stripComments("select 'it''s -- here' from t; -- end"));
    assertEquals("select 1 - -2", SqlText.stripComments("select 1 - -2;"));
    assertEquals("select 1", SqlText.stripComments("select 1 /* unterminated"));
  }

  @Test
  void placeholdersInsideStringsStayText() {
    assertEquals("select 'a$1', 7 from t where x = 7",
        SqlText.replacePlaceholders("select 'a$1', $1 from t where x = $1", n -> "7"));
  }

  @Test
  void onlyReadsPassTheGate() throws Exception {
    PgException.unlessReadOnly("with x as (select 1) select * from x");
    PgException.unlessReadOnly("show search_path");
    assertEquals("25006", assertThrows(PgException.class, () -> PgException.unlessReadOnly("/* */ update t set a = 1")).sqlState());
    assertEquals("25006", assertThrows(PgException.class, () -> PgException.unlessReadOnly("copy t to stdout")).sqlState());
  }

  @Test
  void postgresExplainBecomesCalcitesExplainPlanFor() {
    assertEquals("EXPLAIN PLAN FOR select 1", SqlSession.forCalcite("explain select 1", "marketing"));
    assertEquals("explain plan for select 1", SqlSession.forCalcite("explain plan for select 1", "marketing"));
  }
}
