package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsInsertTest {
  @TempDir
  Path temp;

  @Test
  void rowsSpanningSeveralStatementsAllArriveWithTheirValuesAndNulls() {
    try (Store store = Store.open("jdbc:duckdb:" + temp.resolve("store.duckdb"))) {
      store.write("test", handle -> {
        handle.execute("CREATE TABLE \"t\" (\"day\" DATE, \"name\" VARCHAR, \"amount\" DECIMAL(18,6))");
        RowsInsert insert = new RowsInsert(handle, "\"t\"", List.of("day", "name", "amount"));
        for (int i = 0; i < 2_501; i++) { // 1,000 rows a statement: three statements
          insert.add(Date.valueOf(LocalDate.of(2025, 1, 1).plusDays(i)), i % 2 == 0 ? null : "n" + i,
              new BigDecimal("0.000001").add(BigDecimal.valueOf(i)));
        }
        insert.flush();
        return null;
      });
      store.read(handle -> {
        assertEquals(2_501L, handle.createQuery("SELECT COUNT(*) FROM \"t\"").mapTo(Long.class).one());
        assertEquals(1_250L, handle.createQuery("SELECT COUNT(\"name\") FROM \"t\"").mapTo(Long.class).one());
        assertEquals(new BigDecimal("3126250.002501"),
            handle.createQuery("SELECT SUM(\"amount\") FROM \"t\"").mapTo(BigDecimal.class).one());
        assertEquals(LocalDate.of(2025, 1, 1).plusDays(2_500),
            handle.createQuery("SELECT MAX(\"day\") FROM \"t\" WHERE \"name\" IS NULL").mapTo(LocalDate.class).one());
        return null;
      });
    }
  }

  @Test
  void aRowWithTheWrongNumberOfValuesIsRefusedNamingBoth() {
    try (Store store = Store.open("jdbc:duckdb:" + temp.resolve("store.duckdb"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.write("test", handle -> {
        new RowsInsert(handle, "\"t\"", List.of("a", "b")).add(1);
        return null;
      }));
      assertEquals("a row of 1 values for 2 columns", e.getMessage());
    }
  }
}
