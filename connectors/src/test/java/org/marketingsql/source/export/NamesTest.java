package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void snakeCaseLowerCasesAndJoinsWordsWithUnderscores() {
    assertEquals("customer_name", Names.snakeCase("Customer Name"));
    assertEquals("cost_eur", Names.snakeCase("Cost (EUR)"));
    assertEquals("a_b_c", Names.snakeCase("a--b  c"));
  }

  @Test
  void snakeCaseTrimsUnderscoresAtBothEnds() {
    assertEquals("id", Names.snakeCase("  _#id#_ "));
  }

  @Test
  void snakeCaseKeepsNonAsciiLetters() {
    assertEquals("größe", Names.snakeCase("Größe"));
  }

  @Test
  void snakeCasePrefixesNamesStartingWithADigit() {
    assertEquals("c_2024_budget", Names.snakeCase("2024 Budget"));
  }

  @Test
  void snakeCaseOfANameWithoutLettersIsEmpty() {
    assertEquals("", Names.snakeCase(" - "));
  }

  @Test
  void columnNamesNumberBlankHeadersByPosition() {
    assertEquals(List.of("a", "column_2", "column_3"), Names.columnNames(List.of("a", "", "€")));
  }

  @Test
  void columnNamesSuffixDuplicates() {
    assertEquals(List.of("cost", "cost_2", "cost_3"), Names.columnNames(List.of("Cost", "cost", "COST")));
  }

  @Test
  void columnNamesDoNotReuseANameWrittenInTheHeader() {
    assertEquals(List.of("cost", "cost_3", "cost_2"), Names.columnNames(List.of("cost", "cost", "cost_2")));
  }

  @Test
  void tableNameIsTheFileNameWithoutExtension() {
    assertEquals("google_ads_2024_q1", Names.tableName(Path.of("/exports/Google Ads 2024-Q1.csv")));
    assertEquals("c_2024_orders", Names.tableName(Path.of("2024.orders.tsv")));
  }

  @Test
  void tableNameOfANameWithoutLettersIsExport() {
    assertEquals("export", Names.tableName(Path.of("---.csv")));
  }

  @Test
  void splitCamelCaseSeparatesPascalCaseWordsButNotAcronyms() {
    assertEquals(List.of("Account Id", "Time Period", "CTR", "Keyword ID"),
        Names.splitCamelCase(List.of("AccountId", "TimePeriod", "CTR", "KeywordID")));
  }
}
