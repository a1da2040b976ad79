package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeylessCatalogTest {
  @Test
  void aKeyQueryIsAnsweredEmptyWithTheOuterSelectsColumnNames() {
    String sql = "SELECT result.TABLE_CAT, result.KEY_SEQ AS \"KEY_SEQ\", x AS pk_name FROM (SELECT"
        + " (information_schema._pg_expandarray(con.conkey)).n AS KEY_SEQ, a, b FROM pg_catalog.pg_constraint con) result";
    LocalResult answer = KeylessCatalog.answer(sql).orElseThrow();
    assertEquals(List.of("table_cat", "KEY_SEQ", "pk_name"), answer.columns());
    assertTrue(answer.rows().isEmpty());
  }

  @Test
  void otherCatalogQueriesAreLeftToCalcite() {
    assertTrue(KeylessCatalog.answer("select * from pg_catalog.pg_index").isEmpty());
    assertTrue(KeylessCatalog.answer("select * from generate_series(1, 3)").isEmpty());
  }
}
