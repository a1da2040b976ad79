package org.marketingsql.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's parser for the SQL BI tools and analysts type, set as a connection's {@code parserFactory}:
 * before parsing, PostgreSQL's JSON operators become calls ({@link PgJsonOperators}), date and timestamp literals before
 * 1582-10-15 casts of their text ({@link GregorianLiterals}), its {@code x::type} casts become
 * CAST ({@link PgCasts}), its {@code ~~} operators LIKE and ILIKE ({@link PgLikeOperators}), keywords used as names are
 * quoted ({@link KeywordNames}), date and timestamp literals take the form Calcite reads ({@link PgDateLiterals}),
 * periods' OVERLAPS becomes PostgreSQL's ({@link PgOverlaps}),
 * {@code x AT TIME ZONE z} and timestamptz literals become calls
 * ({@link PgTimeZones}), as does a {@code date_trunc} in a named zone ({@link PgDateTruncZone}), PostgreSQL's interval literals take the standard form ({@link PgIntervals}) and functions
 * in FROM become table functions or one-row tables ({@link PgFromFunctions}), on tokens, so strings, comments and quoted names
 * are never touched, and {@code SELECT DISTINCT ON (…)} becomes a marked select item ({@link PgDistinctOn}); after parsing,
 * calls of PostgreSQL's date functions are bound ({@link PgCalls}), DISTINCT ON selects keep the first row of each group
 * ({@link PgDistinctOn}), {@code count(t.*)} counts {@code t}'s rows ({@link PgRowCounts}), a named window refined with
 * a frame is written out ({@link PgWindows}) and
 * {@code SELECT generate_series(…)} reads the series in FROM ({@link PgSelectSeries}).
 * Public, with a public constructor, because Calcite instantiates it by name.
 */
public final class LenientParserFactory implements SqlParserImplFactory {
  private static final KeywordNames KEYWORDS = new KeywordNames(
      new SqlParserImpl(new StringReader("")).getMetadata()::isReservedWord);

  public LenientParserFactory() {
  }

  /** {@code sql} as the parser reads it. */
  static String rewrite(String sql) {
    String operators = PgLikeOperators.rewrite(PgJsonOperators.rewrite(sql));
    String literals = PgTimeZones.rewriteLiterals(GregorianLiterals.rewrite(operators));
    String casts = PgOverlaps.rewrite(PgDateLiterals.rewrite(PgCasts.rewrite(literals)));
    String distinctOn = PgDistinctOn.rewrite(PgSelectWithoutFrom.rewrite(PgDateTruncZone.rewrite(casts)));
    return KEYWORDS.rewrite(PgFromFunctions.rewrite(PgIntervals.rewrite(PgTimeZones.rewriteAtTimeZone(distinctOn))));
  }

  @Override
  public SqlAbstractParserImpl getParser(Reader reader) {
    String original = read(reader);
    String sql = rewrite(original);
    Parser parser = new Parser(sql, original);
    parser.setOriginalSql(sql);
    return parser;
  }

  private static String read(Reader reader) {
    if (reader instanceof SourceStringReader source) {
      return source.getSourceString();
    }
    try {
      StringBuilder s = new StringBuilder();
      char[] buffer = new char[4096];
      for (int n; (n = reader.read(buffer)) >= 0; ) {
        s.append(buffer, 0, n);
      }
      return s.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SQL to parse", e);
    }
  }

  /**
   * Calcite's parser, binding PostgreSQL's date functions in what it parses; the names its function calls were
   * written with are kept ({@link WrittenNames}).
   */
  private static final class Parser extends SqlParserImpl {
    private final String sql;
    private final String original;

    Parser(String sql, String original) {
      super(new StringReader(sql));
      this.sql = sql;
      this.original = original;
    }

    @Override
    public SqlNode parseSqlStmtEof() throws Exception {
      SqlNode parsed = super.parseSqlStmtEof();
      WrittenNames names = WrittenNames.read(sql, original, parsed);
      return names.keep(PgCalls.bind(PgSelectSeries.apply(PgDistinctWindows.apply(PgWindows.inline(
          PgRowCounts.apply(PgDistinctOn.apply(parsed)))))));
    }

    @Override
    public SqlNode parseSqlExpressionEof() throws Exception {
      return PgCalls.bind(PgExponentiation.regroup(super.parseSqlExpressionEof()));
    }

    @Override
    public SqlNodeList parseSqlStmtList() throws Exception {
      SqlNodeList parsed = super.parseSqlStmtList();
      WrittenNames names = WrittenNames.read(sql, original, parsed);
      return names.keep(PgCalls.bind(PgSelectSeries.apply(PgDistinctWindows.apply(PgWindows.inline(
          PgRowCounts.apply(PgDistinctOn.apply(parsed)))))));
    }
  }
}
