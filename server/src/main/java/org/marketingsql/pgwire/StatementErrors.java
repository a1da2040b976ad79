package org.marketingsql.pgwire;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.marketingsql.pgwire.PgTokens.Kind;
import org.marketingsql.pgwire.PgTokens.Token;
import org.marketingsql.sql.PgSyntaxError;
import org.marketingsql.sql.PgValidationError;
import org.marketingsql.sql.PlanFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told of a statement the driver refused, as PostgreSQL tells it: a syntax error as
 * {@code syntax error at or near "on"} (42601), a validation error in PostgreSQL's words without Calcite's
 * "From line 1, column 8 …" prefix ({@code column "x" does not exist}, {@code function f(integer) does not
 * exist} with PostgreSQL's HINT), each with the Position field psql draws its caret by; a statement Calcite
 * could not plan, or the store could not run, as one line (0A000 when what is not supported can be told, XX000
 * or the store's state otherwise) while the plan, the store's statement and the stack go to the server's log
 * only, under the session's process id. The words are the driver's too ({@link PgSyntaxError},
 * {@link PgValidationError}); what the port adds is where in the client's own text.
 */
final class StatementErrors {
  private static final Logger LOG = LoggerFactory.getLogger(StatementErrors.class);
  static final String NO_FUNCTION_HINT = PgValidationError.NO_FUNCTION_HINT;
  /** Words of statements Calcite parses but cannot plan, as PostgreSQL would name the feature. */
  private static final List<String> UNPLANNABLE = List.of("tablesample", "match_recognize", "pivot", "unpivot");

  private StatementErrors() {
  }

  /**
   * The error to send for {@code e}, which the driver threw for {@code calciteSql}, the translation of
   * {@code sql} (the client's text, which positions count in); {@code session} names the session in the log.
   */
  static PgException of(SQLException e, String sql, String calciteSql, int session) {
    Optional<PgSyntaxError> syntax = PgSyntaxError.in(e);
    if (syntax.isPresent()) {
      PgSyntaxError s = syntax.get();
      if (s.atEnd()) {
        return new PgException("42601", s.message(), endOf(sql), null, e);
      }
      int start = start(sql, calciteSql, s.line(), s.column());
      if (start < 0) {
        return new PgException("42601", s.message(), 0, null, e);
      }
      // the token as the client wrote it (Calcite upper-cases a keyword)
      String token = PgTokens.tokenize(sql.substring(start)).get(0).text();
      return new PgException("42601", new PgSyntaxError(token, s.line(), s.column()).message(),
          sql.codePointCount(0, start) + 1, null, e);
    }
    if (unplannable(e)) {
      return unplanned(e, sql, session);
    }
    PgException plain = PgException.of(e);
    if (PlanFailures.isStoreStatementFailure(e) && (plain.sqlState().equals("58000") || plain.sqlState().equals("XX000"))) {
      // the store's error quotes the store's statement, over its internal tables
      String feature = feature(sql);
      LOG.warn("process {}: the store could not run the statement {}", session, sql, e);
      return feature != null ? new PgException("0A000", feature + " is not supported", e)
          : new PgException(plain.sqlState(), "the store could not run the statement (the server's log has the detail"
              + " under process " + session + ")", e);
    }
    Optional<PgValidationError> validation = PgValidationError.in(e);
    if (validation.isEmpty()) {
      return plain;
    }
    PgValidationError v = validation.get();
    int position = v.line() == 0 ? 0 : position(sql, calciteSql, v.line(), v.column());
    return new PgException(plain.sqlState(), v.message(), position,
        plain.sqlState().equals("42883") ? NO_FUNCTION_HINT : null, e);
  }

  /**
   * What a failure of the server's or the driver's code ({@code e}, not an SQL error) is sent as: one line that
   * names neither plan nor class, the whole of it logged under {@code session}.
   */
  static PgException internal(Throwable e, String sql, int session) {
    return unplanned(e, sql, session);
  }

  /** Whether {@code e} is the planner's failure, whose message holds the plan (Calcite's internal names). */
  static boolean unplannable(Throwable e) {
    return PlanFailures.isPlanFailure(e);
  }

  private static PgException unplanned(Throwable e, String sql, int session) {
    String feature = feature(sql);
    if (feature != null) {
      LOG.info("process {}: {} is not supported; the statement could not be planned: {}", session, feature, sql, e);
      return new PgException("0A000", feature + " is not supported", e);
    }
    if (sql == null) {
      LOG.warn("process {}: internal error", session, e);
    } else {
      LOG.warn("session {}: internal error for the statement {}", session, sql, e);
    }
    return new PgException("XX000", PlanFailures.MESSAGE + " (the server's log has the detail under process " + session + ")", e);
  }

  /** The feature of {@code sql} the planner is known not to support, upper case, or null. */
  static String feature(String sql) {
    if (sql == null) {
      return null;
    }
    for (Token t : PgTokens.tokenize(sql)) {
      if (t.kind() == Kind.WORD && UNPLANNABLE.contains(t.lower())) {
        return t.text().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** Calcite's words for what PostgreSQL names otherwise; other messages as they are. */
  static String pgMessage(String calcite) {
    return PgValidationError.pgMessage(calcite);
  }

  /** PostgreSQL's position of an error at the end of {@code sql}: just after its last character. */
  private static int endOf(String sql) {
    String s = sql.stripTrailing();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    return s.codePointCount(0, s.length()) + 1;
  }

  /**
   * The 1-based character of {@code sql} that the token at {@code line}, {@code column} of {@code calciteSql} came
   * from: the same token, counted among its equals, found in the client's text; 0 when the translation made it.
   */
  static int position(String sql, String calciteSql, int line, int column) {
    int start = start(sql, calciteSql, line, column);
    return start < 0 ? 0 : sql.codePointCount(0, start) + 1;
  }

  /** {@link #position}, as the 0-based index of the token's first char in {@code sql}; -1 for none. */
  private static int start(String sql, String calciteSql, int line, int column) {
    int at = offset(calciteSql, line, column);
    if (sql == null || at < 0) {
      return -1;
    }
    List<Integer> starts = new ArrayList<>();
    List<Token> translated = PgTokens.tokenize(calciteSql, starts);
    String wanted = null;
    int seen = 0;
    for (int k = 0; k < translated.size() && wanted == null; k++) {
      Token t = translated.get(k);
      int end = k + 1 < starts.size() ? starts.get(k + 1) : calciteSql.length();
      if (t.significant() && at < end) {
        wanted = normal(t);
        // how many equal tokens come before it
        for (int j = 0; j < k; j++) {
          if (translated.get(j).significant() && normal(translated.get(j)).equals(wanted)) {
            seen++;
          }
        }
      }
    }
    if (wanted == null) {
      return -1;
    }
    List<Integer> written = new ArrayList<>();
    List<Token> tokens = PgTokens.tokenize(sql, written);
    for (int k = 0; k < tokens.size(); k++) {
      if (tokens.get(k).significant() && normal(tokens.get(k)).equals(wanted) && seen-- == 0) {
        return written.get(k);
      }
    }
    return -1;
  }

  private static String normal(Token t) {
    return t.kind() == Kind.WORD ? t.lower() : t.text();
  }

  /** The 0-based character of {@code text} at 1-based {@code line} and {@code column}, -1 when there is none. */
  private static int offset(String text, int line, int column) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      int next = text.indexOf('\n', at);
      if (next < 0) {
        return -1;
      }
      at = next + 1;
    }
    int offset = at + column - 1;
    return column < 1 || offset >= text.length() ? -1 : offset;
  }
}
