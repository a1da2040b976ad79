package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema a session's unqualified table names are looked up in: {@link LocalAnswers#DEFAULT_SCHEMA}
 * until a {@code SET search_path} names another. The driver has one such schema, not a list, so the
 * first schema of the list that exists and the user may read is the one; pg_catalog is searched
 * always. {@code SHOW search_path}, {@code current_schema()} and {@code current_schemas()} report it.
 */
final class SearchPath {
  private static final Pattern SET = Pattern.compile(
      "set\\s+(?:session\\s+|local\\s+)?search_path\\s*(?:to|=)\\s*(.*?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private volatile String schema = LocalAnswers.DEFAULT_SCHEMA;

  /** The schema unqualified names are in now. */
  String schema() {
    return schema;
  }

  /**
   * The names a {@code SET search_path} statement lists, in order, unquoted; empty when {@code sql} is
   * another statement.
   */
  static Optional<List<String>> namesSet(String sql) {
    Matcher m = SET.matcher(sql.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String value = m.group(1);
    if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
      value = value.substring(1, value.length() - 1); // SET search_path = 'a, b' is one string
    }
    List<String> names = new ArrayList<>();
    for (String part : value.split(",")) {
      String name = part.strip();
      if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
        name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
      } else {
        name = name.toLowerCase(Locale.ROOT);
      }
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return Optional.of(names);
  }

  /**
   * The first of {@code names} that {@code usable} accepts (it exists and the user may read it), or the
   * default schema when none does, as PostgreSQL skips what does not exist.
   */
  static String choose(List<String> names, Predicate<String> usable) {
    return names.stream().filter(n -> !n.equals(PgCatalog.NAME)).filter(usable).findFirst()
        .orElse(LocalAnswers.DEFAULT_SCHEMA);
  }

  /** Makes {@code chosen} the schema of unqualified names, once the connection looks them up there. */
  void use(String chosen) {
    schema = Objects.requireNonNull(chosen, "chosen");
  }
}
