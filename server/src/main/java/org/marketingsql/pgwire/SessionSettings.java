package org.marketingsql.pgwire;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.marketingsql.readonly.SqlText;

/**
 * The run-time settings a session may SET, SHOW and RESET, as PostgreSQL 15 names them, with its defaults.
 * A setting whose value would change how this server writes values (DateStyle, IntervalStyle, bytea_output,
 * client_encoding, standard_conforming_strings) accepts only what the server does. An unknown name is
 * 42704; a name with a dot is a custom setting, accepted as PostgreSQL does. SET inside a transaction
 * block is undone by ROLLBACK, and SET LOCAL lasts until the block ends. Settings PostgreSQL reports to
 * the client (application_name, TimeZone …) are reported again when they change. statement_timeout,
 * idle_session_timeout and search_path are kept by {@link SessionTimeouts} and {@link SearchPath}.
 */
final class SessionSettings {
  /** One setting: its name as PostgreSQL spells it, its default, whether it is reported, and what it accepts. */
  private record Setting(String name, String initial, boolean reported, boolean fixed, UnaryOperator<String> check) {
  }

  private static final UnaryOperator<String> ANY = v -> v;
  /** Custom settings (names with a dot) one session may hold, so SET cannot grow a session without bound. */
  static final int MAX_CUSTOM_SETTINGS = 256;
  /** The longest value a custom setting may hold, in characters. */
  static final int MAX_CUSTOM_VALUE_CHARS = 8192;
  private static final Map<String, Setting> KNOWN = new LinkedHashMap<>();

  static {
    add("application_name", "", true, ANY);
    add("client_encoding", "UTF8", true, v -> only(v, "UTF8", "client_encoding", "UTF8", "UTF-8", "UNICODE"));
    add("DateStyle", "ISO, MDY", true, SessionSettings::dateStyle);
    add("IntervalStyle", "postgres", true, v -> only(v, "postgres", "IntervalStyle", "postgres"));
    // reported, as PostgreSQL does: now() and current_timestamp follow it (SqlSession applies it to the driver)
    add("TimeZone", "UTC", true, SessionSettings::timeZone);
    add("standard_conforming_strings", "on", true, v -> only(v, "on", "standard_conforming_strings", "on", "true", "1", "yes"));
    add("bytea_output", "hex", false, v -> only(v, "hex", "bytea_output", "hex"));
    add("extra_float_digits", "1", false, v -> integer(v, "extra_float_digits", -15, 3));
    add("lock_timeout", "0", false, v -> duration(v, "lock_timeout"));
    add("idle_in_transaction_session_timeout", "0", false, v -> duration(v, "idle_in_transaction_session_timeout"));
    add("default_transaction_read_only", "on", false, v -> bool(v, "default_transaction_read_only"));
    add("default_transaction_isolation", "read committed", false, v -> isolation(v, "default_transaction_isolation"));
    add("default_transaction_deferrable", "off", false, v -> bool(v, "default_transaction_deferrable"));
    add("transaction_deferrable", "off", false, v -> bool(v, "transaction_deferrable"));
    add("client_min_messages", "notice", false, v -> v.toLowerCase(Locale.ROOT));
    add("lc_messages", "C", false, ANY);
    add("lc_monetary", "C", false, ANY);
    add("lc_numeric", "C", false, ANY);
    add("lc_time", "C", false, ANY);
    add("timezone_abbreviations", "Default", false, ANY);
    add("row_security", "on", false, v -> bool(v, "row_security"));
    add("synchronous_commit", "on", false, ANY);
    add("work_mem", "4MB", false, ANY);
    add("jit", "on", false, v -> bool(v, "jit"));
    add("join_collapse_limit", "8", false, v -> integer(v, "join_collapse_limit", 1, Integer.MAX_VALUE));
    add("from_collapse_limit", "8", false, v -> integer(v, "from_collapse_limit", 1, Integer.MAX_VALUE));
    add("geqo", "on", false, v -> bool(v, "geqo"));
    add("array_nulls", "on", false, v -> bool(v, "array_nulls"));
    add("escape_string_warning", "on", false, v -> bool(v, "escape_string_warning"));
    add("xmloption", "content", false, ANY);
    add("role", "none", false, ANY);
    // fixed: SHOW answers them, SET is refused
    fixed("server_version", LocalAnswers.SERVER_VERSION, true);
    fixed("server_version_num", "150000", false);
    fixed("server_encoding", "UTF8", true);
    fixed("integer_datetimes", "on", true);
    fixed("max_identifier_length", "63", false);
    fixed("lc_collate", "C", false);
    fixed("lc_ctype", "C", false);
    fixed("block_size", "8192", false);
    fixed("max_index_keys", "32", false);
    fixed("is_superuser", "off", true);
    fixed("in_hot_standby", "off", false);
  }

