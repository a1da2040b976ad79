package org.marketingsql.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * A syntax error as PostgreSQL reports it, read from Calcite's parser error: the token it stopped at
 * ({@code syntax error at or near "on"}), or none when the statement ended early ({@code syntax error at end
 * of input}), and where, as the parser counted it (1-based line and column of the text it parsed). Calcite's
 * list of the tokens it expected is left out. Public, since the driver and the PostgreSQL port both read it.
 *
 * @param token the token the parser stopped at, null at the end of the input
 * @param line the token's line, 1-based, 0 when Calcite did not say
 * @param column the token's column, 1-based, 0 when Calcite did not say
 */
public record PgSyntaxError(String token, int line, int column) {
  /** Calcite's (JavaCC's) "Encountered …", its reserved-word form, and the lexer's. */
  private static final Pattern ENCOUNTERED = Pattern.compile(
      "(?s)^(?:Encountered \"(.*?)\" at line (\\d+), column (\\d+)"
      + "|Incorrect syntax near the keyword '(.*?)' at line (\\d+), column (\\d+)"
      + "|Lexical error at line (\\d+), column (\\d+)\\.\\s+Encountered: (?:\"(.*?)\"|<EOF>))");
  private static final String END = "<EOF>";

  public PgSyntaxError {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("a position is not negative: line " + line + ", column " + column);
    }
  }

  /** The syntax error among {@code e} and its causes, when the statement did not parse. */
  public static Optional<PgSyntaxError> in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SqlParseException parse) {
        return raisedWhileParsing(parse) ? Optional.empty() : Optional.of(of(parse));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code e} carries an error of its own that a rewrite raised while the statement was read (a
   * {@code generate_series} in a select list, say, with its own SQLSTATE), not a syntax error: the parser wraps those
   * too, while its own errors are caused by its ParseException or TokenMgrError, or by nothing.
   */
  private static boolean raisedWhileParsing(SqlParseException e) {
    Throwable cause = e.getCause();
    if (cause == null || cause == e) {
      return false;
    }
    String name = cause.getClass().getSimpleName();
    return !name.equals("ParseException") && !name.equals("TokenMgrError");
  }

  static PgSyntaxError of(SqlParseException e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = ENCOUNTERED.matcher(message);
    int line = e.getPos() == null ? 0 : e.getPos().getLineNum();
    int column = e.getPos() == null ? 0 : e.getPos().getColumnNum();
    if (!m.find()) {
      return new PgSyntaxError(null, line, column);
    }
    String token;
    if (m.group(1) != null) {
      token = firstToken(m.group(1));
      line = Integer.parseInt(m.group(2));
      column = Integer.parseInt(m.group(3));
    } else if (m.group(4) != null) {
      token = m.group(4).toLowerCase(Locale.ROOT);
      line = Integer.parseInt(m.group(5));
      column = Integer.parseInt(m.group(6));
    } else {
      token = m.group(9);
      line = Integer.parseInt(m.group(7));
      column = Integer.parseInt(m.group(8));
    }
    return new PgSyntaxError(token == null || token.equals(END) || token.isEmpty() ? null : token, line, column);
  }

  /** Calcite names the next few tokens ({@code "on on"}); PostgreSQL names the first. */
  private static String firstToken(String encountered) {
    String s = encountered.strip();
    if (s.startsWith("'") || s.startsWith("\"")) {
      return s;
    }
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  /** Whether the statement ended where a token was still needed. */
  public boolean atEnd() {
    return token == null;
  }

  /** PostgreSQL's message: {@code syntax error at or near "on"}, {@code syntax error at end of input}. */
  public String message() {
    return atEnd() ? "syntax error at end of input" : "syntax error at or near \"" + token + "\"";
  }

  /** {@link #message} with where, for a client that cannot show a position: {@code … at line 1, column 17}. */
  public String located() {
    return line == 0 ? message() : message() + " at line " + line + ", column " + column;
  }
}
