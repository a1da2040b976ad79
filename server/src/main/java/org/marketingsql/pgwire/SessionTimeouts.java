package org.marketingsql.pgwire;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.readonly.SqlText;

/**
 * A session's statement_timeout and idle_session_timeout, and the SET, RESET and SHOW statements about
 * them. A session may choose its own statement_timeout, but when the server sets one it is a ceiling:
 * a longer one, or 0, gives the server's. idle_session_timeout is the server's alone.
 */
final class SessionTimeouts {
  static final String STATEMENT_TIMEOUT = "statement_timeout";
  static final String IDLE_SESSION_TIMEOUT = "idle_session_timeout";
  private static final Pattern SET = Pattern.compile(
      "(?is)set\\s+(?:session\\s+|local\\s+)?(statement_timeout|idle_session_timeout)\\s*(?:to\\b|=)\\s*(.*?)\\s*;?\\s*");
  private static final Pattern RESET = Pattern.compile("(?is)reset\\s+(statement_timeout|idle_session_timeout)\\s*;?\\s*");
  private static final Pattern SHOW = Pattern.compile("(?is)show\\s+(statement_timeout|idle_session_timeout)\\s*;?\\s*");
  private final Duration serverStatementTimeout;
  private final Duration idleSessionTimeout;
  private Duration statementTimeout;

  SessionTimeouts(Duration statementTimeout, Duration idleSessionTimeout) {
    this.serverStatementTimeout = Objects.requireNonNull(statementTimeout, "statementTimeout");
    this.idleSessionTimeout = Objects.requireNonNull(idleSessionTimeout, "idleSessionTimeout");
    this.statementTimeout = statementTimeout;
  }

  /** Zero: no limit. */
  Duration statementTimeout() {
    return statementTimeout;
  }

  /** Zero: no limit. */
  Duration idleSessionTimeout() {
    return idleSessionTimeout;
  }

  /** RESET ALL and DISCARD ALL: the server's statement_timeout again. */
  void reset() {
    statementTimeout = serverStatementTimeout;
  }

  /** The answer when {@code statement} sets, resets or shows one of these settings; empty otherwise. */
  Optional<LocalResult> answer(String statement) throws PgException {
    String sql = SqlText.stripComments(statement).strip();
    Matcher show = SHOW.matcher(sql);
    if (show.matches()) {
      String name = show.group(1).toLowerCase(Locale.ROOT);
      Duration value = name.equals(STATEMENT_TIMEOUT) ? statementTimeout : idleSessionTimeout;
      return Optional.of(new LocalResult(List.of(name), List.of(List.of(SettingDuration.format(value))), "SHOW"));
    }
    Matcher reset = RESET.matcher(sql);
    if (reset.matches()) {
      serverOnly(reset.group(1));
      statementTimeout = serverStatementTimeout;
      return Optional.of(LocalResult.command("RESET"));
    }
    Matcher set = SET.matcher(sql);
    if (!set.matches()) {
      return Optional.empty();
    }
    serverOnly(set.group(1));
    String value = set.group(2).replace("'", "").strip();
    if (value.equalsIgnoreCase("default")) {
      statementTimeout = serverStatementTimeout;
      return Optional.of(LocalResult.command("SET"));
    }
    Duration asked;
    try {
      asked = SettingDuration.parse(value, "ms");
    } catch (IllegalArgumentException e) {
      throw new PgException("22023", "invalid value for parameter \"statement_timeout\": " + e.getMessage(), e);
    }
    boolean ceiling = !serverStatementTimeout.isZero() && (asked.isZero() || asked.compareTo(serverStatementTimeout) > 0);
    statementTimeout = ceiling ? serverStatementTimeout : asked;
    return Optional.of(LocalResult.command("SET"));
  }

  private static void serverOnly(String name) throws PgException {
    if (name.toLowerCase(Locale.ROOT).equals(IDLE_SESSION_TIMEOUT)) {
      throw new PgException("55P02", "parameter \"idle_session_timeout\" is set by the server: serve --idle-session-timeout");
    }
  }
}
