package org.marketingsql.pgwire;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.marketingsql.pgwire.PgTokens.Kind;
import org.marketingsql.pgwire.PgTokens.Token;
import org.marketingsql.readonly.SqlText;

/**
 * Reads a session statement (DECLARE, FETCH, BEGIN, SET …) word by word, as PostgreSQL's grammar spells
 * it: keywords in any case, names folded to lower case unless quoted, comments skipped. What does not fit
 * is a syntax error (42601) that names the token, as PostgreSQL's message does.
 */
final class StatementWords {
  private final List<Token> tokens;
  private int i;

  StatementWords(String sql) {
    this.tokens = PgTokens.tokenize(SqlText.stripComments(Objects.requireNonNull(sql, "sql")));
    skipSpace();
  }

  private void skipSpace() {
    while (i < tokens.size() && !tokens.get(i).significant()) {
      i++;
    }
  }

  boolean atEnd() {
    return i >= tokens.size();
  }

  /** The next token's text in lower case, empty at the end. */
  String peek() {
    return atEnd() ? "" : tokens.get(i).lower();
  }

  Token peekToken() {
    return atEnd() ? null : tokens.get(i);
  }

  /** Moves past the next token when it is one of {@code words} (keywords or punctuation). */
  boolean accept(String... words) {
    if (atEnd()) {
      return false;
    }
    Token t = tokens.get(i);
    for (String w : words) {
      if (t.is(w)) {
        i++;
        skipSpace();
        return true;
      }
    }
    return false;
  }

  void expect(String word) throws PgException {
    if (!accept(word)) {
      throw syntaxError();
    }
  }

  Token next() throws PgException {
    if (atEnd()) {
      throw syntaxError();
    }
    Token t = tokens.get(i++);
    skipSpace();
    return t;
  }

  /** A name: a word folded to lower case, or a quoted identifier as written. */
  String name() throws PgException {
    Token t = peekToken();
    if (t == null || t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENT) {
      throw syntaxError();
    }
    next();
    return identifier(t);
  }

  static String identifier(Token t) {
    if (t.kind() == Kind.QUOTED_IDENT) {
      String body = t.text().substring(1, t.text().length() - 1);
      return body.replace("\"\"", "\"");
    }
    return t.text().toLowerCase(Locale.ROOT);
  }

  /** An optionally signed integer, or empty when the next token is not one. */
  OptionalLong integer() throws PgException {
    int start = i;
    boolean negative = false;
    if (!atEnd() && tokens.get(i).kind() == Kind.OPERATOR && (tokens.get(i).text().equals("-") || tokens.get(i).text().equals("+"))) {
      negative = tokens.get(i).text().equals("-");
      i++;
      skipSpace();
    }
    if (atEnd() || tokens.get(i).kind() != Kind.NUMBER || !tokens.get(i).text().chars().allMatch(Character::isDigit)) {
      i = start;
      return OptionalLong.empty();
    }
    long value;
    try {
      value = Long.parseLong(tokens.get(i).text());
    } catch (NumberFormatException e) {
      throw new PgException("22003", "value \"" + tokens.get(i).text() + "\" is out of range for type bigint", e);
    }
    i++;
    skipSpace();
    return OptionalLong.of(negative ? -value : value);
  }

  /** The rest of the statement as SQL. */
  String rest() {
    String s = PgTokens.join(tokens.subList(i, tokens.size())).strip();
    i = tokens.size();
    return s;
  }

  void end() throws PgException {
    if (!atEnd()) {
      throw syntaxError();
    }
  }

  PgException syntaxError() {
    return new PgException("42601", atEnd() ? "syntax error at end of input"
        : "syntax error at or near \"" + tokens.get(i).text() + "\"");
  }
}