  private static void add(String name, String initial, boolean reported, UnaryOperator<String> check) {
    KNOWN.put(name.toLowerCase(Locale.ROOT), new Setting(name, initial, reported, false, check));
  }

  private static void fixed(String name, String value, boolean reported) {
    KNOWN.put(name.toLowerCase(Locale.ROOT), new Setting(name, value, reported, true, ANY));
  }

  private final String user;
  private final TransactionBlock transaction;
  /** Values SET for the session, by lower-case name; custom settings included. */
  private Map<String, String> values = new HashMap<>();
  /** The session's values when the block began, restored by ROLLBACK; null outside a block. */
  private Map<String, String> atBegin;
  /** What the client's startup message set: the session's defaults, which RESET returns to. */
  private final Map<String, String> sessionDefaults = new HashMap<>();
  /** SET LOCAL values, until the block ends. */
  private final Map<String, String> local = new HashMap<>();
  /** Reported settings changed since the last {@link #changedReported()}. */
  private final Map<String, String> changed = new LinkedHashMap<>();
  /** The zone {@link #zone} last found, with the setting's value it found it for. */
  private volatile Zone zone;

  SessionSettings(String user, TransactionBlock transaction) {
    this.user = Objects.requireNonNull(user, "user");
    this.transaction = Objects.requireNonNull(transaction, "transaction");
  }

  /** The value SHOW gives for {@code name}; 42704 when there is no such setting. */
  String value(String name) throws PgException {
    String key = name.toLowerCase(Locale.ROOT);
    switch (key) {
      case "transaction_read_only":
        return "on"; // the server is read-only whatever a block asked for
      case "transaction_isolation":
        return transaction.isolation().orElse(value("default_transaction_isolation"));
      case "session_authorization":
        return user;
      default:
        break;
    }
    if (local.containsKey(key)) {
      return local.get(key);
    }
    if (values.containsKey(key)) {
      return values.get(key);
    }
    if (sessionDefaults.containsKey(key)) {
      return sessionDefaults.get(key);
    }
    Setting s = KNOWN.get(key);
    if (s == null) {
      throw unrecognized(name);
    }
    return s.initial();
  }

  /**
   * A setting from the client's startup message (psql's application_name …) becomes this session's
   * default; one this server does not know or does not accept is ignored, so a client still logs in.
   */
  void startup(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    Setting s = KNOWN.get(key);
    if (s == null || s.fixed() || value == null) {
      return;
    }
    try {
      sessionDefaults.put(key, s.check().apply(value));
    } catch (IllegalArgumentException e) {
      // PostgreSQL would refuse the login; a client that sends LATIN1 still gets UTF8
    }
  }

  /** The value to report on login for {@code name}: the session's own for a reported setting, else {@code otherwise}. */
  String reportedOnLogin(String name, String otherwise) {
    Setting s = KNOWN.get(name.toLowerCase(Locale.ROOT));
    return s != null && s.reported() && !s.fixed() ? value(s.name().toLowerCase(Locale.ROOT), s) : otherwise;
  }

  /** The setting's name as PostgreSQL spells it (SHOW's column): DateStyle, TimeZone, search_path. */
  static String spelling(String name) {
    Setting s = KNOWN.get(name.toLowerCase(Locale.ROOT));
    return s == null ? name.toLowerCase(Locale.ROOT) : s.name();
  }

  static PgException unrecognized(String name) {
    return new PgException("42704", "unrecognized configuration parameter \"" + name + "\"");
  }

