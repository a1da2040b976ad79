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
 * The schema a session's unqualified table names are looked up in: the user's {@linkplain #defaultFor default
 * schema} until a {@code SET search_path} names another. The driver has one such schema, not a list, so the
 * first schema of the list that exists and the user may read is the one; pg_catalog is searched
 * always. {@code SHOW search_path}, {@code current_schema()} and {@code current_schemas()} report it;
 * {@code RESET search_path} and {@code DISCARD ALL} go back to the default.
 */
final class SearchPath {
  private static final Pattern SET = Pattern.compile(
      "set\\s+(?:session\\s+|local\\s+)?search_path\\s*(?:to|=)\\s*(.*?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private final String defaultSchema;
  private volatile String schema;

  /** A session's search path, at {@code defaultSchema} until a {@code SET search_path}. */
  SearchPath(String defaultSchema) {
    this.defaultSchema = Objects.requireNonNull(defaultSchema, "defaultSchema");
    this.schema = defaultSchema;
  }

  /**
   * A user's default schema among the {@code schemas} that exist: {@link LocalAnswers#DEFAULT_SCHEMA} when the user
   * may read it, else the first of the user's readable schemas in alphabetical order (never a catalog), else
   * {@link LocalAnswers#DEFAULT_SCHEMA} (the user reads nothing, and unqualified names find nothing either way).
   */
  static String defaultFor(java.util.Collection<String> schemas, Predicate<String> readable) {
    if (schemas.contains(LocalAnswers.DEFAULT_SCHEMA) && readable.test(LocalAnswers.DEFAULT_SCHEMA)) {
      return LocalAnswers.DEFAULT_SCHEMA;
    }
    return schemas.stream().filter(n -> !n.equals(PgCatalog.NAME) && !n.equals(InformationSchema.NAME))
        .filter(readable).sorted().findFirst().orElse(LocalAnswers.DEFAULT_SCHEMA);
  }

  /** The schema of a session that has not set its search path, and of {@code RESET search_path}. */
  String defaultSchema() {
    return defaultSchema;
  }

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
    if (value.equalsIgnoreCase("default")) {
      return Optional.of(names); // SET search_path TO DEFAULT is RESET search_path
    }
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
   * The first of {@code names} that {@code usable} accepts (it exists and the user may read it); the default schema
   * when {@code names} is empty (RESET, DISCARD ALL); when none is usable, {@link LocalAnswers#DEFAULT_SCHEMA}, where
   * a user who may not read it finds nothing unqualified, as PostgreSQL skips what does not exist and may leave the
   * path empty.
   */
  String choose(List<String> names, Predicate<String> usable) {
    if (names.isEmpty()) {
      return defaultSchema;
    }
    return names.stream().filter(n -> !n.equals(PgCatalog.NAME)).filter(usable).findFirst()
        .orElse(LocalAnswers.DEFAULT_SCHEMA);
  }

  /** Makes {@code chosen} the schema of unqualified names, once the connection looks them up there. */
  void use(String chosen) {
    schema = Objects.requireNonNull(chosen, "chosen");
  }
}
