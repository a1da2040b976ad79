package org.marketingsql.pgwire;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.marketingsql.pgwire.PgTokens.Kind;
import org.marketingsql.pgwire.PgTokens.Token;

/**
 * The answers to catalog queries, kept for every session of a server: BI tools send the same catalog texts on every
 * connection they open (psqlODBC's SQLColumns, pgJDBC's getColumns, psql's {@code \d}), and Calcite plans each anew
 * on each connection, since plans are kept per connection. An answer is kept by the user, their access policy, the
 * schema unqualified names resolve to, the statement's text and the catalog's generation ({@link CatalogSource}, which
 * changes when the schemas, relations or columns the policy reads change), so it is what planning the text again on
 * another connection of the same user would return. Only statements that read nothing but the catalogs and call
 * nothing that depends on the session, the clock or chance are kept: {@link #keepable} tells from the text which
 * statements may be (no parameters, no user's schema or relation named), {@link CatalogCalls} decides from the plan
 * what they read and call; the rest are planned as before.
 */
final class CatalogAnswers {
  /** Answers larger than this many bytes are sent but not kept: a kept answer is usually a few kilobytes. */
  static final long LARGEST_KEPT_BYTES = 128 * 1024;

  /** What an answer is kept by. */
  record Key(String user, String policy, String schema, String sql, long generation) {
    Key {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(sql, "sql");
    }
  }

  /** A kept answer: its columns (their types and origins; the format is chosen per statement) and its rows in both encodings. */
  record Answer(List<Column> columns, List<Result.EncodedRow> rows) {
    Answer {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    long bytes() {
      return rows.stream().mapToLong(Result.EncodedRow::bytes).sum();
    }
  }

  private final BoundedCache<Key, Answer> answers;

  CatalogAnswers(int capacity) {
    this.answers = new BoundedCache<>(capacity);
  }

  Optional<Answer> find(Key key) {
    return Optional.ofNullable(answers.find(key));
  }

  /** Keeps {@code answer} unless it is too large to keep, or holds values that depend on the session's time zone. */
  void keep(Key key, Answer answer) {
    boolean zoned = answer.columns().stream().anyMatch(c -> c.type() == PgType.TIMESTAMPTZ || c.type() == PgType.TIMESTAMP
        || c.type() == PgType.DATE || c.type() == PgType.TIME);
    if (!zoned && answer.bytes() <= LARGEST_KEPT_BYTES) {
      answers.put(key, answer);
    }
  }

  int size() {
    return answers.size();
  }

  /** Calcite's schema of JDBC metadata tables, which every connection has. */
  static final String CALCITE_METADATA = "metadata";

  /** Whether {@code schema} is one of the catalogs this server adds (pg_catalog, information_schema). */
  static boolean isCatalog(String schema) {
    return schema.equals(PgCatalog.NAME) || schema.equals(InformationSchema.NAME);
  }

  /** Whether {@code sql} may name a catalog table at all: the quick test before {@link #keepable} reads the catalog. */
  static boolean mayName(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    return lower.contains("pg_") || lower.contains(InformationSchema.NAME);
  }

  /**
   * Whether {@code sql}'s answer may be kept: a query without parameters that names at least one of
   * {@code catalogRelations} (pg_catalog's and information_schema's tables, or information_schema itself), no other
   * relation or schema of {@code userNames} (the schemas and relations the session may read). Names are compared as
   * words wherever they appear (a column named like a view makes a statement planned each time, which costs time,
   * never a wrong answer). What the statement calls is decided from its plan ({@link CatalogCalls}).
   */
  static boolean keepable(String sql, Set<String> catalogRelations, Set<String> userNames) {
    String first = org.marketingsql.readonly.SqlText.firstKeyword(sql);
    if (!first.equals("select") && !first.equals("with")) {
      return false;
    }
    boolean catalog = false;
    for (Token t : PgTokens.tokenize(sql)) {
      if (t.kind() == Kind.PARAM || t.kind() == Kind.SQL) {
        return false;
      }
      if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENT) {
        continue;
      }
      String name = t.kind() == Kind.WORD ? t.text().toLowerCase(Locale.ROOT)
          : t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
      if (userNames.contains(name)) {
        return false;
      }
      catalog |= catalogRelations.contains(name) || name.equals(InformationSchema.NAME);
    }
    return catalog;
  }
}
