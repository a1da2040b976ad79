package org.marketingsql.pgwire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.pgwire.PgTokens.Token;
import org.marketingsql.readonly.SqlText;

/**
 * SQL-level {@code PREPARE name [(types)] AS statement}, {@code EXECUTE name(args)} and
 * {@code DEALLOCATE}: how psql 15, which has no {@code \bind}, runs a query with parameters. Only a
 * statement the read-only gate lets through can be prepared, so EXECUTE only ever reads. Each
 * argument replaces its {@code $n}, cast to the declared type.
 */
final class SqlPrepare {
  private static final Pattern PREPARE = Pattern.compile(
      "(?is)prepare\\s+(\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\s*(?:\\(([^)]*)\\))?\\s+as\\s+(.*)");
  private static final Pattern EXECUTE = Pattern.compile("(?is)execute\\s+(\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\s*(?:\\((.*)\\))?\\s*");
  private static final Pattern DEALLOCATE = Pattern.compile("(?is)deallocate\\s+(?:prepare\\s+)?(\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\s*");

  /** A PREPARE: its query, its declared types, its whole text, when it ran and how often EXECUTE ran the query. */
  private record Statement(String sql, List<String> types, String text, Instant prepared, LongAdder runs) {
  }

  /** What PREPARE may prepare, as in PostgreSQL: a query, never another PREPARE, EXECUTE or DEALLOCATE. */
  private static final Set<String> PREPARABLE = Set.of("select", "with", "values", "table");
  private final Map<String, Statement> statements = new HashMap<>();
  private final int max;

  SqlPrepare(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, found " + max);
    }
    this.max = max;
  }

  /** Stores a PREPARE; throws 42601 when it cannot be read, 25006 when the statement writes. */
  void prepare(String sql) throws PgException {
    Matcher m = PREPARE.matcher(sql.strip());
    if (!m.matches()) {
      throw new PgException("42601", "syntax error in PREPARE: expected PREPARE name [(type, ...)] AS statement");
    }
    String body = m.group(3);
    PgException.unlessReadOnly(body);
    if (!PREPARABLE.contains(SqlText.firstKeyword(body))) {
      throw new PgException("42601", "PREPARE can prepare only a query (SELECT, WITH, VALUES or TABLE), not "
          + SqlText.firstKeyword(body).toUpperCase(Locale.ROOT));
    }
    String name = name(m.group(1));
    if (statements.containsKey(name)) {
      throw new PgException("42P05", "prepared statement \"" + name + "\" already exists");
    }
    if (statements.size() >= max) {
      throw new PgException("54000", "too many prepared statements: at most " + max + " per session; DEALLOCATE some");
    }
    List<String> types = m.group(2) == null || m.group(2).isBlank() ? List.of() : List.of(m.group(2).strip().split("\\s*,\\s*"));
    statements.put(name, new Statement(body, types, sql.strip(), Instant.now(), new LongAdder()));
  }

  /** The statement an EXECUTE runs, with its arguments in place of {@code $n}. */
  String execute(String sql) throws PgException {
    Matcher m = EXECUTE.matcher(sql.strip());
    if (!m.matches()) {
      throw new PgException("42601", "syntax error in EXECUTE: expected EXECUTE name [(argument, ...)]");
    }
    String name = name(m.group(1));
    Statement statement = statements.get(name);
    if (statement == null) {
      throw new PgException("26000", "prepared statement \"" + name + "\" does not exist");
    }
    statement.runs().increment();
    List<String> args = m.group(2) == null ? List.of() : arguments(m.group(2));
    if (args.size() != statement.types().size() && !statement.types().isEmpty()) {
      throw new PgException("42601", "wrong number of parameters for prepared statement \"" + name + "\": expected "
          + statement.types().size() + ", found " + args.size());
    }
    return SqlText.replacePlaceholders(statement.sql(), n -> {
      if (n < 1 || n > args.size()) {
        return "NULL";
      }
      String arg = "(" + args.get(n - 1) + ")";
      return n <= statement.types().size() ? arg + "::" + statement.types().get(n - 1) : arg;
    });
  }

  /**
   * The statements PREPARE made, as pg_prepared_statements lists them: a parameter's type is the one declared (text
   * for one the PREPARE left undeclared, and for a type name pg_type does not have).
   */
  List<ListedStatement> listed() {
    List<ListedStatement> out = new ArrayList<>();
    statements.forEach((name, s) -> {
      int[] declared = s.types().stream().mapToInt(t -> CatalogTypes.oidOf(t).orElse(PgType.TEXT.oid())).toArray();
      List<Integer> types = Arrays.stream(new Prepared(s.sql(), declared).describedTypes()).boxed().toList();
      out.add(new ListedStatement(name, s.text(), s.prepared(), types, true, s.runs().sum()));
    });
    return out;
  }

  void deallocate(String sql) throws PgException {
    String s = sql.strip();
    if (s.toLowerCase(Locale.ROOT).matches("deallocate\\s+(prepare\\s+)?all")) {
      statements.clear();
      return;
    }
    Matcher m = DEALLOCATE.matcher(s);
    if (!m.matches()) {
      throw new PgException("42601", "syntax error in DEALLOCATE: expected DEALLOCATE name or ALL");
    }
    if (statements.remove(name(m.group(1))) == null) {
      throw new PgException("26000", "prepared statement \"" + name(m.group(1)) + "\" does not exist");
    }
  }

  private static String name(String raw) {
    return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(Locale.ROOT);
  }

  /** The top-level comma-separated arguments, quotes and nested parentheses respected. */
  private static List<String> arguments(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (Token t : PgTokens.tokenize(text)) {
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      }
      if (t.is(",") && depth == 0) {
        out.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(t.text());
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
