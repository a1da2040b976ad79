package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.jdbc.ProductVersion;
import org.marketingsql.readonly.SqlText;

/**
 * Answers the statements clients send on connect (SET, SHOW, {@code SELECT version()} …) without
 * Calcite, which does not know them. Everything else goes to the driver.
 */
final class LocalAnswers {
  /** The PostgreSQL version clients are told they talk to (they choose their catalog queries by it). */
  static final String SERVER_VERSION = "15.0";
  /** {@code SELECT version()}: the PostgreSQL version mimicked, then Marketing SQL's own. */
  static final String VERSION = "PostgreSQL " + SERVER_VERSION + " (Marketing SQL " + ProductVersion.text()
      + ", Apache Calcite) on x86_64, 64-bit";
  static final String DATABASE = "marketing";
  /** The driver's default schema, where unqualified names are looked up: current_schema(). */
  static final String DEFAULT_SCHEMA = "marketing";
  private static final Pattern ITEM = Pattern.compile(
      "(?:pg_catalog\\.)?(version|current_schema|current_database|current_catalog|current_user|session_user|user)\\s*(?:\\(\\s*\\))?"
          + "(?:\\s+(?:as\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)\"?)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SELECT = Pattern.compile("select\\s+(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private final String user;
  private final SearchPath searchPath;
  private final SessionSettings settings;

  LocalAnswers(String user, SearchPath searchPath, SessionSettings settings) {
    this.user = user;
    this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings SHOW reports, also sent as ParameterStatus on connect. */
  static Map<String, String> parameters(String user) {
    return Map.ofEntries(Map.entry("server_version", SERVER_VERSION), Map.entry("server_encoding", "UTF8"),
        Map.entry("client_encoding", "UTF8"), Map.entry("DateStyle", "ISO, MDY"),
        Map.entry("integer_datetimes", "on"), Map.entry("standard_conforming_strings", "on"),
        Map.entry("TimeZone", "UTC"), Map.entry("IntervalStyle", "postgres"), Map.entry("is_superuser", "off"),
        Map.entry("session_authorization", user), Map.entry("application_name", ""));
  }

  Optional<LocalResult> answer(String statement) throws PgException {
    String sql = SqlText.stripComments(statement);
    String keyword = SqlText.firstKeyword(sql);
    switch (keyword) {
      case "set":
        SessionSettings.Assignment a = SessionSettings.assignment(sql);
        settings.set(a.name(), a.value().orElse(null), a.isLocal());
        return Optional.of(LocalResult.command("SET"));
      case "reset":
        StatementWords w = new StatementWords(sql);
        w.expect("reset");
        if (w.accept("all")) {
          w.end();
          settings.resetAll();
        } else {
          settings.reset(settingName(w));
        }
        return Optional.of(LocalResult.command("RESET"));
      case "show":
        return Optional.of(show(sql.substring(4).strip()));
      case "select":
        return select(sql);
      default:
        return Optional.empty();
    }
  }

  /** A setting's name, dotted for a custom one, or PostgreSQL's spelled-out forms (TIME ZONE …). */
  private static String settingName(StatementWords w) throws PgException {
    if (w.accept("time")) {
      w.expect("zone");
      w.end();
      return "TimeZone";
    }
    if (w.accept("transaction")) {
      w.expect("isolation");
      w.expect("level");
      w.end();
      return "transaction_isolation";
    }
    if (w.accept("session")) {
      w.expect("authorization");
      w.end();
      return "session_authorization";
    }
    StringBuilder name = new StringBuilder(w.name());
    while (w.accept(".")) {
      name.append('.').append(w.name());
    }
    w.end();
    return name.toString();
  }

  private LocalResult show(String text) throws PgException {
    StatementWords w = new StatementWords(text);
    if (w.accept("all")) {
      w.end();
      List<List<String>> rows = new ArrayList<>(settings.all());
      rows.add(List.of("search_path", searchPath.schema(), ""));
      return new LocalResult(List.of("name", "setting", "description"), rows, "SHOW");
    }
    String name = settingName(w);
    String key = name.toLowerCase(Locale.ROOT);
    // where unqualified names are looked up, as current_schema() and current_schemas() say
    String value = key.equals("search_path") ? searchPath.schema() : settings.value(name);
    return new LocalResult(List.of(key.equals("search_path") ? key : SessionSettings.spelling(name)), List.of(List.of(value)), "SHOW");
  }

  private Optional<LocalResult> select(String sql) {
    Matcher select = SELECT.matcher(sql);
    if (!select.matches()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<PgType> types = new ArrayList<>();
    String items = select.group(1);
    // item by item, as split(",") would give them (empty ones at the end left out), so that a query of the data (most
    // statements) stops at its first item
    for (int from = 0;;) {
      int comma = items.indexOf(',', from);
      Matcher m = ITEM.matcher(items.substring(from, comma < 0 ? items.length() : comma).strip());
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
      // PostgreSQL's functions of the session's names return name, version() text
      types.add(function.equals("version") ? PgType.TEXT : PgType.NAME);
      if (comma < 0 || items.substring(comma).chars().allMatch(c -> c == ',')) {
        break;
      }
      from = comma + 1;
    }
    return Optional.of(new LocalResult(names, types, List.of(values), "SELECT 1"));
  }
}