  /** SET {@code name} to {@code value} (null: DEFAULT); {@code isLocal} for SET LOCAL. */
  void set(String name, String value, boolean isLocal) throws PgException {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("session_authorization")) {
      if (value != null && !value.equals(user)) {
        throw new PgException("42501", "permission denied to set session authorization: log in as that user instead");
      }
      return;
    }
    if (key.equals("role") && value != null && !value.equalsIgnoreCase("none") && !value.equals(user)) {
      // only the login's own role: the access of every session is its login's, never another role's
      throw new PgException("42501", "permission denied to set role \"" + value + "\"");
    }
    if (key.equals("transaction_read_only") || key.equals("transaction_isolation")) {
      // SET TRANSACTION by another name; the value is checked, the server stays read-only
      if (value != null) {
        UnaryOperator<String> check = key.equals("transaction_read_only") ? v -> bool(v, key) : v -> isolation(v, key);
        check.apply(value);
      }
      return;
    }
    Setting s = KNOWN.get(key);
    String checked;
    if (s == null) {
      if (!custom(key)) {
        throw unrecognized(name);
      }
      checked = value == null ? "" : value;
      if (checked.length() > MAX_CUSTOM_VALUE_CHARS) {
        throw new PgException("54000", "value for parameter \"" + name + "\" is too long: at most "
            + MAX_CUSTOM_VALUE_CHARS + " characters");
      }
      if (!values.containsKey(key) && !local.containsKey(key) && customCount() >= MAX_CUSTOM_SETTINGS) {
        throw new PgException("54000", "too many custom settings in this session: at most " + MAX_CUSTOM_SETTINGS
            + "; RESET ALL or DISCARD ALL clears them");
      }
    } else {
      if (s.fixed()) {
        throw new PgException("55P02", "parameter \"" + s.name() + "\" cannot be changed");
      }
      try {
        checked = value == null ? sessionDefaults.getOrDefault(key, s.initial()) : s.check().apply(value);
      } catch (IllegalArgumentException e) {
        throw new PgException("22023", e.getMessage(), e);
      }
    }
    String before = value(key, s);
    if (isLocal) {
      if (transaction.inBlock()) {
        local.put(key, checked);
      }
    } else {
      values.put(key, checked);
      local.remove(key);
    }
    reportIfChanged(key, s, before);
  }

  private String value(String key, Setting s) {
    try {
      return s == null && !values.containsKey(key) && !local.containsKey(key) ? null : value(key);
    } catch (PgException e) {
      return null;
    }
  }

  private void reportIfChanged(String key, Setting s, String before) {
    if (s != null && s.reported()) {
      String now = value(key, s);
      if (!Objects.equals(before, now)) {
        changed.put(s.name(), now);
      }
    }
  }

  /** RESET name. */
  void reset(String name) throws PgException {
    set(name, null, false);
  }

  /** RESET ALL: every setting back to its default. */
  void resetAll() {
    Map<String, String> before = new HashMap<>();
    KNOWN.forEach((k, s) -> before.put(k, value(k, s)));
    values = new HashMap<>();
    local.clear();
    KNOWN.forEach((k, s) -> reportIfChanged(k, s, before.get(k)));
  }

  /** SHOW ALL's rows: name, setting, description. */
  List<List<String>> all() {
    List<List<String>> rows = new ArrayList<>();
    for (Setting s : KNOWN.values()) {
      rows.add(List.of(s.name(), value(s.name().toLowerCase(Locale.ROOT), s), ""));
    }
    return rows;
  }

  /** A transaction block began. */
  void began() {
    atBegin = new HashMap<>(values);
  }

  /** The block ended: SET LOCAL values go, and a ROLLBACK undoes the block's SETs. */
  void ended(boolean committed) {
    Map<String, String> before = new HashMap<>();
    KNOWN.forEach((k, s) -> before.put(k, value(k, s)));
    if (!committed && atBegin != null) {
      values = atBegin;
    }
    atBegin = null;
    local.clear();
    KNOWN.forEach((k, s) -> reportIfChanged(k, s, before.get(k)));
  }

  /** The reported settings that changed since the last call, to send as ParameterStatus. */
  Map<String, String> changedReported() {
    Map<String, String> out = new LinkedHashMap<>(changed);
    changed.clear();
    return out;
  }

  /** How many custom settings this session holds, SET LOCAL ones included. */
  private long customCount() {
    return Stream.concat(values.keySet().stream(), local.keySet().stream())
        .filter(k -> !KNOWN.containsKey(k)).distinct().count();
  }

  /** A custom setting's name: two or more identifiers joined by dots, as PostgreSQL accepts. */
  private static boolean custom(String key) {
    return key.matches("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)+");
  }

  /** What a setting accepts: one of {@code accepted} (any case), reported as {@code canonical}. */
  private static String only(String value, String canonical, String name, String... accepted) {
    for (String a : accepted) {
      if (a.equalsIgnoreCase(value.strip())) {
        return canonical;
      }
    }
    throw new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + value
        + "\": this server supports only " + canonical);
  }

  private static String dateStyle(String value) {
    String order = "MDY";
    for (String part : value.split("\\s*,\\s*")) {
      switch (part.strip().toUpperCase(Locale.ROOT)) {
        case "ISO" -> { }
        case "MDY", "US", "NONEURO", "NONEUROPEAN" -> order = "MDY";
        case "DMY", "EURO", "EUROPEAN" -> order = "DMY";
        case "YMD" -> order = "YMD";
        case "", "DEFAULT" -> { }
        default -> throw new IllegalArgumentException("invalid value for parameter \"DateStyle\": \"" + value
            + "\": this server writes dates in the ISO style only");
      }
    }
    return "ISO, " + order;
  }

  /**
   * The session's TimeZone as a Java zone: what now() and current_timestamp are computed in. Each statement asks for
   * it, so the zone of the setting's last value is kept.
   */
  ZoneId zone() {
    String v = value("timezone", KNOWN.get("timezone"));
    Zone last = zone;
    if (last != null && last.setting().equals(v)) {
      return last.id();
    }
    ZoneId id;
    try {
      id = ZoneId.of(v.equalsIgnoreCase("utc") ? "UTC" : v);
    } catch (DateTimeException e) {
      id = ZoneOffset.UTC; // checked when set; a value from before cannot fail
    }
    zone = new Zone(v, id);
    return id;
  }

  /** A value of the TimeZone setting and its zone. */
  private record Zone(String setting, ZoneId id) {
    Zone {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(id, "id");
    }
  }

  private static String timeZone(String value) {
    String v = value.strip();
    try {
      ZoneId.of(v.equalsIgnoreCase("utc") ? "UTC" : v);
      return v;
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("invalid value for parameter \"TimeZone\": \"" + value + "\"", e);
    }
  }

  private static String integer(String value, String name, int min, int max) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n < min || n > max) {
        throw new IllegalArgumentException(n + " is outside the valid range for parameter \"" + name + "\" (" + min
            + " .. " + max + ")");
      }
      return String.valueOf(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + value + "\"", e);
    }
  }

  private static String duration(String value, String name) {
    try {
      return SettingDuration.format(SettingDuration.parse(value, "ms"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + value + "\"", e);
    }
  }

  private static String bool(String value, String name) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1", "t", "y" -> "on";
      case "off", "false", "no", "0", "f", "n" -> "off";
      default -> throw new IllegalArgumentException("parameter \"" + name + "\" requires a Boolean value");
    };
  }

  private static String isolation(String value, String name) {
    String v = value.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return switch (v) {
      case "serializable", "repeatable read", "read committed", "read uncommitted" -> v;
      default -> throw new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + value + "\"");
    };
  }

  /** Parsed {@code SET [SESSION | LOCAL] name {TO | =} value [, …] | DEFAULT}; empty when it is not that form. */
  record Assignment(String name, Optional<String> value, boolean isLocal) {
  }

  private static final Pattern ROLE_OR_AUTHORIZATION = Pattern.compile(
      "(?is)set\\s+(session\\s+|local\\s+)?(role|session\\s+authorization)\\s+(.*)");

  static Assignment assignment(String sql) throws PgException {
    Matcher m = ROLE_OR_AUTHORIZATION.matcher(SqlText.stripComments(sql));
    if (m.matches()) {
      // SET ROLE name and SET SESSION AUTHORIZATION name take no TO
      String name = m.group(2).toLowerCase(Locale.ROOT).startsWith("role") ? "role" : "session_authorization";
      StatementWords value = new StatementWords(m.group(3));
      value.accept("to", "=");
      boolean isLocal = m.group(1) != null && m.group(1).strip().equalsIgnoreCase("local");
      return new Assignment(name, value.accept("default") ? Optional.empty() : Optional.of(values(value)), isLocal);
    }
    StatementWords w = new StatementWords(sql);
    w.expect("set");
    boolean isLocal = false;
    if (w.accept("local")) {
      isLocal = true;
    } else {
      w.accept("session");
    }
    if (w.accept("time")) {
      w.expect("zone");
      if (w.accept("local", "default")) {
        w.end();
        return new Assignment("TimeZone", Optional.empty(), isLocal);
      }
      return new Assignment("TimeZone", Optional.of(values(w)), isLocal);
    }
    if (w.accept("names")) {
      return new Assignment("client_encoding", w.atEnd() ? Optional.empty() : Optional.of(values(w)), isLocal);
    }
    StringBuilder name = new StringBuilder(w.name());
    while (w.accept(".")) {
      name.append('.').append(w.name());
    }
    if (!w.accept("to", "=")) {
      throw w.syntaxError();
    }
    if (w.accept("default")) {
      w.end();
      return new Assignment(name.toString(), Optional.empty(), isLocal);
    }
    return new Assignment(name.toString(), Optional.of(values(w)), isLocal);
  }

  /** A value list, each string unquoted and each word as written, joined by ", ". */
  private static String values(StatementWords w) throws PgException {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    while (!w.atEnd()) {
      PgTokens.Token t = w.next();
      if (t.is(",")) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      String text = switch (t.kind()) {
        case STRING -> t.text().substring(1, t.text().length() - 1).replace("''", "'");
        case QUOTED_IDENT -> StatementWords.identifier(t);
        default -> t.text();
      };
      part.append(text);
    }
    parts.add(part.toString());
    return String.join(", ", parts);
  }
}
