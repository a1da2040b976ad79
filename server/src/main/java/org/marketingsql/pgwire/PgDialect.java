package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.marketingsql.pgwire.PgTokens.Kind;
import org.marketingsql.pgwire.PgTokens.Token;
import org.marketingsql.sql.PgCasts;
import org.marketingsql.sql.PgFromFunctions;
import org.marketingsql.sql.PgSqlException;

/**
 * Rewrites the PostgreSQL-only constructs clients send (psql's {@code \d}, pgJDBC's and SQLAlchemy's
 * catalog queries, BI tools' casts) into SQL Calcite parses, on tokens, so quotes and comments are never
 * touched: {@code x::type} becomes {@code CAST}, {@code 'a.b'::regclass} a pg_class look-up,
 * {@code OPERATOR(pg_catalog.~)} the operator, {@code '1 day'::interval} an interval literal, {@code ~ !~ ~* !~*} regex functions, {@code COLLATE}
 * is dropped, {@code = ANY(ARRAY[..])} becomes {@code IN}, {@code col_description}/{@code obj_description}
 * pg_description look-ups, a {@code pg_catalog.} prefix on a function call is dropped (the functions
 * are in the root schema) and unquoted identifiers fold to lower case, as PostgreSQL folds them.
 */
final class PgDialect {
  /** Words before a parenthesis that are not function names, so {@code IN (..)::x} does not take IN. */
  private static final Set<String> NOT_FUNCTIONS = Set.of("and", "or", "not", "in", "when", "then", "else", "select",
      "where", "on", "from", "by", "as", "case", "is", "like", "between", "exists", "any", "all", "some", "values",
      "using", "join", "having", "with", "distinct", "union", "return", "over");
  /** Column aliases PostgreSQL allows after AS that Calcite reserves. */
  private static final Set<String> RESERVED_ALIASES = Set.of("default", "value", "user", "position", "year", "month",
      "day", "hour", "minute", "second", "role", "language", "result", "system_user", "current_user", "session_user",
      "names", "type", "comment", "identity", "generated", "format", "collation", "schema", "table", "column",
      "function", "domain", "cycle", "start", "increment", "minvalue", "maxvalue", "cache", "time", "timestamp",
      "date", "owner", "name", "size", "check", "primary", "key", "order", "group");

  private PgDialect() {
  }

  /** {@code sql} (one statement, comments allowed) in Calcite's dialect. */
  static String toCalcite(String sql) {
    return toCalcite(sql, LocalAnswers.DEFAULT_SCHEMA);
  }

