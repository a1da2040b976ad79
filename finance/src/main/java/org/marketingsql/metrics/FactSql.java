package org.marketingsql.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.marketingsql.source.SqlType;
import org.marketingsql.store.Sql;

/**
 * One statement of the facts' SQL, read from its resource file {@code org/marketingsql/facts/<name>.sql},
 * with named placeholders {@code ${name}} where the SQL varies from one store to the next (the input
 * table, whether it has a column, the reporting currency). Each placeholder is set through a typed
 * method that quotes what it is given (an identifier, a string, a date, a number), so no value is
 * pasted into the SQL as it came; only SQL rendered from another {@code FactSql} is inserted as is.
 * A type is written by its {@link SqlType} name: {@code ${MONEY}}, {@code ${WIDE_MONEY}}, {@code ${FX_RATE}}.
 * Whole-line {@code --} comments are dropped. Rendering fails when a placeholder is left unset or a
 * value was set for a placeholder the statement does not have.
 */
final class FactSql {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Map<String, String> TYPES = Arrays.stream(SqlType.values())
      .collect(Collectors.toUnmodifiableMap(SqlType::name, SqlType::sql));
  /** The resources read so far: a rebuild renders the same few for every input table. */
  private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

  /** SQL text rendered from a template: the only text set into another template as it is. */
  record Text(String sql) {
    Text {
      Objects.requireNonNull(sql, "sql");
    }

    /** The texts one after the other, separated by {@code separator} (e.g. {@code UNION ALL}). */
    static Text join(String separator, List<Text> texts) {
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("nothing to join with " + separator);
      }
      return new Text(texts.stream().map(Text::sql).collect(Collectors.joining(" " + separator.trim() + " ")));
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  private final String name;
  private final String template;
  private final Map<String, String> values = new LinkedHashMap<>();

  private FactSql(String name, String template) {
    this.name = Objects.requireNonNull(name, "name");
    this.template = Objects.requireNonNull(template, "template");
  }

  /** The statement of resource {@code org/marketingsql/facts/<name>.sql}. */
  static FactSql load(String name) {
    String resource = "/org/marketingsql/facts/" + name + ".sql";
    return new FactSql(resource, TEMPLATES.computeIfAbsent(resource, FactSql::read));
  }

  private static String read(String resource) {
    try (InputStream in = FactSql.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("fact SQL resource " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read fact SQL resource " + resource, e);
    }
  }

  /** A short template written in place, for a piece repeated a varying number of times. */
  static FactSql of(String template) {
    return new FactSql("SQL piece " + template, template);
  }

  /** A quoted identifier, or a qualified one when given several parts ({@code "schema"."table"}). */
  FactSql identifier(String placeholder, String... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException(name + ": identifier ${" + placeholder + "} has no parts");
    }
    return set(placeholder, Arrays.stream(parts).map(p -> Sql.quote(Objects.requireNonNull(p, placeholder)))
        .collect(Collectors.joining(".")));
  }

  /**
   * A column the input may lack: the quoted column when {@code column} is present, else a NULL of
   * {@code sqlType}, so the statement reads the same either way.
   */
  FactSql optionalColumn(String placeholder, String column, SqlType type) {
    return set(placeholder, column == null ? "CAST(NULL AS " + Objects.requireNonNull(type, "type").sql() + ")"
        : Sql.quote(column));
  }

  /** A string literal. */
  FactSql literal(String placeholder, String value) {
    return set(placeholder, Sql.literal(Objects.requireNonNull(value, placeholder)));
  }

  /** A DATE literal, or a NULL date. */
  FactSql date(String placeholder, LocalDate day) {
    return set(placeholder, day == null ? "CAST(NULL AS DATE)" : "DATE " + Sql.literal(day.toString()));
  }

  /** An exact number, written as it is (never in exponent form). */
  FactSql number(String placeholder, BigDecimal value) {
    return set(placeholder, Objects.requireNonNull(value, placeholder).toPlainString());
  }

  /** A whole number. */
  FactSql number(String placeholder, long value) {
    return set(placeholder, Long.toString(value));
  }

  /** TRUE or FALSE. */
  FactSql bool(String placeholder, boolean value) {
    return set(placeholder, value ? "TRUE" : "FALSE");
  }

  /** SQL rendered from another template (a subquery, a union of them). */
  FactSql sql(String placeholder, Text text) {
    return set(placeholder, Objects.requireNonNull(text, placeholder).sql());
  }

  private FactSql set(String placeholder, String value) {
    if (values.putIfAbsent(placeholder, value) != null) {
      throw new IllegalStateException(name + ": ${" + placeholder + "} is set twice");
    }
    return this;
  }

  /** The statement with every placeholder set. */
  Text render() {
    String sql = template.lines().filter(line -> !line.strip().startsWith("--")).map(String::stripTrailing)
        .filter(line -> !line.isEmpty()).collect(Collectors.joining("\n")).strip();
    Matcher matcher = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder();
    Set<String> used = new HashSet<>();
    while (matcher.find()) {
      String key = matcher.group(1);
      String value = values.containsKey(key) ? values.get(key) : TYPES.get(key);
      if (value == null) {
        throw new IllegalStateException(name + " uses ${" + key + "}, which was not set");
      }
      used.add(key);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    List<String> unused = values.keySet().stream().filter(k -> !used.contains(k)).toList();
    if (!unused.isEmpty()) {
      throw new IllegalStateException(name + " has no placeholder " + unused + " to set");
    }
    return new Text(out.toString());
  }
}
