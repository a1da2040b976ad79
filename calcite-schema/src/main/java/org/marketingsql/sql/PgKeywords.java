package org.marketingsql.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The rows of {@code pg_get_keywords()}: PostgreSQL 15's keyword list as its own function returns it
 * (word, category code and description, whether the word may be a bare column label), kept in
 * {@code pg_keywords.tsv}. Editors such as DBeaver read it to highlight SQL. Public, for Calcite's
 * generated code.
 */
public final class PgKeywords {
  private static final String RESOURCE = "pg_keywords.tsv";
  private static final List<Object[]> ROWS = read();

  private PgKeywords() {
  }

  /** Whether {@code word} is a keyword PostgreSQL does not take as a plain name ({@code quote_ident} quotes it). */
  static boolean isReserved(String word) {
    return ROWS.stream().anyMatch(row -> row[0].equals(word) && !"U".equals(row[1]));
  }

  public static Enumerable<Object[]> rows() {
    return Linq4j.asEnumerable(ROWS).select(Object[]::clone);
  }

  private static List<Object[]> read() {
    try (InputStream in = PgKeywords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the keyword list " + RESOURCE + " is missing from the class path");
      }
      List<Object[]> rows = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
          throw new IllegalStateException("line '" + line + "' of " + RESOURCE + " has not 5 fields");
        }
        rows.add(new Object[] {f[0], f[1], f[2].equals("t"), f[3], f[4]});
      }
      return List.copyOf(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the keyword list " + RESOURCE, e);
    }
  }
}