  /** {@link #toCalcite(String)} for a session whose unqualified names are in {@code schema}. */
  static String toCalcite(String sql, String schema) {
    List<Token> t = significant(sql);
    splitSignedOperators(t);
    databaseQualifiedNames(t);
    KeylessCatalog.emptyKeyExists(t);
    operatorCalls(t);
    dropCollate(t);
    dropCatalogPrefixOfFunctions(t);
    activityCalls(t);
    blockingPids(t);
    nowCalls(t);
    startTimes(t);
    standardCastsToPgTypes(t);
    arrayLiterals(t);
    limitValues(t);
    viewNames(t);
    casts(t, schema);
    expandedInSelectLists(t);
    expandArrays(t);
    regexOperators(t);
    likeOperators(t);
    likeEscapes(t);
    anyArray(t);
    searchPathPositions(t);
    descriptions(t, schema);
    rowTypeNames(t, schema);
    currentSettings(t, schema);
    viewDefinitions(t);
    roleNames(t);
    quoteReservedAliases(t);
    quoteReservedNames(t);
    StringBuilder out = new StringBuilder();
    for (Token token : t) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(token.kind() == Kind.WORD ? token.lower() : token.text());
    }
    // functions in FROM as the driver takes them, this server's catalog functions among the scalar ones
    String calcite = PgFromFunctions.rewrite(out.toString(), name -> PORT_FUNCTIONS.contains(name)
        || name.equals("current_schema"));
    return sessionValues(calcite, schema);
  }

  /** This server's catalog functions ({@link PgFunctions}), by name. */
  private static final Set<String> PORT_FUNCTIONS = Set.copyOf(PgFunctions.functions().keySet());
  /** Select list items end at these words (or at a comma, a parenthesis, the end). */
  private static final Set<String> AFTER_SELECT_ITEM = Set.of("from", "where", "group", "having", "window", "order",
      "limit", "offset", "fetch", "union", "except", "intersect", "into", "for");

  /**
   * {@code current_schema()}, {@code current_schema} and {@code current_catalog} in {@code sql} (after the FROM
   * functions were rewritten, so that as FROM items they are one-row tables first) as the session's values: the
   * schema unqualified names are looked up in, and the database. A select list item that is one of them alone is
   * named after it, as PostgreSQL names it. Only the calls' tokens change; the rest of the text stays as it is.
   */
  private static String sessionValues(String sql, String schema) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("current_schema") && !lower.contains("current_catalog")) {
      return sql;
    }
    return replacing(sql, (all, at, replaced) -> {
      for (int i = 0; i < at.size(); i++) {
        Token token = all.get(at.get(i));
        boolean schemaCall = token.is("current_schema");
        if (!schemaCall && !token.is("current_catalog")
            || i > 0 && (all.get(at.get(i - 1)).is(".") || all.get(at.get(i - 1)).is("as"))) {
          continue;
        }
        int last = i;
        if (i + 1 < at.size() && all.get(at.get(i + 1)).is("(")) {
          if (!schemaCall || i + 2 >= at.size() || !all.get(at.get(i + 2)).is(")")) {
            continue;
          }
          last = i + 2;
        }
        String value = Parameters.quote(schemaCall ? schema : LocalAnswers.DATABASE);
        if (selectItemAlone(all, at, i, last)) {
          value += " AS " + (schemaCall ? "\"current_schema\"" : "\"current_catalog\"");
        }
        replaced[at.get(i)] = value;
        for (int k = i + 1; k <= last; k++) {
          replaced[at.get(k)] = "";
        }
        i = last;
      }
    });
  }

  /**
   * Whether the significant tokens {@code first} to {@code last} are a whole item of a select list: after SELECT
   * (or DISTINCT) or after a comma of a select list, and before a comma, the list's end or the statement's.
   */
  private static boolean selectItemAlone(List<Token> all, List<Integer> at, int first, int last) {
    if (last + 1 < at.size()) {
      Token next = all.get(at.get(last + 1));
      if (!next.is(",") && !next.is(")") && !next.is(";")
          && !(next.kind() == Kind.WORD && AFTER_SELECT_ITEM.contains(next.lower()))) {
        return false;
      }
    }
    if (first == 0) {
      return false;
    }
    Token previous = all.get(at.get(first - 1));
    if (previous.is("select") || previous.is("distinct") || previous.is("all")) {
      return true;
    }
    if (!previous.is(",")) {
      return false;
    }
    int depth = 0;
    for (int i = first - 2; i >= 0; i--) {
      Token token = all.get(at.get(i));
      if (token.is(")")) {
        depth++;
      } else if (token.is("(") && depth-- == 0) {
        return false; // a call's arguments, a VALUES row, an IN list
      } else if (depth == 0 && token.is("select")) {
        return true;
      } else if (depth == 0 && token.kind() == Kind.WORD && (AFTER_SELECT_ITEM.contains(token.lower())
          || token.is("by") || token.is("on") || token.is("join") || token.is("values"))) {
        return false;
      }
    }
    return false;
  }

  /**
   * {@code sql} (as {@link #toCalcite} gave it) with each {@code pg_backend_pid()} as the session's process id,
   * {@code processId}, and each {@code inet_server_addr()} and {@code inet_server_port()} as the address and port of
   * {@code server}, where the client reached the server (nulls when not known); only those tokens change.
   */
  static String sessionValues(String sql, int processId, java.net.InetSocketAddress server) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("pg_backend_pid") && !lower.contains("inet_server_")) {
      return sql;
    }
    String address = server == null || server.getAddress() == null ? "CAST(NULL AS VARCHAR)"
        : "CAST(" + Parameters.quote(server.getAddress().getHostAddress()) + " AS VARCHAR)";
    String port = server == null ? "CAST(NULL AS INTEGER)" : Integer.toString(server.getPort());
    return replacing(sql, (all, at, replaced) -> {
      for (int i = 0; i + 2 < at.size(); i++) {
        Token name = all.get(at.get(i));
        String value = name.is("pg_backend_pid") ? Integer.toString(processId) : name.is("inet_server_addr") ? address
            : name.is("inet_server_port") ? port : null;
        if (value != null && all.get(at.get(i + 1)).is("(") && all.get(at.get(i + 2)).is(")")
            && (i == 0 || !all.get(at.get(i - 1)).is("."))) {
          replaced[at.get(i)] = value;
          replaced[at.get(i + 1)] = "";
          // named after the function, as PostgreSQL names a call
          replaced[at.get(i + 2)] = wholeSelectItem(significant(all, at), i, i + 2) ? " AS \"" + name.lower() + "\"" : "";
        }
      }
    });
  }

  /**
   * {@code sql} (as {@link #toCalcite} gave it) with PostgreSQL's system columns {@code tableoid} and {@code xmin} of a
   * pg_catalog table ({@code l.tableoid} of {@code FROM pg_catalog.pg_language l}, or unqualified when FROM names one
   * catalog table) as values: {@code tableoid} that table's OID, which {@code tableOid} gives for a table's name (empty
   * for a name that is no catalog table), {@code xmin} the xid {@code xmin} gives, one for every row of the catalog as it
   * stands (DataGrip compares it to tell what changed). The catalogs have the columns without listing them in
   * {@code SELECT *}, as PostgreSQL's tables do.
   */
  static String tableOids(String sql, java.util.function.Function<String, java.util.OptionalInt> tableOid,
      java.util.function.IntSupplier xmin) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("tableoid") && !lower.contains("xmin")) {
      return sql;
    }
    return replacing(sql, (all, at, replaced) -> {
      Map<String, Integer> byAlias = new HashMap<>();
      for (int i = 1; i < at.size(); i++) {
        Token table = all.get(at.get(i));
        Token before = all.get(at.get(i - 1));
        boolean qualified = before.is(".") && i >= 3 && all.get(at.get(i - 2)).is("pg_catalog");
        Token opener = qualified ? all.get(at.get(i - 3)) : before;
        if (table.kind() != Kind.WORD || !(opener.is("from") || opener.is("join") || opener.is(","))) {
          continue;
        }
        java.util.OptionalInt oid = tableOid.apply(table.lower());
        if (oid.isEmpty()) {
          continue;
        }
        int next = i + 1 < at.size() && all.get(at.get(i + 1)).is("as") ? i + 2 : i + 1;
        Token alias = next < at.size() ? all.get(at.get(next)) : null;
        boolean aliased = alias != null && alias.kind() == Kind.WORD && !AFTER_FROM_ITEM.contains(alias.lower());
        byAlias.put(aliased ? alias.lower() : table.lower(), oid.getAsInt());
      }
      for (int i = 0; i < at.size(); i++) {
        Token column = all.get(at.get(i));
        if (!column.is("tableoid") && !column.is("xmin")) {
          continue;
        }
        boolean qualified = i >= 2 && all.get(at.get(i - 1)).is(".");
        Integer oid = qualified ? byAlias.get(all.get(at.get(i - 2)).lower())
            : byAlias.size() == 1 ? byAlias.values().iterator().next() : null;
        if (oid != null) {
          boolean item = wholeSelectItem(significant(all, at), qualified ? i - 2 : i, i);
          String value = column.is("xmin") ? "xid_value(CAST(" + Integer.toUnsignedString(xmin.getAsInt()) + " AS INTEGER))"
              : "CAST(" + oid + " AS INTEGER)";
          replaced[at.get(i)] = value + (item ? " AS \"" + column.lower() + "\"" : "");
          if (qualified) {
            replaced[at.get(i - 2)] = "";
            replaced[at.get(i - 1)] = "";
          }
        }
      }
    });
  }

  /** The significant tokens of {@code all}, those {@code at} lists. */
  private static List<Token> significant(List<Token> all, List<Integer> at) {
    return at.stream().map(all::get).toList();
  }

  /** Chooses texts for some of a statement's tokens ({@link #replacing}). */
  private interface Replacements {
    /** Sets {@code replaced[k]} for each token {@code all.get(k)} to replace; {@code at} lists the significant ones. */
    void choose(List<Token> all, List<Integer> at, String[] replaced);
  }

  /** {@code sql} with the tokens {@code replacements} chose replaced by their texts, every other as it is written. */
  private static String replacing(String sql, Replacements replacements) {
    List<Token> all = PgTokens.tokenize(sql);
    List<Integer> at = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      if (all.get(k).significant()) {
        at.add(k);
      }
    }
    String[] replaced = new String[all.size()];
    replacements.choose(all, at, replaced);
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < all.size(); k++) {
      out.append(replaced[k] != null ? replaced[k] : all.get(k).text());
    }
    return out.toString();
  }

  /**
   * Whether {@link #toCalcite} puts a value of the session in place of a call of {@code sql} ({@code current_setting},
   * {@code current_schemas}, {@code current_schema} with or without parentheses, {@code pg_backend_pid},
   * {@code inet_server_addr}, {@code inet_server_port}): the plan
   * then holds the value, not the call, so what the statement calls cannot be told from it ({@link CatalogCalls}).
   */
  static boolean answersFromSession(String sql) {
    List<Token> t = PgTokens.tokenize(sql).stream().filter(Token::significant).toList();
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).is("current_schema") || (t.get(i).is("current_setting") || t.get(i).is("current_schemas")
          || t.get(i).is("pg_backend_pid") || t.get(i).is("inet_server_addr") || t.get(i).is("inet_server_port"))
          && i + 1 < t.size() && t.get(i + 1).is("(")) {
        return true;
      }
    }
    return false;
  }

  /** PostgreSQL's lexer rule: {@code =-1} is {@code =} then {@code -1}, unless the operator has a non-SQL char. */
  private static void splitSignedOperators(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      Token token = t.get(i);
      String s = token.text();
      if (token.kind() == Kind.OPERATOR && s.length() > 1 && (s.endsWith("+") || s.endsWith("-"))
          && s.chars().noneMatch(c -> "~!@#%^&|`?".indexOf(c) >= 0)) {
        int cut = s.length();
        while (cut > 1 && (s.charAt(cut - 1) == '+' || s.charAt(cut - 1) == '-')) {
          cut--;
        }
        t.set(i, new Token(Kind.OPERATOR, s.substring(0, cut)));
        for (int k = s.length() - 1; k >= cut; k--) {
          t.add(i + 1, new Token(Kind.OPERATOR, String.valueOf(s.charAt(k))));
        }
      }
    }
  }

  /** {@code OPERATOR(pg_catalog.~)} is the operator {@code ~}. */
  private static void operatorCalls(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("operator") && t.get(i + 1).is("(")) {
        int close = matching(t, i + 1);
        Token op = null;
        for (int k = i + 2; k < close; k++) {
          if (t.get(k).kind() == Kind.OPERATOR) {
            op = t.get(k);
          }
        }
        if (op != null && close > 0) {
          replace(t, i, close, op);
        }
      }
    }
  }

  /** Calcite's collations are not PostgreSQL's; {@code COLLATE pg_catalog.default} changes nothing here. */
  private static void dropCollate(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("collate")) {
        int end = i + 1;
        while (end + 2 < t.size() && t.get(end + 1).is(".")) {
          end += 2;
        }
        t.subList(i, end + 1).clear();
        i--;
      }
    }
  }

  /**
   * {@code now()}, {@code transaction_timestamp()} and {@code statement_timestamp()} are CURRENT_TIMESTAMP: the
   * time the statement started, in the session's TimeZone.
   */
  private static void nowCalls(List<Token> t) {
    for (int i = 0; i + 2 < t.size(); i++) {
      if ((t.get(i).is("now") || t.get(i).is("transaction_timestamp") || t.get(i).is("statement_timestamp"))
          && t.get(i + 1).is("(") && t.get(i + 2).is(")") && (i == 0 || !t.get(i - 1).is("."))) {
        String name = t.get(i).lower();
        int end = activityTimeSubtracted(t, i + 2);
        if (end > 0) {
          String column = text(t.subList(i + 4, end + 1));
          replace(t, i, end, new Token(Kind.SQL, "(CURRENT_TIMESTAMP - " + column + ") DAY TO SECOND"));
        } else {
          replace(t, i, i + 2, new Token(Kind.SQL, "CURRENT_TIMESTAMP"));
          namedAsCalled(t, i, name);
        }
      }
    }
  }

  /** pg_stat_activity's times, timestamptz columns, which a session's age is measured from ({@code now() - query_start}). */
  private static final Set<String> ACTIVITY_TIMES = Set.of("backend_start", "xact_start", "query_start", "state_change");

  /**
   * The end of {@code - [alias.]time} after the call that ends at {@code close}, when the time is one of
   * pg_stat_activity's ({@link #ACTIVITY_TIMES}): the difference of two timestamps, an interval, which Calcite writes
   * {@code (a - b) DAY TO SECOND}; -1 otherwise.
   */
  private static int activityTimeSubtracted(List<Token> t, int close) {
    if (close + 2 >= t.size() || !t.get(close + 1).is("-")) {
      return -1;
    }
    int end = close + 4 < t.size() && t.get(close + 3).is(".") ? close + 4 : close + 2;
    boolean time = t.get(end).kind() == Kind.WORD && ACTIVITY_TIMES.contains(t.get(end).lower())
        && (end == close + 2 || t.get(close + 2).kind() == Kind.WORD);
    boolean operandEnds = end + 1 >= t.size() || !t.get(end + 1).is("(") && !t.get(end + 1).is("::") && !t.get(end + 1).is(".");
    return time && operandEnds ? end : -1;
  }

  /**
   * When this node started, as a timestamptz literal in UTC: what {@code pg_postmaster_start_time()} and
   * {@code pg_conf_load_time()} (the configuration is read once, as the node starts) answer.
   */
  static final String NODE_STARTED = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'+00'", Locale.ROOT)
      .format(java.time.Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime())
          .atOffset(java.time.ZoneOffset.UTC));

  /** {@code pg_postmaster_start_time()}, {@code pg_conf_load_time()}: the node's start, shown in the session's zone. */
  private static void startTimes(List<Token> t) {
    for (int i = 0; i + 2 < t.size(); i++) {
      if ((t.get(i).is("pg_postmaster_start_time") || t.get(i).is("pg_conf_load_time")) && t.get(i + 1).is("(")
          && t.get(i + 2).is(")") && (i == 0 || !t.get(i - 1).is("."))) {
        String name = t.get(i).lower();
        replace(t, i, i + 2, new Token(Kind.SQL, "timestamptz('" + NODE_STARTED + "')"));
        namedAsCalled(t, i, name);
      }
    }
  }

  /**
   * A relation in FROM or JOIN, or after a comma in a FROM list, named with the database before its schema
   * ({@code "marketing".information_schema."columns"}, as dbt writes it) as its schema and name alone: PostgreSQL takes
   * a three-part name there as database, schema and relation, and the database may be only the one connected to. Another
   * database's is refused as PostgreSQL refuses it (0A000), whatever the schema and relation, so the answer tells only
   * what the statement says. A middle part that begins with {@code _} names a schema's internal schema
   * ({@code finance._store.load_state}), a path of the catalog's own that the access policy refuses (42501), not a
   * database. FROM in a function's parentheses ({@code extract(year FROM x)}) starts no FROM list.
   */
  private static void databaseQualifiedNames(List<Token> t) {
    // for each open parenthesis, and the statement itself: whether it holds a query, and whether in its FROM list
    List<boolean[]> frames = new ArrayList<>();
    frames.add(new boolean[] {true, false});
    for (int i = 0; i < t.size(); i++) {
      Token token = t.get(i);
      if (token.is("(")) {
        Token next = i + 1 < t.size() ? t.get(i + 1) : null;
        frames.add(new boolean[] {next != null && (next.is("select") || next.is("with") || next.is("values")), false});
        continue;
      }
      if (token.is(")")) {
        if (frames.size() > 1) {
          frames.remove(frames.size() - 1);
        }
        continue;
      }
      boolean[] frame = frames.get(frames.size() - 1);
      if (!frame[0]) {
        continue;
      }
      boolean opens = token.is("from") || token.is("join");
      if (opens) {
        frame[1] = true;
      } else if (token.kind() == Kind.WORD && FROM_LIST_ENDS.contains(token.lower())) {
        frame[1] = false;
      }
      if ((opens || token.is(",") && frame[1]) && i + 5 < t.size() && isIdentifier(t.get(i + 1)) && t.get(i + 2).is(".")
          && isIdentifier(t.get(i + 3)) && t.get(i + 4).is(".") && isIdentifier(t.get(i + 5))) {
        if (identifier(t.get(i + 3)).startsWith("_")) {
          continue; // a schema's internal schema (finance._facts.orders): the access policy refuses it as every name
        }
        if (!isDatabase(t.get(i + 1))) {
          throw new PgSqlException("0A000", "cross-database references are not implemented: \"" + identifier(t.get(i + 1))
              + "." + identifier(t.get(i + 3)) + "." + identifier(t.get(i + 5)) + "\"");
        }
        t.subList(i + 1, i + 3).clear();
      }
    }
  }

  /** The words that end a FROM list in its query. */
  private static final Set<String> FROM_LIST_ENDS = Set.of("where", "group", "having", "window", "order", "limit",
      "offset", "fetch", "union", "intersect", "except", "select", "for");

  /** An identifier's name as PostgreSQL reads it: a quoted one as written, another in lower case. */
  private static String identifier(Token token) {
    return token.kind() == Kind.QUOTED_IDENT ? token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"")
        : token.lower();
  }

  private static boolean isDatabase(Token token) {
    return token.kind() == Kind.WORD ? token.lower().equals(LocalAnswers.DATABASE)
        : token.kind() == Kind.QUOTED_IDENT && token.text().equals("\"" + LocalAnswers.DATABASE + "\"");
  }

  private static boolean isIdentifier(Token token) {
    return token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_IDENT;
  }

  private static void dropCatalogPrefixOfFunctions(List<Token> t) {
    for (int i = 0; i + 3 < t.size(); i++) {
      if ((t.get(i).is("pg_catalog") || t.get(i).is("\"pg_catalog\"")) && t.get(i + 1).is(".") && t.get(i + 2).kind() == Kind.WORD
          && t.get(i + 3).is("(")) {
        t.subList(i, i + 2).clear();
      }
    }
  }

  /**
   * {@code current_setting('name' [, missing_ok])} of a setting the session reports (SHOW's, search_path
   * the session's schema) as its value; the driver answers for the others.
   */
  private static void currentSettings(List<Token> t, String schema) {
    for (int i = 0; i + 3 < t.size(); i++) {
      if (!t.get(i).is("current_setting") || !t.get(i + 1).is("(") || t.get(i + 2).kind() != Kind.STRING
          || (i > 0 && t.get(i - 1).is("."))) {
        continue;
      }
      int close = t.get(i + 3).is(")") ? i + 3
          : t.get(i + 3).is(",") && i + 5 < t.size() && t.get(i + 4).kind() == Kind.WORD && t.get(i + 5).is(")") ? i + 5 : -1;
      if (close < 0) {
        continue;
      }
      String text = t.get(i + 2).text();
      String name = text.substring(1, text.length() - 1).replace("''", "'");
      String value = name.equalsIgnoreCase("search_path") ? schema
          : LocalAnswers.parameters("").entrySet().stream()
              .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getKey().equals("session_authorization"))
              .map(Map.Entry::getValue).findFirst().orElse(null);
      if (value != null) {
        replace(t, i, close, new Token(Kind.SQL, Parameters.quote(value)));
        namedAsCalled(t, i, "current_setting");
      }
    }
  }

  /** PostgreSQL's types Calcite lacks, which {@link #casts} maps: the standard CAST to them takes that way too. */
  private static final Set<String> PG_TYPES = Set.of("regclass", "regtype", "regproc", "regprocedure", "regnamespace",
      "regrole", "oid", "text", "name", "int2", "int4", "int8", "float4", "float8", "bool", "bpchar", "\"char\"");

  /**
   * {@code CAST(x AS regclass)} (SQLAlchemy 2.0's inspector), {@code CAST(x AS text)} and the like, as
   * {@code (x)::type}, so {@link #casts} turns them into what Calcite runs.
   */
  private static void standardCastsToPgTypes(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (!t.get(i).is("cast") || !t.get(i + 1).is("(")) {
        continue;
      }
      int close = matching(t, i + 1);
      if (close < 0) {
        continue;
      }
      int as = -1;
      int depth = 0;
      for (int k = i + 2; k < close; k++) {
        if (t.get(k).is("(") || t.get(k).is("[")) {
          depth++;
        } else if (t.get(k).is(")") || t.get(k).is("]")) {
          depth--;
        } else if (depth == 0 && t.get(k).is("as")) {
          as = k;
        }
      }
      if (as < 0) {
        continue;
      }
      List<Token> type = t.subList(as + 1, close);
      if (type.size() == 3 && (type.get(0).is("pg_catalog") || type.get(0).is("\"pg_catalog\"")) && type.get(1).is(".")) {
        type = type.subList(2, 3);
      }
      List<Token> operand = t.subList(i + 2, as);
      if (namesObject(operand, type)) {
        type = List.of(new Token(Kind.WORD, "varchar"));
      }
      if (type.size() != 1 || !PG_TYPES.contains(type.get(0).kind() == Kind.QUOTED_IDENT ? type.get(0).text()
          : type.get(0).lower()) && !namesObject(operand, type)) {
        continue;
      }
      List<Token> replacement = new ArrayList<>();
      boolean single = operand.size() == 1;
      if (!single) {
        replacement.add(new Token(Kind.PUNCT, "("));
      }
      replacement.addAll(operand);
      if (!single) {
        replacement.add(new Token(Kind.PUNCT, ")"));
      }
      replacement.add(new Token(Kind.OPERATOR, "::"));
      replacement.add(type.get(0));
      t.subList(i, close + 1).clear();
      t.addAll(i, replacement);
    }
  }

  /**
   * Whether {@code CAST(operand AS type)} writes an OID type's value as the object's name: {@code type} is
   * {@code varchar} (or {@code character varying}) and {@code operand} is a cast to an OID type
   * ({@code CAST(c.oid::regclass AS VARCHAR)}, {@code CAST(CAST(x AS regclass) AS VARCHAR)}), as
   * {@code ::regclass::varchar} does ({@link #namedText}).
   */
  private static boolean namesObject(List<Token> operand, List<Token> type) {
    boolean varchar = type.size() == 1 && type.get(0).is("varchar")
        || type.size() == 2 && type.get(0).is("character") && type.get(1).is("varying");
    int n = operand.size();
    boolean converted = n == 1 && operand.get(0).kind() == Kind.SQL
        && (operand.get(0).text().startsWith("regclass_oid(") || operand.get(0).text().startsWith("regtype_oid("));
    boolean cast = n >= 2 && operand.get(n - 2).is("::") && OID_TYPES.contains(operand.get(n - 1).lower());
    boolean standardCast = n >= 5 && operand.get(0).is("cast") && operand.get(1).is("(") && operand.get(n - 1).is(")")
        && operand.get(n - 3).is("as") && OID_TYPES.contains(operand.get(n - 2).lower());
    return varchar && (converted || cast || standardCast);
  }

  /** The integer types a LIMIT or OFFSET value may be cast to. */
  private static final Set<String> INTEGER_TYPES = Set.of("int2", "int4", "int8", "smallint", "integer", "int", "bigint");

  /**
   * A LIMIT or OFFSET value in parentheses or cast to an integer type, {@code LIMIT (100)} or {@code LIMIT 100::INTEGER},
   * as a bound parameter becomes ({@code LIMIT $1}, SQLAlchemy 2.0's {@code LIMIT $1::INTEGER} over psycopg 3), as
   * the number Calcite takes there; a null, no limit ({@code LIMIT ALL}) or no offset (0), as PostgreSQL reads it.
   */
  private static void limitValues(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      boolean limit = t.get(i).is("limit");
      if (!limit && !t.get(i).is("offset")) {
        continue;
      }
      int k = i + 1;
      int parentheses = 0;
      while (k < t.size() && t.get(k).is("(")) {
        parentheses++;
        k++;
      }
      if (k >= t.size() || !(t.get(k).kind() == Kind.NUMBER && t.get(k).text().matches("[0-9]+") || t.get(k).is("null"))) {
        continue;
      }
      Token value = t.get(k);
      int end = k;
      for (int p = 0; p < parentheses; p++) {
        if (end + 1 >= t.size() || !t.get(end + 1).is(")")) {
          end = -1;
          break;
        }
        end++;
      }
      if (end < 0) {
        continue;
      }
      if (end + 2 < t.size() && t.get(end + 1).is("::")) {
        int type = end + 2;
        if (type + 2 < t.size() && t.get(type).is("pg_catalog") && t.get(type + 1).is(".")) {
          type += 2;
        }
        if (!INTEGER_TYPES.contains(t.get(type).lower())) {
          continue;
        }
        end = type;
      }
      if (end == k && !value.is("null")) {
        continue; // a number as it is
      }
      Token number = value.is("null") ? limit ? new Token(Kind.WORD, "ALL") : new Token(Kind.NUMBER, "0") : value;
      replace(t, i + 1, end, number);
    }
  }

  /**
   * {@code '{a,b}'::text[]} and {@code '{1,2}'::int[]} as {@code ARRAY[CAST('a' AS "text"), …]}, the array PostgreSQL
   * reads the literal as, spelled as the driver spells it ({@link PgCasts#arraySql}), so {@code x <> ALL ('{..}'::text[])}
   * and {@code = ANY} compare with each element ({@link #anyArray}); a literal of an element type the driver does not
   * know stays as it is, and one that is no array is {@code malformed array literal}, as in PostgreSQL. Elsewhere it
   * is {@link PgCasts#namedArraySql}, so its column is named after the element type, as PostgreSQL names the cast.
   */
  private static void arrayLiterals(List<Token> t) {
    for (int i = 0; i + 4 < t.size(); i++) {
      int type = i + 2;
      if (t.get(i).kind() != Kind.STRING || !t.get(i + 1).is("::") || !t.get(i).text().startsWith("'")) {
        continue;
      }
      if (type + 3 < t.size() && t.get(type).is("pg_catalog") && t.get(type + 1).is(".")) {
        type += 2;
      }
      if (type + 2 >= t.size() || !t.get(type + 1).is("[") || !t.get(type + 2).is("]")) {
        continue;
      }
      // compared with ANY or ALL it stays an array constructor, which anyArray reads; elsewhere it is named as a cast
      boolean compared = i >= 2 && t.get(i - 1).is("(")
          && (t.get(i - 2).is("any") || t.get(i - 2).is("some") || t.get(i - 2).is("all"));
      String array = compared ? PgCasts.arraySql(t.get(i).text(), t.get(type).lower(), "")
          : PgCasts.namedArraySql(t.get(i).text(), t.get(type).lower(), "");
      if (array == null) {
        continue;
      }
      List<Token> replacement = new ArrayList<>();
      for (Token token : PgTokens.tokenize(array)) {
        if (token.significant()) {
          replacement.add(token);
        }
      }
      t.subList(i, type + 3).clear();
      t.addAll(i, replacement);
      i += replacement.size() - 1;
    }
  }

  /** {@code x::type} into {@code CAST(x AS type)}, left to right, so {@code x::a::b} nests. */
  private static void casts(List<Token> t, String schema) {
    // each cast to an OID type made here, with the column it casts (null for none), which names a cast of it too
    Map<Token, String> columns = new java.util.IdentityHashMap<>();
    for (int i = 1; i < t.size(); i++) {
      if (!t.get(i).is("::")) {
        continue;
      }
      int start = operandStart(t, i - 1);
      int typeStart = i + 1;
      if (typeStart < t.size() - 2 && (t.get(typeStart).is("pg_catalog") || t.get(typeStart).is("\"pg_catalog\""))
          && t.get(typeStart + 1).is(".")) {
        typeStart += 2;
      }
      if (start < 0 || typeStart >= t.size()) {
        continue;
      }
      int end = typeStart;
      String type = t.get(typeStart).kind() == Kind.QUOTED_IDENT
          ? t.get(typeStart).text().substring(1, t.get(typeStart).text().length() - 1).toLowerCase(Locale.ROOT)
          : t.get(typeStart).lower();
      // multi-word type names
      String[][] multi = {{"double", "precision"}, {"character", "varying"}, {"timestamp", "without", "time", "zone"},
          {"timestamp", "with", "time", "zone"}, {"time", "without", "time", "zone"}};
      for (String[] words : multi) {
        if (type.equals(words[0]) && matchesWords(t, typeStart, words)) {
          type = String.join(" ", words);
          end = typeStart + words.length - 1;
          break;
        }
      }
      String modifier = "";
      if (end + 1 < t.size() && t.get(end + 1).is("(")) {
        int close = matching(t, end + 1);
        if (close > 0) {
          modifier = PgTokens.join(t.subList(end + 1, close + 1));
          end = close;
        }
      }
      boolean array = false;
      while (end + 2 < t.size() && t.get(end + 1).is("[") && t.get(end + 2).is("]")) {
        array = true;
        end += 2;
      }
      List<Token> operand = new ArrayList<>(t.subList(start, i));
      String value = text(operand);
      String replacement = array ? value : cast(value, operand, type, modifier, schema);
      Token cast = new Token(Kind.SQL, replacement);
      replace(t, start, end, cast);
      // x::regclass::text, or (x::regclass)::varchar as CAST(x::regclass AS VARCHAR) becomes
      Token inner = operand.size() == 1 ? operand.get(0)
          : operand.size() == 3 && operand.get(0).is("(") && operand.get(2).is(")") ? operand.get(1) : null;
      boolean ofOidType = inner != null && columns.containsKey(inner);
      if (!array && (OID_TYPES.contains(type) || ofOidType)) {
        // named as PostgreSQL names a cast: by the column it casts, else by the type; the call would name it otherwise
        String column = ofOidType ? columns.get(inner) : columnName(operand);
        columns.put(cast, column);
        namedAsCalled(t, start, column != null ? column : type);
      }
      i = start;
    }
  }

  /** The OID types whose casts are calls of this server's functions, named here as PostgreSQL names a cast. */
  private static final Set<String> OID_TYPES = Set.of("regclass", "regtype", "regproc", "regprocedure", "regnamespace",
      "regrole");

  /** The column a cast's operand names ({@code c.oid}: {@code oid}), or null when it is no column's name. */
  private static String columnName(List<Token> operand) {
    for (int k = 0; k < operand.size(); k++) {
      Token token = operand.get(k);
      boolean name = token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_IDENT;
      if (k % 2 == 0 ? !name : !token.is(".")) {
        return null;
      }
    }
    if (operand.isEmpty() || operand.size() % 2 == 0) {
      return null;
    }
    Token last = operand.get(operand.size() - 1);
    return last.kind() == Kind.QUOTED_IDENT ? last.text().substring(1, last.text().length() - 1).replace("\"\"", "\"")
        : last.lower();
  }

  private static boolean matchesWords(List<Token> t, int at, String[] words) {
    for (int k = 0; k < words.length; k++) {
      if (at + k >= t.size() || !t.get(at + k).is(words[k])) {
        return false;
      }
    }
    return true;
  }

  private static String cast(String value, List<Token> operand, String type, String modifier, String schema) {
    boolean literal = operand.size() == 1 && operand.get(0).kind() == Kind.STRING;
    String named = namedText(operand, type, schema);
    if (named != null) {
      return named;
    }
    return switch (type) {
      case "regclass" -> regclass(value, literal ? operand.get(0).text() : null, schema);
      case "regtype" -> "regtype_oid(" + (literal
          ? "(SELECT MIN(pgt_.oid) FROM pg_catalog.pg_type pgt_ WHERE pgt_.typname = " + value + ")"
          : "CAST(" + value + " AS INTEGER)") + ")";
      // a function named by text: pg_type's typinput and friends hold names here, not OIDs
      case "regproc" -> literal ? Parameters.quote(functionName(operand.get(0).text())) : "regproc_oid(" + value + ")";
      case "regprocedure" -> literal ? regprocedure(operand.get(0).text(), schema)
          : "regprocedure_oid(CAST(" + value + " AS INTEGER))";
      case "regnamespace" -> "regnamespace_oid(" + (literal && !value.matches("'[0-9]+'")
          ? "(SELECT MIN(pgn_.oid) FROM pg_catalog.pg_namespace pgn_ WHERE pgn_.nspname = "
              + Parameters.quote(Objects.requireNonNullElse(PgFunctions.regclass_relname(
                  value.substring(1, value.length() - 1).replace("''", "'")), "")) + ")"
          : "CAST(" + value + " AS INTEGER)") + ")";
      case "regrole" -> "regrole_oid(CAST(" + value + " AS INTEGER))";
      case "regoper", "regconfig", "xid", "cid" -> "CAST(" + value + " AS INTEGER)";
      case "unknown" -> "CAST(" + value + " AS VARCHAR)";
      // every other type as the driver reads x::type, with the one rule both share
      default -> Objects.requireNonNullElse(PgCasts.castSql(value, literal, type, modifier), value);
    };
  }

  /** The casts to text PostgreSQL writes an OID type's value with as the object's name. */
  private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "character varying", "name");

  /**
   * {@code x::regclass::text} and the like: the text of an OID type's value, the object's name as a result column of
   * that type writes it (the cast to the OID type made {@code operand} one token, a call of its function); null for any
   * other cast.
   */
  private static String namedText(List<Token> operand, String type, String schema) {
    boolean parenthesized = operand.size() == 3 && operand.get(0).is("(") && operand.get(2).is(")");
    Token only = operand.size() == 1 ? operand.get(0) : parenthesized ? operand.get(1) : null;
    if (!TEXT_TYPES.contains(type) || only == null || only.kind() != Kind.SQL) {
      return null;
    }
    String call = only.text();
    if (call.startsWith("regtype_oid(")) {
      return "format_type(" + call + ", CAST(NULL AS INTEGER), " + Parameters.quote(schema) + ", " + RELATIONS + ")";
    }
    if (call.startsWith("regclass_oid(")) {
      return "regclass_text(" + call + ", " + Parameters.quote(schema) + ", " + RELATIONS + ")";
    }
    return null;
  }

  /**
   * {@code 'f(type, …)'::regprocedure}: the OID of the function pg_proc lists (what the user may call) of that name
   * and argument types, unqualified in pg_catalog or {@code schema}; {@code 42883} when there is none
   * ({@link PgFunctions#regprocedure_oid(String, Integer)}).
   */
  private static String regprocedure(String literal, String schema) {
    String signature = literal.substring(1, literal.length() - 1).replace("''", "'").strip();
    int open = signature.indexOf('(');
    String name = open < 0 ? signature : signature.substring(0, open).strip();
    List<String> types = new ArrayList<>();
    if (open >= 0 && signature.endsWith(")")) {
      String arguments = signature.substring(open + 1, signature.length() - 1);
      int depth = 0;
      int from = 0;
      for (int k = 0; k <= arguments.length(); k++) {
        char c = k < arguments.length() ? arguments.charAt(k) : ',';
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (c == ',' && depth == 0) {
          String type = arguments.substring(from, k).strip();
          if (!type.isEmpty() || k < arguments.length()) {
            types.add(CatalogTypes.oidOf(type).map(String::valueOf).orElse("-1"));
          }
          from = k + 1;
        }
      }
    }
    String relname = Objects.requireNonNullElse(PgFunctions.regclass_relname(name), "");
    String qualified = PgFunctions.regclass_nspname(name, null);
    String schemas = qualified != null ? Parameters.quote(qualified)
        : Parameters.quote(PgCatalog.NAME) + ", " + Parameters.quote(Objects.requireNonNullElse(schema, PgCatalog.NAME));
    return "regprocedure_oid(" + Parameters.quote(signature) + ", (SELECT MIN(pgp_.oid) FROM pg_catalog.pg_proc pgp_"
        + " JOIN pg_catalog.pg_namespace pgn_ ON pgp_.pronamespace = pgn_.oid WHERE pgp_.proname = "
        + Parameters.quote(relname) + " AND pgp_.proargtypes = " + Parameters.quote(String.join(" ", types))
        + " AND pgn_.nspname IN (" + schemas + ")))";
  }

  /** {@code 'pg_catalog.array_in'} as {@code array_in}: the name without its schema or argument list. */
  private static String functionName(String literal) {
    String name = literal.substring(1, literal.length() - 1).replace("''", "'");
    int arguments = name.indexOf('(');
    name = arguments >= 0 ? name.substring(0, arguments) : name;
    return name.substring(name.lastIndexOf('.') + 1).replace("\"", "").strip();
  }

  /**
   * {@code x::regclass} as PostgreSQL casts to regclass, decided by the operand's type: a number (an oid or integer
   * expression, whatever its name) is an OID as it is; a text is a name, qualified or not (quoted parts as written,
   * the others in lower case), looked up in pg_class, which shows the user only what they may read, an unqualified
   * one in pg_catalog and then in the session's schema; a name not found is {@code 42P01}
   * ({@link PgFunctions#regclass_oid}). {@code literal}: the operand when it is a string literal, of PostgreSQL's type
   * unknown, whose parts are then read here, once, and which may also spell an OID.
   */
  /** Every relation the user may read as {@code oid schema.relation} entries joined by commas, in one uncorrelated subquery. */
  private static final String RELATIONS = "(SELECT string_agg(CAST(pgc_.oid AS VARCHAR)"
      + " || ' ' || quote_ident(pgn_.nspname) || '.' || quote_ident(pgc_.relname), ',')"
      + " FROM pg_catalog.pg_class pgc_ JOIN pg_catalog.pg_namespace pgn_ ON pgc_.relnamespace = pgn_.oid)";

  private static String regclass(String value, String literal, String schema) {
    String text = "CAST(" + value + " AS VARCHAR)";
    if (literal == null) {
      // the function's overloads take a number or a text: Calcite picks one by the operand's type; every relation the
      // user may read is listed for a text's look-up, in one uncorrelated subquery (one per row would be correlated)
      return "regclass_oid(" + value + ", " + Parameters.quote(schema) + ", " + RELATIONS + ")";
    }
    String name = literal.substring(1, literal.length() - 1).replace("''", "'");
    if (name.strip().matches("[0-9]+")) {
      return "regclass_oid(CAST(" + value + " AS INTEGER), " + Parameters.quote(schema) + ", " + RELATIONS + ")";
    }
    String relname = Parameters.quote(Objects.requireNonNullElse(PgFunctions.regclass_relname(name), ""));
    String lookUp = "(SELECT MIN(pgc_.oid) FROM pg_catalog.pg_class pgc_ JOIN pg_catalog.pg_namespace pgn_"
        + " ON pgc_.relnamespace = pgn_.oid WHERE pgc_.relname = " + relname + " AND pgn_.nspname = ";
    return "regclass_oid(" + text + ", COALESCE(" + lookUp
        + Parameters.quote(PgFunctions.regclass_nspname(name, PgCatalog.NAME)) + "), " + lookUp
        + Parameters.quote(PgFunctions.regclass_nspname(name, schema)) + ")))";
  }

  /** Words that end a FROM item, so they are no alias of it. */
  private static final Set<String> AFTER_FROM_ITEM = Set.of(",", ")", ";", "where", "join", "on", "using", "left", "right",
      "inner", "full", "cross", "natural", "group", "order", "having", "limit", "offset", "fetch", "union", "except",
      "intersect", "window", "for");

  /**
   * {@code information_schema._pg_expandarray(a)} in FROM (pgJDBC's and other tools' key queries) as PostgreSQL
   * defines it: a row {@code (x, n)} per element, {@code x} the element, {@code n} its position from 1, i.e.
   * {@code UNNEST(a) WITH ORDINALITY} under those names, lateral after a comma or JOIN as a function in FROM is;
   * without an alias the item is named {@code _pg_expandarray}.
   */
  private static void expandArrays(List<Token> t) {
    for (int i = 1; i + 1 < t.size(); i++) {
      if (!t.get(i).is("_pg_expandarray") || !t.get(i + 1).is("(")) {
        continue;
      }
      boolean qualified = i >= 2 && t.get(i - 1).is(".") && t.get(i - 2).is("information_schema");
      int start = qualified ? i - 2 : i;
      Token before = start > 0 ? t.get(start - 1) : null;
      boolean lateral = before != null && (before.is(",") || before.is("join"));
      if (before != null && before.is("select") && start == 1 && expandedAlone(t, i)) {
        return;
      }
      if (before == null || !(lateral || before.is("from") || before.is("lateral"))) {
        continue; // not a FROM item nor alone in a select list: left as it is, a function that does not exist
      }
      int close = matching(t, i + 1);
      if (close < 0) {
        continue;
      }
      Token next = close + 1 < t.size() ? t.get(close + 1) : null;
      boolean aliased = next != null && (next.is("as") || next.kind() == Kind.QUOTED_IDENT
          || next.kind() == Kind.WORD && !AFTER_FROM_ITEM.contains(next.lower()));
      t.set(close, new Token(Kind.SQL, ") WITH ORDINALITY AS pgx_ (x, n))" + (aliased ? "" : " AS \"_pg_expandarray\"")));
      t.subList(start, i + 2).clear();
      t.add(start, new Token(Kind.SQL, (lateral ? "LATERAL " : "") + "(SELECT pgx_.x, pgx_.n FROM UNNEST("));
      i = start;
    }
  }

  /** Words that end a FROM clause at its own depth. */
  private static final Set<String> AFTER_FROM_CLAUSE = Set.of("where", "group", "having", "window", "order", "limit",
      "offset", "fetch", "union", "except", "intersect", "for");

  /**
   * {@code information_schema._pg_expandarray(a)} in the select list of a SELECT that has a FROM, or beside other items
   * ({@code (…_pg_expandarray(p.proargnames)).x}, {@code .n}, or the row itself): as PostgreSQL runs a set-returning
   * function there, a row per element of {@code a} for each row of FROM (none for an empty or null array), i.e.
   * FROM's rows joined laterally to {@code UNNEST(a) WITH ORDINALITY} (without FROM, those rows alone), the calls its
   * columns {@code x} and {@code n}
   * (the row as its text, {@code (x,n)}). Calls of one select list over different arrays run in step, as PostgreSQL
   * runs set-returning functions there: a row per position up to the longest array's length, each call's element at
   * that position, its {@code x} and {@code n} null where its array is shorter ({@link #inStep}).
   */
  private static void expandedInSelectLists(List<Token> t) {
    int count = 0;
    for (int i = 1; i + 1 < t.size(); i++) {
      if (!t.get(i).is("_pg_expandarray") || !t.get(i + 1).is("(")) {
        continue;
      }
      int start = i >= 2 && t.get(i - 1).is(".") && t.get(i - 2).is("information_schema") ? i - 2 : i;
      int close = matching(t, i + 1);
      int select = enclosingSelect(t, start);
      int from = select < 0 || close < 0 ? -1 : clauseAfter(t, select + 1, "from");
      // without FROM, beside other items: the elements are the statement's rows (alone, expandedAlone answers it)
      int listEnd = from < 0 && select >= 0 && close >= 0 ? fromClauseEnd(t, select + 1) : -1;
      boolean withoutFrom = listEnd > close && firstAtDepth(t, select + 1, token -> token.is(",")) < listEnd;
      if (!withoutFrom && (from < 0 || from < close)) {
        continue; // in FROM, or alone in a select list without FROM: expandArrays and expandedAlone answer those
      }
      int listed = withoutFrom ? listEnd : from;
      String argument = text(t.subList(i + 2, close));
      if (!oneArrayExpanded(t, select, listed, argument)) {
        String positions = "pgx" + ++count + "_";
        inStep(t, select, listed, withoutFrom, from, positions);
        i = select;
        continue;
      }
      String alias = "pgx" + ++count + "_";
      String elements = "(SELECT pgx_.x, pgx_.n FROM UNNEST(" + argument + ") WITH ORDINALITY AS pgx_ (x, n)) AS " + alias;
      if (withoutFrom) {
        t.add(listEnd, new Token(Kind.SQL, "FROM " + elements));
      } else {
        t.add(fromClauseEnd(t, from + 1), new Token(Kind.SQL, "CROSS JOIN LATERAL " + elements));
      }
      // every call of this select list over the same array, last first so that the positions before stay
      for (int k = listed - 1; k > select; k--) {
        if (!t.get(k).is("_pg_expandarray") || !t.get(k + 1).is("(")) {
          continue;
        }
        int callClose = matching(t, k + 1);
        if (callClose < 0 || !text(t.subList(k + 2, callClose)).equals(argument)) {
          continue;
        }
        int callStart = k >= 2 && t.get(k - 1).is(".") && t.get(k - 2).is("information_schema") ? k - 2 : k;
        boolean field = callStart > 0 && t.get(callStart - 1).is("(") && callClose + 3 < t.size()
            && t.get(callClose + 1).is(")") && t.get(callClose + 2).is(".")
            && (t.get(callClose + 3).is("x") || t.get(callClose + 3).is("n"));
        if (field) {
          replace(t, callStart - 1, callClose + 3, new Token(Kind.SQL, alias + "." + t.get(callClose + 3).lower()));
        } else {
          boolean whole = wholeSelectItem(t, callStart, callClose);
          replace(t, callStart, callClose, new Token(Kind.SQL, "'(' || CAST(" + alias + ".x AS VARCHAR) || ',' || CAST("
              + alias + ".n AS VARCHAR) || ')'" + (whole ? " AS \"_pg_expandarray\"" : "")));
        }
      }
      i = select;
    }
  }

  /**
   * The _pg_expandarray calls between {@code select} and {@code listed} (its FROM, or the end of its select list without
   * FROM) over different arrays, run in step: FROM's rows joined laterally to the positions of the arrays' elements
   * (the union of each one's ordinalities, named {@code alias}), each call's {@code x} its array's element at the position
   * ({@code null} past its end) and its {@code n} the position while its array has one.
   */
  private static void inStep(List<Token> t, int select, int listed, boolean withoutFrom, int from, String alias) {
    List<String> arguments = new ArrayList<>();
    for (int k = select + 1; k < listed; k++) {
      if (t.get(k).is("_pg_expandarray") && t.get(k + 1).is("(")) {
        String argument = text(t.subList(k + 2, matching(t, k + 1)));
        if (!arguments.contains(argument)) {
          arguments.add(argument);
        }
      }
    }
    StringBuilder union = new StringBuilder();
    for (String argument : arguments) {
      union.append(union.length() == 0 ? "" : " UNION ").append("SELECT pgx_.n FROM UNNEST(").append(argument)
          .append(") WITH ORDINALITY AS pgx_ (x, n)");
    }
    String positions = "(" + union + ") AS " + alias;
    // the calls first, last first so that the positions before stay, then FROM's lateral join after them
    for (int k = listed - 1; k > select; k--) {
      if (!t.get(k).is("_pg_expandarray") || !t.get(k + 1).is("(")) {
        continue;
      }
      int callClose = matching(t, k + 1);
      String array = "(" + text(t.subList(k + 2, callClose)) + ")";
      String n = "CASE WHEN " + alias + ".n <= CARDINALITY(" + array + ") THEN " + alias + ".n END";
      String x = array + "[" + alias + ".n]";
      int callStart = k >= 2 && t.get(k - 1).is(".") && t.get(k - 2).is("information_schema") ? k - 2 : k;
      boolean field = callStart > 0 && t.get(callStart - 1).is("(") && callClose + 3 < t.size()
          && t.get(callClose + 1).is(")") && t.get(callClose + 2).is(".")
          && (t.get(callClose + 3).is("x") || t.get(callClose + 3).is("n"));
      if (field) {
        String name = t.get(callClose + 3).lower();
        boolean whole = wholeSelectItem(t, callStart - 1, callClose + 3);
        replace(t, callStart - 1, callClose + 3, new Token(Kind.SQL, "(" + (name.equals("x") ? x : n) + ")"
            + (whole ? " AS \"" + name + "\"" : "")));
      } else {
        boolean whole = wholeSelectItem(t, callStart, callClose);
        replace(t, callStart, callClose, new Token(Kind.SQL, "CASE WHEN " + alias + ".n <= CARDINALITY(" + array
            + ") THEN '(' || CAST(" + x + " AS VARCHAR) || ',' || CAST(" + alias + ".n AS VARCHAR) || ')' END"
            + (whole ? " AS \"_pg_expandarray\"" : "")));
      }
    }
    if (withoutFrom) {
      t.add(fromClauseEnd(t, select + 1), new Token(Kind.SQL, "FROM " + positions));
    } else {
      int fromAt = clauseAfter(t, select + 1, "from");
      t.add(fromClauseEnd(t, fromAt + 1), new Token(Kind.SQL, "CROSS JOIN LATERAL " + positions));
    }
  }

  /** Whether every _pg_expandarray call between {@code select} and {@code from} expands {@code argument}. */
  private static boolean oneArrayExpanded(List<Token> t, int select, int from, String argument) {
    for (int k = select + 1; k < from; k++) {
      if (t.get(k).is("_pg_expandarray") && t.get(k + 1).is("(")) {
        int close = matching(t, k + 1);
        if (close < 0 || !text(t.subList(k + 2, close)).equals(argument)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The position of the SELECT whose clauses hold {@code at}, at the same depth of parentheses; -1 when none. */
  private static int enclosingSelect(List<Token> t, int at) {
    int depth = 0;
    for (int k = at - 1; k >= 0; k--) {
      if (t.get(k).is(")")) {
        depth++;
      } else if (t.get(k).is("(")) {
        boolean grouping = k > 0 && (t.get(k - 1).is(",") || t.get(k - 1).is("select") || t.get(k - 1).is("distinct"));
        if (depth == 0 && !grouping) {
          return -1; // a function's arguments or a subquery that begins before any SELECT
        }
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && t.get(k).is("select")) {
        return k;
      }
    }
    return -1;
  }

  /** The position of {@code word} at the depth of {@code start} before that depth or its SELECT ends; -1 when none. */
  private static int clauseAfter(List<Token> t, int start, String word) {
    int k = firstAtDepth(t, start, token -> token.is(word) || token.is("select")); // a SELECT: the next of a UNION
    return k < t.size() && t.get(k).is(word) ? k : -1;
  }

  /** Where the FROM clause that begins at {@code start} ends: its first word after it at its depth, or its end. */
  private static int fromClauseEnd(List<Token> t, int start) {
    return firstAtDepth(t, start, token -> token.is(";") || token.kind() == Kind.WORD
        && AFTER_FROM_CLAUSE.contains(token.lower()));
  }

  /**
   * The position of the first token from {@code start} on that is {@code stop} at the depth of {@code start}, else of the
   * parenthesis that closes that depth, else the end.
   */
  private static int firstAtDepth(List<Token> t, int start, java.util.function.Predicate<Token> stop) {
    int depth = 0;
    for (int k = start; k < t.size(); k++) {
      if (t.get(k).is("(")) {
        depth++;
      } else if (t.get(k).is(")")) {
        if (--depth < 0) {
          return k;
        }
      } else if (depth == 0 && stop.test(t.get(k))) {
        return k;
      }
    }
    return t.size();
  }

  /**
   * pg_stat_get_activity's columns, PostgreSQL 15's, in its order, from pg_stat_activity (aliased pga_); the times
   * cast to timestamptz, which a sub-query's column is known as by its item only.
   */
  private static final String ACTIVITY_COLUMNS = "pga_.datid, pga_.pid, pga_.usesysid, pga_.application_name, pga_.state,"
      + " pga_.query, pga_.wait_event_type, pga_.wait_event, pga_.xact_start::timestamptz AS xact_start,"
      + " pga_.query_start::timestamptz AS query_start, pga_.backend_start::timestamptz AS backend_start,"
      + " pga_.state_change::timestamptz AS state_change, pga_.client_addr, pga_.client_hostname, pga_.client_port,"
      + " pga_.backend_xid, pga_.backend_xmin, pga_.backend_type, FALSE AS ssl, NULL::text AS sslversion,"
      + " NULL::text AS sslcipher, NULL::int AS sslbits, NULL::text AS ssl_client_dn, NULL::numeric AS ssl_client_serial,"
      + " NULL::text AS ssl_issuer_dn, FALSE AS gss_auth, NULL::text AS gss_princ, FALSE AS gss_enc, pga_.leader_pid,"
      + " pga_.query_id";

  /**
   * {@code pg_stat_get_activity(pid)} as a FROM item (the function behind PostgreSQL's pg_stat_activity, which
   * DBeaver's session manager reads): the rows of pg_stat_activity, so the session's own user's sessions only, whose
   * pid is {@code pid}, or all of them for NULL, with the function's columns; the ssl and gss ones as PostgreSQL has them
   * for a session without TLS or GSSAPI. Named after the function unless aliased, as PostgreSQL names it. The
   * argument's tokens stay, and the sub-query's are tokens too, for the rewrites after this one (its casts).
   */
  private static void activityCalls(List<Token> t) {
    for (int i = 1; i + 1 < t.size(); i++) {
      if (!t.get(i).is("pg_stat_get_activity") || !t.get(i + 1).is("(")) {
        continue;
      }
      Token before = t.get(i - 1);
      if (!(before.is(",") || before.is("join") || before.is("from") || before.is("lateral"))) {
        continue; // not a FROM item: left as it is, a function that does not exist
      }
      int close = matching(t, i + 1);
      if (close < 0) {
        continue;
      }
      Token next = close + 1 < t.size() ? t.get(close + 1) : null;
      boolean aliased = next != null && (next.is("as") || next.kind() == Kind.QUOTED_IDENT
          || next.kind() == Kind.WORD && !AFTER_FROM_ITEM.contains(next.lower()));
      t.set(close, new Token(Kind.SQL, "), pga_.pid))" + (aliased ? "" : " AS \"pg_stat_get_activity\"")));
      List<Token> select = significant("(SELECT " + ACTIVITY_COLUMNS + " FROM pg_catalog.pg_stat_activity pga_"
          + " WHERE pga_.pid = coalesce((");
      t.subList(i, i + 2).clear();
      t.addAll(i, select);
      i += select.size() - 1;
    }
  }

  /**
   * {@code pg_blocking_pids(pid)} (pgAdmin's dashboard lists it for each session) as the empty array of process ids:
   * the port takes no locks, so no session waits for another. Named after the function when it is a whole select item.
   */
  private static void blockingPids(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (!t.get(i).is("pg_blocking_pids") || !t.get(i + 1).is("(") || i > 0 && t.get(i - 1).is(".")) {
        continue;
      }
      int close = matching(t, i + 1);
      if (close > 0) {
        replace(t, i, close, new Token(Kind.SQL, "array_remove(ARRAY[0], 0)"));
        namedAsCalled(t, i, "pg_blocking_pids");
      }
    }
  }

  /**
   * {@code SELECT information_schema._pg_expandarray(a) [[AS] name]}, the call alone in a statement without FROM, as
   * a row per element whose one column is the text of PostgreSQL's record {@code (x,n)}: {@code (a,1)}, an element
   * quoted as PostgreSQL quotes it in a record ({@code ("a b",2)}, a null one empty), the column named
   * {@code _pg_expandarray} or {@code name}; a text, since the port has no record type. False, having changed
   * nothing, when the statement is not that; {@code call} is the index of the function's name.
   */
  private static boolean expandedAlone(List<Token> t, int call) {
    int close = matching(t, call + 1);
    if (close < 0) {
      return false;
    }
    int k = close + 1;
    String name = "\"_pg_expandarray\"";
    if (k < t.size() && t.get(k).is("as")) {
      k++;
    }
    if (k < t.size() && (t.get(k).kind() == Kind.QUOTED_IDENT
        || t.get(k).kind() == Kind.WORD && !AFTER_SELECT_ITEM.contains(t.get(k).lower()))) {
      name = t.get(k).kind() == Kind.QUOTED_IDENT ? t.get(k).text() : "\"" + t.get(k).lower() + "\"";
      k++;
    }
    if (k < t.size() && !(k == t.size() - 1 && t.get(k).is(";"))) {
      return false;
    }
    String text = "CAST(pgx_.x AS VARCHAR)";
    String element = "CASE WHEN pgx_.x IS NULL THEN '' WHEN " + text + " = '' OR textregexeq(" + text
        + ", '[,()\"\\\\\\s]') THEN '\"' || REPLACE(REPLACE(" + text + ", '\\', '\\\\'), '\"', '\"\"') || '\"'"
        + " ELSE " + text + " END";
    String sql = "SELECT '(' || " + element + " || ',' || CAST(pgx_.n AS VARCHAR) || ')' AS " + name
        + " FROM UNNEST(" + text(t.subList(call + 2, close)) + ") WITH ORDINALITY AS pgx_ (x, n)";
    t.clear();
    t.add(new Token(Kind.SQL, sql));
    return true;
  }

  /** {@code a ~ b} and its variants into calls of the regex functions in {@link PgFunctions}. */
  private static void regexOperators(List<Token> t) {
    for (int i = 1; i + 1 < t.size(); i++) {
      Token op = t.get(i);
      if (op.kind() != Kind.OPERATOR) {
        continue;
      }
      String function = switch (op.text()) {
        case "~" -> "textregexeq";
        case "!~" -> "NOT textregexeq";
        case "~*" -> "texticregexeq";
        case "!~*" -> "NOT texticregexeq";
        default -> null;
      };
      if (function == null) {
        continue;
      }
      int start = operandStart(t, i - 1);
      int end = operandEnd(t, i + 1);
      if (start < 0 || end < 0) {
        continue;
      }
      String call = "(" + function + "(" + text(t.subList(start, i)) + ", " + text(t.subList(i + 1, end + 1)) + "))";
      replace(t, start, end, new Token(Kind.SQL, call));
      i = start;
    }
  }

  /**
   * PostgreSQL's operator names of LIKE and ILIKE as the words, so their patterns take the backslash as LIKE's do:
   * {@code ~~} LIKE, {@code !~~} NOT LIKE, {@code ~~*} ILIKE, {@code !~~*} NOT ILIKE.
   */
  private static void likeOperators(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      Token op = t.get(i);
      if (op.kind() != Kind.OPERATOR || !op.text().matches("!?~~\\*?")) {
        continue;
      }
      String like = op.text().endsWith("*") ? "ilike" : "like";
      t.set(i, new Token(Kind.WORD, like));
      if (op.text().startsWith("!")) {
        t.add(i, new Token(Kind.WORD, "not"));
        i++;
      }
    }
  }

  /**
   * PostgreSQL's LIKE and ILIKE take the backslash as their escape character unless told another; Calcite
   * has none by default, so a pattern without an ESCAPE clause gets {@code ESCAPE '\\'}.
   */
  private static void likeEscapes(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (!t.get(i).is("like") && !t.get(i).is("ilike")) {
        continue;
      }
      Token next = t.get(i + 1);
      if (next.is("any") || next.is("all") || next.is("some")) {
        continue;
      }
      int end = operandEnd(t, i + 1);
      while (end > 0 && end + 2 < t.size() && t.get(end + 1).is("||")) {
        end = operandEnd(t, end + 2);
      }
      if (end < 0 || end + 1 < t.size() && t.get(end + 1).is("escape")) {
        continue;
      }
      t.add(end + 1, new Token(Kind.WORD, "ESCAPE"));
      t.add(end + 2, new Token(Kind.STRING, "'\\'"));
      i = end + 2;
    }
  }

  /** {@code x = ANY (ARRAY[a, b])} is {@code x IN (a, b)}; {@code x <> ALL (ARRAY[..])} is NOT IN. */
  private static void anyArray(List<Token> t) {
    for (int i = 0; i + 4 < t.size(); i++) {
      boolean any = t.get(i).is("=") && (t.get(i + 1).is("any") || t.get(i + 1).is("some"));
      boolean notAll = (t.get(i).is("<>") || t.get(i).is("!=")) && t.get(i + 1).is("all");
      if ((any || notAll) && t.get(i + 2).is("(") && t.get(i + 3).is("array") && t.get(i + 4).is("[")) {
        int closeBracket = matching(t, i + 4);
        int closeParen = matching(t, i + 2);
        if (closeBracket > 0 && closeParen == closeBracket + 1) {
          List<Token> items = new ArrayList<>(t.subList(i + 5, closeBracket));
          String in = (any ? "IN (" : "NOT IN (") + text(items) + ")";
          replace(t, i, closeParen, new Token(Kind.SQL, in));
        }
      }
    }
  }

  /**
   * {@code generate_series(1, array_upper(current_schemas(b), 1))}, pgJDBC's way to number the search path
   * (its type look-up, e.g. in {@code getTypeInfo}), as the VALUES of those numbers: Calcite has neither function.
   */
  private static void searchPathPositions(List<Token> t) {
    String[] shape = {"generate_series", "(", "1", ",", "array_upper", "(", "current_schemas", "(", null, ")", ",", "1",
        ")", ")"};
    for (int i = 0; i + shape.length <= t.size(); i++) {
      boolean matches = true;
      for (int k = 0; k < shape.length && matches; k++) {
        Token token = t.get(i + k);
        matches = shape[k] == null || token.kind() != Kind.STRING && token.kind() != Kind.QUOTED_IDENT
            && token.text().equalsIgnoreCase(shape[k]);
      }
      if (matches) {
        // current_schemas(true) puts pg_catalog before the driver's default schema
        boolean implicit = t.get(i + 8).is("true");
        replace(t, i, i + shape.length - 1, new Token(Kind.SQL, implicit ? "(VALUES (1), (2))" : "(VALUES (1))"));
      }
    }
  }

  /**
   * {@code pg_get_viewdef('name'[, pretty])}, PostgreSQL's form by name, as {@code pg_get_viewdef('name'::regclass …)}:
   * the name is looked up as a regclass is (the search path, then 42P01 for a relation the user's catalog does not
   * list), and {@link #viewDefinitions} reads the definition by that OID.
   */
  private static void viewNames(List<Token> t) {
    for (int i = 0; i + 3 < t.size(); i++) {
      if (t.get(i).is("pg_get_viewdef") && t.get(i + 1).is("(") && t.get(i + 2).kind() == Kind.STRING
          && (t.get(i + 3).is(",") || t.get(i + 3).is(")"))) {
        t.add(i + 3, new Token(Kind.OPERATOR, "::"));
        t.add(i + 4, new Token(Kind.WORD, "regclass"));
      }
    }
  }

  /** {@code pg_get_viewdef(oid[, pretty])} reads pg_views, through pg_class and pg_namespace for the OID. */
  private static void viewDefinitions(List<Token> t) {
    functionSignatures(t);
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("pg_get_viewdef") && t.get(i + 1).is("(")) {
        int close = matching(t, i + 1);
        if (close < 0) {
          continue;
        }
        List<String> args = arguments(t, i + 1, close);
        String sub = args.isEmpty() ? "NULL" : "(SELECT MIN(pgv_.definition) FROM pg_catalog.pg_views pgv_"
            + " JOIN pg_catalog.pg_namespace pgvn_ ON pgvn_.nspname = pgv_.schemaname"
            + " JOIN pg_catalog.pg_class pgvc_ ON pgvc_.relnamespace = pgvn_.oid AND pgvc_.relname = pgv_.viewname"
            + " WHERE pgvc_.oid = " + args.get(0) + ")";
        replace(t, i, close, new Token(Kind.SQL, sub));
        namedAsCalled(t, i, "pg_get_viewdef");
      }
    }
  }

  /**
   * {@code pg_get_userbyid(oid)} given the roles pg_roles lists the session ({@link PgFunctions#pg_get_userbyid(Integer,
   * String)}), in one uncorrelated subquery, so the login's own OID resolves to its name as the owner's does.
   */
  private static void roleNames(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("pg_get_userbyid") && t.get(i + 1).is("(") && (i == 0 || !t.get(i - 1).is("."))) {
        int close = matching(t, i + 1);
        if (close < 0 || arguments(t, i + 1, close).size() != 1) {
          continue;
        }
        t.add(close, new Token(Kind.SQL, ", (SELECT string_agg(CAST(pgr_.oid AS VARCHAR) || ' ' || quote_ident(pgr_.rolname),"
            + " ',') FROM pg_catalog.pg_roles pgr_)"));
      }
    }
  }

  /**
   * {@code pg_get_function_result(oid)} and {@code pg_get_function_arguments(oid)} (psql's {@code \\df}) read the
   * function's pg_proc row, which lists only what the session may call: its result type ({@code SETOF} for rows,
   * {@code TABLE(…)} for a function with result columns) and its arguments' names and types, as format_type writes types.
   */
  private static void functionSignatures(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      boolean result = t.get(i).is("pg_get_function_result");
      if ((result || t.get(i).is("pg_get_function_arguments")) && t.get(i + 1).is("(")
          && (i == 0 || !t.get(i - 1).is("."))) {
        int close = matching(t, i + 1);
        List<String> args = close < 0 ? List.of() : arguments(t, i + 1, close);
        if (args.size() != 1) {
          continue;
        }
        String name = t.get(i).lower();
        String value = result
            ? "pg_function_result(pgp_.proretset, pgp_.prorettype, array_to_string(pgp_.proargmodes, ','),"
                + " array_to_string(pgp_.proargnames, ','), array_to_string(pgp_.proallargtypes, ' '))"
            : "pg_function_arguments(array_to_string(pgp_.proargnames, ','), pgp_.proargtypes)";
        replace(t, i, close, new Token(Kind.SQL, "(SELECT MIN(" + value + ") FROM pg_catalog.pg_proc pgp_ WHERE pgp_.oid = "
            + args.get(0) + ")"));
        namedAsCalled(t, i, name);
      }
    }
  }

  /**
   * {@code format_type(type, typmod)} names a relation's row type as the session's catalog lists the relation: the
   * call is given the session's schema and pg_class's relations ({@link PgFunctions#format_type(Integer, Integer,
   * String, String)}).
   */
  private static void rowTypeNames(List<Token> t, String schema) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("format_type") && t.get(i + 1).is("(") && (i == 0 || !t.get(i - 1).is("."))) {
        int close = matching(t, i + 1);
        if (close > 0 && arguments(t, i + 1, close).size() == 2) {
          t.add(close, new Token(Kind.SQL, ", " + Parameters.quote(schema) + ", " + RELATIONS));
        }
      }
    }
  }

  /** {@code col_description(rel, n)} and {@code obj_description(oid[, catalog])} read pg_description. */
  private static void descriptions(List<Token> t, String schema) {
    for (int i = 0; i + 1 < t.size(); i++) {
      boolean column = t.get(i).is("col_description");
      boolean object = t.get(i).is("obj_description") || t.get(i).is("shobj_description");
      if ((column || object) && t.get(i + 1).is("(")) {
        int close = matching(t, i + 1);
        if (close < 0) {
          continue;
        }
        String name = t.get(i).lower();
        List<String> args = arguments(t, i + 1, close);
        String sub = args.isEmpty() ? "NULL" : "(SELECT MIN(pgd_.description) FROM pg_catalog.pg_description pgd_ WHERE pgd_.objoid = "
            + args.get(0) + " AND pgd_.objsubid = " + (column && args.size() > 1 ? args.get(1) : "0") + ")";
        replace(t, i, close, new Token(Kind.SQL, sub));
        namedAsCalled(t, i, name);
      }
    }
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("current_schemas") && t.get(i + 1).is("(")) {
        int close = matching(t, i + 1);
        if (close > 0) {
          // the search path: the driver's default schema, after pg_catalog when implicit schemas are asked for
          boolean implicit = close == i + 3 && t.get(i + 2).is("true");
          String path = (implicit ? "'" + PgCatalog.NAME + "', " : "") + Parameters.quote(schema);
          replace(t, i, close, new Token(Kind.SQL, "ARRAY[" + path + "]"));
          namedAsCalled(t, i, "current_schemas");
        }
      }
    }
  }

  /** Words after which a select list's item ends. */
  private static final Set<String> ITEM_ENDS = Set.of(",", ")", ";", "from", "union", "except", "intersect", "order",
      "limit", "offset", "fetch", "into", "where", "group", "having", "window");
  /** Words before which, going back from a select list's item, the list is not a select list. */
  private static final Set<String> NOT_SELECT_LISTS = Set.of("from", "where", "on", "join", "by", "having", "values",
      "using", "when", "then", "else", "set", "limit", "offset");

  /**
   * Names the rewritten call at {@code i} {@code name} (as PostgreSQL names a call: after its function) when it is
   * a whole item of a select list without an alias: what took its place would name it otherwise ({@code min} of
   * a look-up's sub-select, {@code current_timestamp}, {@code ?column?} of a literal).
   */
  private static void namedAsCalled(List<Token> t, int i, String name) {
    if (wholeSelectItem(t, i, i)) {
      t.add(i + 1, new Token(Kind.WORD, "as"));
      t.add(i + 2, new Token(Kind.QUOTED_IDENT, "\"" + name + "\""));
    }
  }

  /**
   * Whether the significant tokens {@code start} to {@code end} of {@code t} are a whole item of a select list
   * without an alias, not part of a larger expression or an argument of a call.
   */
  private static boolean wholeSelectItem(List<Token> t, int start, int end) {
    if (end + 1 < t.size() && (t.get(end + 1).kind() == Kind.STRING || t.get(end + 1).kind() == Kind.QUOTED_IDENT
        || !ITEM_ENDS.contains(t.get(end + 1).lower()))) {
      return false; // part of a larger expression, or aliased
    }
    int i = start;
    if (i == 0 || !(t.get(i - 1).is(",") || t.get(i - 1).is("select") || t.get(i - 1).is("distinct")
        || t.get(i - 1).is("all"))) {
      return false;
    }
    int depth = 0;
    for (int k = i - 1; k >= 0; k--) {
      Token token = t.get(k);
      if (token.is(")") || token.is("]")) {
        depth++;
      } else if (token.is("(") || token.is("[")) {
        if (depth-- == 0) {
          return false; // an argument of a call or a list, not an item
        }
      } else if (depth == 0 && token.is("select")) {
        return true;
      } else if (depth == 0 && token.kind() == Kind.WORD && NOT_SELECT_LISTS.contains(token.lower())) {
        return false;
      }
    }
    return false;
  }

  /** {@code AS default} names a column in PostgreSQL; Calcite needs the word quoted. */
  private static void quoteReservedAliases(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("as") && t.get(i + 1).kind() == Kind.WORD && RESERVED_ALIASES.contains(t.get(i + 1).lower())
          && !insideCast(t, i)) {
        t.set(i + 1, new Token(Kind.QUOTED_IDENT, "\"" + t.get(i + 1).lower() + "\""));
      }
      // columns named after statements (Metabase's table privileges: ... AS select, ... AS delete FROM, t.update)
      if (t.get(i + 1).kind() == Kind.WORD && STATEMENT_WORDS.contains(t.get(i + 1).lower())
          && (t.get(i).is("as") && !insideCast(t, i) && (i + 2 == t.size() || t.get(i + 2).is(",") || t.get(i + 2).is("from")
              || t.get(i + 2).is(")"))
              || t.get(i).is(".") && (i + 2 == t.size() || !t.get(i + 2).is("(")))) {
        t.set(i + 1, new Token(Kind.QUOTED_IDENT, "\"" + t.get(i + 1).lower() + "\""));
      }
    }
  }

  /** Statements' first words, which PostgreSQL takes as column names after AS or a dot and Calcite does not. */
  private static final Set<String> STATEMENT_WORDS = Set.of("select", "insert", "update", "delete");

  /** Words Calcite reserves that PostgreSQL clients use as table aliases or column names (pgJDBC's {@code result}). */
  private static final Set<String> RESERVED_NAMES = Set.of("result", "cardinality", "value");

  private static void quoteReservedNames(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).kind() == Kind.WORD && RESERVED_NAMES.contains(t.get(i).lower()) && (i + 1 >= t.size() || !t.get(i + 1).is("("))) {
        t.set(i, new Token(Kind.QUOTED_IDENT, "\"" + t.get(i).lower() + "\""));
      }
    }
  }

  private static boolean insideCast(List<Token> t, int at) {
    int depth = 0;
    for (int k = at - 1; k >= 0; k--) {
      if (t.get(k).is(")")) {
        depth++;
      } else if (t.get(k).is("(") && depth-- == 0) {
        return k > 0 && (t.get(k - 1).is("cast") || t.get(k - 1).is("try_cast"));
      }
    }
    return false;
  }

  private static List<String> arguments(List<Token> t, int open, int close) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int k = open + 1; k < close; k++) {
      Token token = t.get(k);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        depth--;
      } else if (token.is(",") && depth == 0) {
        args.add(text(t.subList(start, k)));
        start = k + 1;
      }
    }
    if (start < close) {
      args.add(text(t.subList(start, close)));
    }
    return args;
  }

  /** The first token of the operand that ends at {@code j}: a literal, a qualified name, a call or a parenthesis. */
  /** The type names that make a string a typed literal: {@code DATE '…'}. */
  private static final Set<String> TYPED_LITERALS = Set.of("date", "timestamp", "time", "interval", "timestamptz");
  private static final String[] TIMESTAMP_WITH_TIME_ZONE = {"timestamp", "with", "time", "zone"};

  private static int operandStart(List<Token> t, int j) {
    if (j < 0) {
      return -1;
    }
    Token last = t.get(j);
    if (last.is(")") || last.is("]")) {
      int open = matchingBackwards(t, j);
      if (open < 0) {
        return -1;
      }
      if (open > 0 && t.get(open - 1).kind() == Kind.WORD && !NOT_FUNCTIONS.contains(t.get(open - 1).lower())) {
        return nameStart(t, open - 1);
      }
      return open;
    }
    if (last.kind() == Kind.STRING && j > 0 && t.get(j - 1).kind() == Kind.WORD
        && TYPED_LITERALS.contains(t.get(j - 1).lower())) {
      return j - 1; // DATE '2025-01-16'::date, as a bound parameter's literal becomes
    }
    if (last.kind() == Kind.STRING && j >= 4 && matchesWords(t, j - 4, TIMESTAMP_WITH_TIME_ZONE)) {
      return j - 4; // timestamp with time zone '2024-03-01 10:15:30+01'::text
    }
    return switch (last.kind()) {
      case STRING, NUMBER, PARAM, SQL -> j;
      case WORD, QUOTED_IDENT -> nameStart(t, j);
      default -> -1;
    };
  }

  private static int nameStart(List<Token> t, int j) {
    int k = j;
    while (k >= 2 && t.get(k - 1).is(".") && (t.get(k - 2).kind() == Kind.WORD || t.get(k - 2).kind() == Kind.QUOTED_IDENT)) {
      k -= 2;
    }
    return k;
  }

  /** The last token of the operand that starts at {@code j}. */
  private static int operandEnd(List<Token> t, int j) {
    if (j >= t.size()) {
      return -1;
    }
    Token first = t.get(j);
    if (first.is("(")) {
      return matching(t, j);
    }
    return switch (first.kind()) {
      case STRING, NUMBER, PARAM, SQL -> j;
      case WORD, QUOTED_IDENT -> {
        int k = j;
        while (k + 2 < t.size() && t.get(k + 1).is(".")) {
          k += 2;
        }
        yield k + 1 < t.size() && t.get(k + 1).is("(") ? matching(t, k + 1) : k;
      }
      default -> -1;
    };
  }

  /** The significant tokens of {@code sql}. */
  private static List<Token> significant(String sql) {
    List<Token> out = new ArrayList<>();
    for (Token token : PgTokens.tokenize(sql)) {
      if (token.significant()) {
        out.add(token);
      }
    }
    return out;
  }

  private static int matching(List<Token> t, int open) {
    String o = t.get(open).text();
    String c = o.equals("(") ? ")" : "]";
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      if (t.get(k).is(o)) {
        depth++;
      } else if (t.get(k).is(c) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static int matchingBackwards(List<Token> t, int close) {
    String c = t.get(close).text();
    String o = c.equals(")") ? "(" : "[";
    int depth = 0;
    for (int k = close; k >= 0; k--) {
      if (t.get(k).is(c)) {
        depth++;
      } else if (t.get(k).is(o) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static void replace(List<Token> t, int from, int to, Token with) {
    t.subList(from, to + 1).clear();
    t.add(from, with);
  }

  private static String text(List<Token> tokens) {
    StringBuilder s = new StringBuilder();
    for (Token token : tokens) {
      if (!s.isEmpty()) {
        s.append(' ');
      }
      s.append(token.kind() == Kind.WORD ? token.lower() : token.text());
    }
    return s.toString();
  }
}
