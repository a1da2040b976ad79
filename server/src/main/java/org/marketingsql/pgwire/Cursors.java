package org.marketingsql.pgwire;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.marketingsql.readonly.SqlText;

/**
 * A session's SQL cursors (DECLARE, FETCH, MOVE, CLOSE) as PostgreSQL 15 has them. A cursor keeps its
 * statement's open result and reads only the rows each FETCH or MOVE asks for, so a large result streams.
 * A cursor declared without SCROLL reads forward only: a backward move is refused as for a NO SCROLL cursor
 * (55000). A SCROLL cursor moves both ways: it keeps every row it has read (in text and binary form), up to
 * {@link #SCROLL_BYTES} per cursor, beyond which the FETCH or MOVE that would read more fails with 54000.
 * Cursors without HOLD end with their transaction block; WITH HOLD ones live until CLOSE, DISCARD ALL or the
 * end of the session, unless the block that declared them is rolled back.
 */
final class Cursors implements AutoCloseable {
  /** The memory a SCROLL cursor may fill with the rows it has read: 64 MiB. */
  static final long SCROLL_BYTES = 64L * 1024 * 1024;

  /** DECLARE, read: the cursor's name, options and query. */
  record Declaration(String name, boolean binary, boolean scroll, boolean hold, String query) {
    Declaration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(query, "query");
    }
  }

  /** Where FETCH or MOVE goes: FORWARD n, BACKWARD n, ABSOLUTE n or RELATIVE n; {@code all} for ALL. */
  record Direction(Kind kind, long count, boolean all) {
    enum Kind { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }
  }

  /** FETCH or MOVE, read. */
  record Fetch(boolean move, Direction direction, String cursor) {
  }

  /** A row of pg_cursors. */
  record Listed(String name, String statement, boolean holdable, boolean binary, boolean scrollable, Instant created) {
  }

  private static final class Cursor {
    final Result result;
    final Declaration declaration;
    final String statement;
    final Instant created;
    /** A SCROLL cursor's rows read so far; null for one that reads forward only. */
    final List<Result.EncodedRow> kept;
    long keptBytes;
    /** A SCROLL cursor's position: 0 before the first row, n on row n, kept.size() + 1 after the last once it is known. */
    long position;
    /** Declared in the transaction block still open: a ROLLBACK of it closes even a WITH HOLD cursor. */
    boolean inThisBlock;

    Cursor(Declaration declaration, String statement, Result result, boolean inThisBlock, Instant created) {
      this.declaration = declaration;
      this.statement = statement;
      this.result = result;
      this.inThisBlock = inThisBlock;
      this.created = created;
      this.kept = declaration.scroll() ? new ArrayList<>() : null;
    }

    boolean hold() {
      return declaration.hold();
    }

    boolean binary() {
      return declaration.binary();
    }

    /** Row {@code n} (from 1), reading and keeping rows up to it; null when the result has fewer. */
    Result.EncodedRow row(long n) throws SQLException, PgException {
      while (kept.size() < n) {
        Result.EncodedRow row = result.nextEncoded();
        if (row == null) {
          return null;
        }
        keptBytes += row.bytes();
        if (keptBytes > SCROLL_BYTES) {
          throw new PgException("54000", "SCROLL cursor \"" + declaration.name() + "\" would keep more than "
              + SCROLL_BYTES / (1024 * 1024) + " MB of rows read (" + kept.size() + " rows so far): a SCROLL cursor keeps"
              + " the rows it has read so it can move back; declare it NO SCROLL to stream the result, or read fewer rows");
        }
        kept.add(row);
      }
      return kept.get((int) (n - 1));
    }

    /** How many rows the result has, reading them all. */
    long total() throws SQLException, PgException {
      while (row(kept.size() + 1L) != null) {
        // read on
      }
      return kept.size();
    }
  }

  private static final Set<String> QUERIES = Set.of("select", "with", "values", "table");
  private final Map<String, Cursor> open = new LinkedHashMap<>();

  int size() {
    return open.size();
  }

  boolean exists(String name) {
    return open.containsKey(name);
  }

  /** Reads {@code DECLARE name [BINARY] [ASENSITIVE|INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH|WITHOUT} HOLD] FOR query}. */
  static Declaration declaration(String sql) throws PgException {
    StatementWords w = new StatementWords(sql);
    w.expect("declare");
    String name = w.name();
    boolean binary = false;
    boolean scroll = false;
    while (!w.peek().equals("cursor")) {
      if (w.accept("binary")) {
        binary = true;
      } else if (w.accept("asensitive", "insensitive")) {
        // every cursor reads the snapshot its statement started on: insensitive either way
      } else if (w.accept("no")) {
        w.expect("scroll");
        scroll = false;
      } else if (w.accept("scroll")) {
        scroll = true;
      } else {
        throw w.syntaxError();
      }
    }
    w.expect("cursor");
    boolean hold = false;
    if (w.accept("with")) {
      w.expect("hold");
      hold = true;
    } else if (w.accept("without")) {
      w.expect("hold");
    }
    w.expect("for");
    String query = w.rest();
    String first = SqlText.firstKeyword(query);
    if (!QUERIES.contains(first)) {
      throw new PgException("42601", query.isEmpty() ? "syntax error at end of input"
          : "syntax error at or near \"" + query.split("\\s+", 2)[0] + "\": a cursor is declared FOR a query");
    }
    return new Declaration(name, binary, scroll, hold, query);
  }

  /** Reads {@code FETCH [direction] [FROM | IN] name} or {@code MOVE …}. */
  static Fetch fetch(String sql) throws PgException {
    StatementWords w = new StatementWords(sql);
    boolean move = w.next().lower().equals("move");
    Direction d = direction(w);
    w.accept("from", "in");
    String name = w.name();
    w.end();
    return new Fetch(move, d, name);
  }

  private static Direction direction(StatementWords w) throws PgException {
    if (w.accept("next")) {
      return forward(1);
    }
    if (w.accept("prior")) {
      return new Direction(Direction.Kind.BACKWARD, 1, false);
    }
    if (w.accept("first")) {
      return new Direction(Direction.Kind.ABSOLUTE, 1, false);
    }
    if (w.accept("last")) {
      return new Direction(Direction.Kind.ABSOLUTE, -1, false);
    }
    if (w.accept("absolute")) {
      return new Direction(Direction.Kind.ABSOLUTE, count(w), false);
    }
    if (w.accept("relative")) {
      return new Direction(Direction.Kind.RELATIVE, count(w), false);
    }
    if (w.accept("all")) {
      return new Direction(Direction.Kind.FORWARD, 0, true);
    }
    for (String way : new String[] {"forward", "backward"}) {
      if (w.accept(way)) {
        Direction.Kind kind = way.equals("forward") ? Direction.Kind.FORWARD : Direction.Kind.BACKWARD;
        if (w.accept("all")) {
          return new Direction(kind, 0, true);
        }
        OptionalLong n = w.integer();
        long c = n.orElse(1);
        return c >= 0 ? new Direction(kind, c, false)
            : new Direction(kind == Direction.Kind.FORWARD ? Direction.Kind.BACKWARD : Direction.Kind.FORWARD, -c, false);
      }
    }
    OptionalLong n = w.integer();
    if (n.isPresent()) {
      long c = n.getAsLong();
      return c >= 0 ? forward(c) : new Direction(Direction.Kind.BACKWARD, -c, false);
    }
    return forward(1);
  }

  private static Direction forward(long n) {
    return new Direction(Direction.Kind.FORWARD, n, false);
  }

  private static long count(StatementWords w) throws PgException {
    OptionalLong n = w.integer();
    if (n.isEmpty()) {
      throw w.syntaxError();
    }
    return n.getAsLong();
  }

  /** Keeps {@code result} open as cursor {@code d.name()}, declared by {@code statement}; the caller checked the name is free. */
  void add(Declaration d, String statement, Result result, boolean inBlock) {
    open.put(d.name(), new Cursor(d, statement, result, inBlock, Instant.now()));
  }

  /** The JDBC statement cursor {@code name} reads, so a CancelRequest can stop a FETCH; null when there is none. */
  Statement statement(String name) {
    Cursor c = open.get(name);
    return c == null ? null : c.result.statement();
  }

  /** The open cursors, in the order they were declared, as pg_cursors lists them. */
  List<Listed> listed() {
    List<Listed> out = new ArrayList<>();
    for (Cursor c : open.values()) {
      Declaration d = c.declaration;
      out.add(new Listed(d.name(), c.statement, d.hold(), d.binary(), d.scroll(), c.created));
    }
    return out;
  }

  /**
   * Runs a FETCH (its rows, read as they are sent, in {@code formats}; a BINARY cursor's in binary when
   * the statement came as a simple query) or a MOVE (its command tag, rows skipped).
   */
  Result fetch(Fetch f, short[] formats, boolean simple) throws PgException, SQLException {
    Cursor c = open.get(f.cursor());
    if (c == null) {
      throw new PgException("34000", "cursor \"" + f.cursor() + "\" does not exist");
    }
    short[] asked = simple && c.binary() ? new short[] {1} : formats;
    if (c.kept != null) {
      return scroll(c, f, asked);
    }
    Result r = c.result;
    Direction d = f.direction();
    long position = r.rows();
    boolean onRow = position > 0 && !r.exhausted();
    long take = 0;
    boolean again = false; // the current row once more: a step back and one forward
    switch (d.kind()) {
      case FORWARD -> {
        again = !d.all() && d.count() == 0;
        take = d.all() ? Long.MAX_VALUE : d.count();
      }
      case BACKWARD -> {
        if (d.all() || d.count() > 0) {
          throw backward();
        }
        again = true;
      }
      case ABSOLUTE -> {
        long n = d.count();
        if (n < 0 || n > 0 && n <= position || n == 0 && position > 0) {
          throw backward();
        }
        take = n == 0 ? 0 : skip(r, n - 1 - position) ? 1 : 0;
      }
      case RELATIVE -> {
        if (d.count() < 0) {
          throw backward();
        }
        again = d.count() == 0;
        take = again ? 0 : skip(r, d.count() - 1) ? 1 : 0;
      }
      default -> throw new IllegalStateException(d.kind().name());
    }
    if (again) {
      if (f.move()) {
        return Result.local(LocalResult.command("MOVE " + (onRow ? 1 : 0)), new short[0]);
      }
      if (onRow) {
        throw backward();
      }
    }
    if (f.move()) {
      long moved = 0;
      Result window = Result.fetched(r, new short[0], take);
      while (window.next() != null) {
        moved++;
      }
      return Result.local(LocalResult.command("MOVE " + moved), new short[0]);
    }
    return Result.fetched(r, asked, take);
  }

  /**
   * A FETCH or MOVE of a SCROLL cursor, as PostgreSQL moves one: FORWARD and BACKWARD return the rows they
   * pass, in that order, and stop before the first or after the last row; ABSOLUTE and RELATIVE go to one
   * row and return it, if there is one. A MOVE counts the rows the FETCH would return.
   */
  private static Result scroll(Cursor c, Fetch f, short[] formats) throws PgException, SQLException {
    Direction d = f.direction();
    List<Result.EncodedRow> rows = new ArrayList<>();
    switch (d.kind()) {
      case FORWARD -> {
        if (!d.all() && d.count() == 0) {
          current(c, rows);
        }
        long end = d.all() ? Long.MAX_VALUE : c.position + d.count();
        while (c.position < end) {
          Result.EncodedRow row = c.row(c.position + 1);
          if (row == null) {
            c.position = c.kept.size() + 1L;
            break;
          }
          c.position++;
          rows.add(row);
        }
      }
      case BACKWARD -> {
        if (!d.all() && d.count() == 0) {
          current(c, rows);
        }
        long end = d.all() ? 0 : Math.max(0, c.position - d.count());
        while (c.position > end) {
          c.position--;
          if (c.position == 0) {
            break;
          }
          rows.add(c.row(c.position));
        }
      }
      case ABSOLUTE -> go(c, d.count() >= 0 ? d.count() : c.total() + 1 + d.count(), rows);
      case RELATIVE -> {
        if (d.count() == 0) {
          current(c, rows);
        } else {
          go(c, c.position + d.count(), rows);
        }
      }
      default -> throw new IllegalStateException(d.kind().name());
    }
    if (f.move()) {
      return Result.local(LocalResult.command("MOVE " + rows.size()), new short[0]);
    }
    return Result.scrolled(c.result.columns(), formats, rows);
  }

  /** The row the cursor is on, if it is on one. */
  private static void current(Cursor c, List<Result.EncodedRow> rows) throws PgException, SQLException {
    if (c.position >= 1 && c.position <= c.kept.size()) {
      rows.add(c.row(c.position));
    }
  }

  /** To row {@code target}: on it when it exists; before the first or after the last row otherwise. */
  private static void go(Cursor c, long target, List<Result.EncodedRow> rows) throws PgException, SQLException {
    if (target < 1) {
      c.position = 0;
      return;
    }
    Result.EncodedRow row = c.row(target);
    if (row == null) {
      c.position = c.kept.size() + 1L;
      return;
    }
    c.position = target;
    rows.add(row);
  }

  /** Reads past {@code n} rows; false when the result ended first. */
  private static boolean skip(Result r, long n) throws SQLException {
    Result window = Result.fetched(r, new short[0], n);
    long skipped = 0;
    while (window.next() != null) {
      skipped++;
    }
    return skipped == n;
  }

  private static PgException backward() {
    return new PgException("55000", "cursor can only scan forward: declare it with SCROLL to enable backward scan");
  }

  /** The columns a FETCH from {@code name} returns, for Describe; empty when there is no such cursor. */
  Optional<List<Column>> columns(String name) {
    return Optional.ofNullable(open.get(name)).map(c -> c.result.columns());
  }

  /** CLOSE name or CLOSE ALL; the command tag. */
  String close(String sql) throws PgException {
    StatementWords w = new StatementWords(sql);
    w.expect("close");
    if (w.accept("all")) {
      w.end();
      close();
      return "CLOSE CURSOR ALL";
    }
    String name = w.name();
    w.end();
    Cursor c = open.remove(name);
    if (c == null) {
      throw new PgException("34000", "cursor \"" + name + "\" does not exist");
    }
    c.result.close();
    return "CLOSE CURSOR";
  }

  /** COMMIT: cursors without HOLD close; those WITH HOLD now outlive any rollback. */
  void committed() {
    closeIf(c -> !c.hold());
    open.values().forEach(c -> c.inThisBlock = false);
  }

  /** ROLLBACK: cursors without HOLD close, and so do WITH HOLD ones that this block declared. */
  void rolledBack() {
    closeIf(c -> !c.hold() || c.inThisBlock);
  }

  private void closeIf(Predicate<Cursor> which) {
    var it = open.values().iterator();
    while (it.hasNext()) {
      Cursor c = it.next();
      if (which.test(c)) {
        c.result.close();
        it.remove();
      }
    }
  }

  /** Whether {@code keyword} starts a cursor statement. */
  static boolean isCursorStatement(String keyword) {
    return switch (keyword.toLowerCase(Locale.ROOT)) {
      case "declare", "fetch", "move", "close" -> true;
      default -> false;
    };
  }

  @Override
  public void close() {
    closeIf(c -> true);
  }
}
