package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.readonly.SqlText;

/**
 * Answers the statements clients send on connect (SET, SHOW, {@code SELECT version()} …) without
 * Calcite, which does not know them. Everything else goes to the driver.
 */
final class LocalAnswers {
  static final String SERVER_VERSION = "15.0";
  static final String VERSION = "PostgreSQL 15.0 (Marketing SQL 0.1.0, Apache Calcite) on x86_64, 64-bit";
  static final String DATABASE = "marketing";
  /** The driver's default schema, where unqualified names are looked up: current_schema(). */
  static final String DEFAULT_SCHEMA = "marketing";
  /** The tag of ROLLBACK TO SAVEPOINT until it is sent (as ROLLBACK, as PostgreSQL does). */
  static final String ROLLBACK_TO = "ROLLBACK TO";
  private static final Pattern ITEM = Pattern.compile(
      "(?:pg_catalog\\.)?(version|current_schema|current_database|current_catalog|current_user|session_user|user)\\s*(?:\\(\\s*\\))?"
          + "(?:\\s+(?:as\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)\"?)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SELECT = Pattern.compile("select\\s+(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private final String user;
  private final SearchPath searchPath;

  LocalAnswers(String user, SearchPath searchPath) {
    this.user = user;
    this.searchPath = java.util.Objects.requireNonNull(searchPath, "searchPath");
  }

  /** The settings SHOW reports, also sent as ParameterStatus on connect. */
  static Map<String, String> parameters(String user) {
    return Map.ofEntries(Map.entry("server_version", SERVER_VERSION), Map.entry("server_encoding", "UTF8"),
        Map.entry("client_encoding", "UTF8"), Map.entry("DateStyle", "ISO, MDY"),
        Map.entry("integer_datetimes", "on"), Map.entry("standard_conforming_strings", "on"),
        Map.entry("TimeZone", "UTC"), Map.entry("IntervalStyle", "postgres"), Map.entry("is_superuser", "off"),
        Map.entry("session_authorization", user), Map.entry("application_name", ""));
  }

  Optional<LocalResult> answer(String statement) {
    String sql = SqlText.stripComments(statement);
    String keyword = SqlText.firstKeyword(sql);
    switch (keyword) {
      case "set":
        return Optional.of(LocalResult.command("SET"));
      case "begin":
      case "start":
        return Optional.of(LocalResult.command("BEGIN"));
      case "commit":
      case "end":
        return Optional.of(LocalResult.command("COMMIT"));
      case "rollback":
        // ROLLBACK TO SAVEPOINT keeps the transaction open; PgSession reports it as ROLLBACK
        return Optional.of(LocalResult.command(sql.toLowerCase(Locale.ROOT).matches("rollback\\s+(work\\s+|transaction\\s+)?to\\b.*")
            ? ROLLBACK_TO : "ROLLBACK"));
      case "savepoint":
        // psqlODBC wraps each statement of a transaction in one: reads have nothing to undo
        return Optional.of(LocalResult.command("SAVEPOINT"));
      case "release":
        return Optional.of(LocalResult.command("RELEASE"));
      case "show":
        return Optional.of(show(sql.substring(4).strip()));
      case "select":
        return select(sql);
      default:
        return Optional.empty();
    }
  }

  private LocalResult show(String name) {
    String key = name.replace("\"", "").toLowerCase(Locale.ROOT);
    String value = switch (key) {
      // where unqualified names are looked up, as current_schema() and current_schemas() say
      case "search_path" -> searchPath.schema();
      case "transaction_isolation", "transaction isolation level", "default_transaction_isolation" -> "read committed";
      case "transaction_read_only", "default_transaction_read_only" -> "on";
      case "max_identifier_length" -> "63";
      case "lc_collate", "lc_ctype" -> "C";
      default -> parameters(user).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
          .map(Map.Entry::getValue).findFirst().orElse("");
    };
    // PostgreSQL names the column after the setting as its table spells it: DateStyle, TimeZone, search_path
    String column = key.equals("transaction isolation level") ? "transaction_isolation"
        : parameters(user).keySet().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().orElse(key.replace(' ', '_'));
    return new LocalResult(List.of(column), List.of(List.of(value)), "SHOW");
  }

  private Optional<LocalResult> select(String sql) {
    Matcher select = SELECT.matcher(sql);
    if (!select.matches()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String item : select.group(1).split(",")) {
      Matcher m = ITEM.matcher(item.strip());
      if (!m.matches()) {
        return Optional.empty();
      }
      String function = m.group(1).toLowerCase(Locale.ROOT);
      names.add(m.group(2) != null ? m.group(2) : function);
      values.add(switch (function) {
        case "version" -> VERSION;
        case "current_schema" -> searchPath.schema();
        case "current_database", "current_catalog" -> DATABASE;
        default -> user;
      });
    }
    return Optional.of(new LocalResult(names, List.of(values), "SELECT 1"));
  }
}
