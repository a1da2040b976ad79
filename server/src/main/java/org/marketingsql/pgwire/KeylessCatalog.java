package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.marketingsql.pgwire.PgTokens.Kind;
import org.marketingsql.pgwire.PgTokens.Token;
import org.marketingsql.readonly.SqlText;

/**
 * pgJDBC's key and index look-ups ({@code getPrimaryKeys}, {@code getImportedKeys}, {@code getExportedKeys},
 * {@code getIndexInfo}) and SQLAlchemy's {@code get_pk_constraint} expand {@code pg_constraint.conkey} and
 * {@code pg_index.indkey} with set-returning functions ({@code information_schema._pg_expandarray},
 * {@code generate_series}, {@code generate_subscripts}, {@code unnest}) or {@code = ANY(indkey)}, which
 * Calcite cannot run (SQLAlchemy's {@code get_indexes} too).
 * The views and tables served have no constraints or indexes (both catalogs are empty), so such a query
 * has no rows: it is answered empty, with the columns its outer select names.
 */
final class KeylessCatalog {
  private KeylessCatalog() {
  }

  static Optional<LocalResult> answer(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    boolean expands = lower.contains("_pg_expandarray") || lower.contains("generate_series")
        || lower.contains("generate_subscripts") || lower.matches("(?s).*\\bunnest\\s*\\(.*")
        || lower.matches("(?s).*=\\s*any\\s*\\(\\s*(\\w+\\.)?(indkey|conkey|confkey)\\s*\\).*");
    boolean keys = lower.contains("pg_constraint") || lower.contains("pg_index");
    if (!expands || !keys || !SqlText.firstKeyword(sql).equals("select")) {
      return Optional.empty();
    }
    List<String> columns = outerColumns(sql);
    return columns.isEmpty() ? Optional.empty() : Optional.of(new LocalResult(columns, List.of(), "SELECT 0"));
  }

  /** The names of the outermost select list's items: their alias, else their last name. */
  static List<String> outerColumns(String sql) {
    List<Token> t = PgTokens.tokenize(sql).stream().filter(Token::significant).toList();
    List<String> names = new ArrayList<>();
    int depth = 0;
    int start = -1;
    for (int i = 0; i < t.size(); i++) {
      Token token = t.get(i);
      if (token.is("(")) {
        depth++;
      } else if (token.is(")")) {
        depth--;
      } else if (depth == 0 && start < 0 && token.is("select")) {
        start = i + 1;
        if (start < t.size() && t.get(start).is("distinct")) {
          start++;
        }
      } else if (depth == 0 && start >= 0 && (token.is(",") || token.is("from"))) {
        names.add(name(t.subList(start, i)));
        if (token.is("from")) {
          return names;
        }
        start = i + 1;
      }
    }
    if (start >= 0 && start < t.size()) {
      names.add(name(t.subList(start, t.size())));
    }
    return names;
  }

  private static String name(List<Token> item) {
    Token last = item.isEmpty() ? new Token(Kind.WORD, "?column?") : item.get(item.size() - 1);
    if (last.kind() == Kind.QUOTED_IDENT) {
      return last.text().substring(1, last.text().length() - 1).replace("\"\"", "\"");
    }
    return last.kind() == Kind.WORD ? last.lower() : "?column?";
  }
}
