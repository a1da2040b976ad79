package org.marketingsql.sql;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;

/**
 * Binds the calls of a parsed statement to the PostgreSQL date functions of {@link PgOperators}, in place:
 * {@code date_part}, {@code to_char}, {@code to_date} and {@code age} by name, and Calcite's own parse of
 * {@code date_trunc('month', d)} (its BigQuery form takes the unit second, as a keyword, so a text unit
 * first is PostgreSQL's). {@code EXTRACT} is PostgreSQL's ({@link PgExtract}). The
 * analysts' finance functions ({@link FinanceOperators}: FISCAL_YEAR, FISCAL_QUARTER, ROI, ROAS, DIVIDE,
 * NPS_CATEGORY) are bound the same way, unqualified and with their number of arguments. So are PostgreSQL's
 * other functions ({@code format}, {@code make_date}, {@code current_setting} …, see docs/sql.md), and in FROM
 * its set-returning {@code generate_series} and {@code pg_get_keywords}, whose alias names their one column.
 */
final class PgCalls extends SqlBasicVisitor<Void> {
  private static final Map<String, SqlOperator> BY_NAME = Map.of(
      "date_part", PgOperators.DATE_PART, "date_trunc", PgOperators.DATE_TRUNC, "to_date", PgOperators.TO_DATE,
      "age", PgOperators.AGE);
  /** The finance functions, by name and number of arguments. */
  private static final Map<String, SqlOperator> FINANCE = Map.of(
      "fiscal_year/1", FinanceOperators.FISCAL_YEAR, "fiscal_quarter/1", FinanceOperators.FISCAL_QUARTER,
      "roi/2", FinanceOperators.ROI, "roas/2", FinanceOperators.ROAS, "divide/2", FinanceOperators.DIVIDE,
      "nps_category/1", FinanceOperators.NPS_CATEGORY);

  /** PostgreSQL's other functions, by name and number of arguments (format takes any number: bound apart). */
  /** The interval literal a text spells, as PostgreSQL reads it ({@link PgIntervals}). */
  private static SqlNode intervalLiteral(SqlCharStringLiteral text) {
    String standard = PgIntervals.standardOrError(text.getValueAs(String.class));
    try {
      return org.apache.calcite.sql.parser.SqlParser.create("INTERVAL " + standard).parseExpression();
    } catch (org.apache.calcite.sql.parser.SqlParseException e) {
      throw new IllegalStateException("the standard form of an interval does not parse: " + standard, e);
    }
  }

  private static final Map<String, SqlOperator> OTHERS = Map.ofEntries(
      Map.entry("make_date/3", PgOperators.MAKE_DATE), Map.entry("make_timestamp/6", PgOperators.MAKE_TIMESTAMP),
      Map.entry("date_bin/3", PgOperators.DATE_BIN), Map.entry(PgOverlaps.CALL + "/4", PgOverlaps.OVERLAPS),
      Map.entry("to_timestamp/1", PgOperators.TO_TIMESTAMP),
      Map.entry("to_timestamp/2", PgOperators.TO_TIMESTAMP), Map.entry("parse_ident/1", PgOperators.PARSE_IDENT),
      Map.entry("parse_ident/2", PgOperators.PARSE_IDENT), Map.entry("current_setting/1", PgOperators.CURRENT_SETTING),
      Map.entry("current_setting/2", PgOperators.CURRENT_SETTING), Map.entry("array_length/2", PgOperators.ARRAY_LENGTH),
      Map.entry("array_upper/2", PgOperators.ARRAY_UPPER), Map.entry("array_lower/2", PgOperators.ARRAY_LOWER),
      Map.entry("array_agg/1", SqlLibraryOperators.ARRAY_AGG),
      Map.entry("array_remove/2", PgOperators.ARRAY_REMOVE), Map.entry("array_to_string/2", PgOperators.ARRAY_TO_STRING),
      Map.entry("array_to_string/3", PgOperators.ARRAY_TO_STRING),
      Map.entry("string_to_array/2", PgOperators.STRING_TO_ARRAY),
      Map.entry("string_to_array/3", PgOperators.STRING_TO_ARRAY));
  /** PostgreSQL's set-returning functions, bound only in FROM (not in a select list, as PostgreSQL allows). */
  private static final Map<String, SqlOperator> IN_FROM = Map.of(
      "generate_series/2", PgSetFunctions.GENERATE_SERIES, "generate_series/3", PgSetFunctions.GENERATE_SERIES,
      "pg_get_keywords/0", PgSetFunctions.PG_GET_KEYWORDS);

  /** Calcite's current date and times, as the functions that compute them in the statement's time zone. */
  private static final Map<SqlOperator, SqlOperator> SESSION_TIME = Map.of(
      SqlStdOperatorTable.CURRENT_TIMESTAMP, PgTextOperators.CURRENT_TIMESTAMP,
      SqlStdOperatorTable.LOCALTIMESTAMP, PgTextOperators.LOCALTIMESTAMP,
      SqlStdOperatorTable.CURRENT_DATE, PgTextOperators.CURRENT_DATE);

  private static final Map<String, SqlOperator> SESSION_TIME_BY_NAME = Map.of(
      "CURRENT_TIMESTAMP", PgTextOperators.CURRENT_TIMESTAMP, "LOCALTIMESTAMP", PgTextOperators.LOCALTIMESTAMP,
      "CURRENT_DATE", PgTextOperators.CURRENT_DATE);

  /** PostgreSQL's names of the statement's start, a timestamptz: {@code now()} and its synonyms. */
  private static final Set<String> STATEMENT_START = Set.of("now", "statement_timestamp", "transaction_timestamp");

  private PgCalls() {
  }

  /**
   * Whether {@code name} (in lower case) is one of the scalar functions bound here, so in FROM it is a one-row
   * table ({@link PgFromFunctions}) rather than a table function.
   */
  static boolean bindsScalar(String name) {
    String prefix = name + "/";
    return BY_NAME.containsKey(name) || PgJson.BY_NAME.containsKey(name) || PgTextOperators.VARIADIC.containsKey(name)
        || Set.of("to_char", "timestamptz", "timezone", "format", "concat", "concat_ws").contains(name)
        || STATEMENT_START.contains(name)
        || FINANCE.keySet().stream().anyMatch(k -> k.startsWith(prefix))
        || OTHERS.keySet().stream().anyMatch(k -> k.startsWith(prefix) && !k.equals("array_agg/1"))
        || PgTextOperators.BY_NAME_AND_ARITY.keySet().stream().anyMatch(k -> k.startsWith(prefix))
        || PgBytea.BY_NAME_AND_ARITY.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** {@code node}, its PostgreSQL function calls bound; null stays null. */
  static <T extends SqlNode> T bind(T node) {
    if (node != null) {
      node.accept(new PgCalls());
    }
    return node;
  }

  @Override
  public Void visit(org.apache.calcite.sql.SqlNodeList list) {
    for (int i = 0; i < list.size(); i++) {
      SqlNode grouped = PgExponentiation.regroup(list.get(i));
      if (grouped != list.get(i)) {
        list.set(i, grouped);
      }
    }
    super.visit(list);
    for (int i = 0; i < list.size(); i++) {
      SqlNode ordered = PgIntegerResults.integer(
          PgAverages.expand(PgStatistics.expand(OrderedSetAggregates.perFraction(orderedStringAgg(list.get(i))))));
      if (ordered != list.get(i)) {
        list.set(i, ordered);
      }
    }
    return null;
  }

  /**
   * {@code string_agg(x, sep ORDER BY y)}, which the parser reads as Calcite's STRING_AGG with the ORDER BY
   * as a third operand, as {@code string_agg(x, sep) WITHIN GROUP (ORDER BY y)} of PostgreSQL's
   * {@link PgStringAgg}; {@code unnest} of several arrays as the UNNEST of their zip ({@link PgUnnestZip});
   * {@code mode() WITHIN GROUP (ORDER BY x)} as Calcite's {@code MODE(x)}; the names
   * {@code CURRENT_DATE}, {@code CURRENT_TIMESTAMP} and {@code LOCALTIMESTAMP} as
   * the calls that compute them in the statement's time zone; any other node as it is.
   */
  private static SqlNode orderedStringAgg(SqlNode node) {
    if (isArrayLiteral(node)) {
      return ((SqlCall) node).operand(0);
    }
    if (node instanceof SqlCall unnest && unnest.getKind() == SqlKind.UNNEST && unnest.operandCount() > 1) {
      // several arrays zipped, as in PostgreSQL (Calcite would give their cross product)
      SqlParserPos pos = unnest.getParserPosition();
      return unnest.getOperator().createCall(pos, PgUnnestZip.ZIP.createCall(pos, unnest.getOperandList()));
    }
    if (node instanceof SqlBasicCall cast && cast.getKind() == SqlKind.CAST && cast.operandCount() == 2
        && cast.operand(1) instanceof SqlDataTypeSpec spec && isTimestamptz(spec)) {
      // an instant, held as the session's local time
      return PgTimeZones.TIMESTAMPTZ.createCall(cast.getParserPosition(), (SqlNode) cast.operand(0));
    }
    if (node instanceof SqlBasicCall cast && cast.getKind() == SqlKind.CAST && cast.operandCount() == 2
        && cast.operand(1) instanceof SqlDataTypeSpec spec && spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named
        && isBytea(named.getTypeName().names)) {
      // PostgreSQL's input formats of a bytea
      return PgBytea.BYTEA_IN.createCall(cast.getParserPosition(), (SqlNode) cast.operand(0));
    }
    if (node instanceof org.apache.calcite.sql.SqlIdentifier id && id.names.size() == 1 && !id.isComponentQuoted(0)) {
      // CURRENT_DATE, CURRENT_TIMESTAMP and LOCALTIMESTAMP without parentheses parse as names
      SqlOperator session = SESSION_TIME_BY_NAME.get(id.getSimple().toUpperCase(Locale.ROOT));
      return session == null ? node : session.createCall(id.getParserPosition());
    }
    if (node instanceof SqlBasicCall within && within.getKind() == SqlKind.WITHIN_GROUP && within.operandCount() == 2
        && within.operand(0) instanceof SqlBasicCall mode && mode.operandCount() == 0
        && mode.getOperator() instanceof SqlUnresolvedFunction unresolvedMode && isPgName(unresolvedMode)
        && unresolvedMode.getName().equalsIgnoreCase("mode")
        && within.operand(1) instanceof org.apache.calcite.sql.SqlNodeList modeOrder && modeOrder.size() == 1) {
      // PostgreSQL's mode() WITHIN GROUP (ORDER BY x) as Calcite's MODE(x); the dialects write it back as PostgreSQL's
      SqlNode value = modeOrder.get(0);
      while (value instanceof SqlBasicCall direction && (direction.getKind() == SqlKind.DESCENDING
          || direction.getKind() == SqlKind.NULLS_FIRST || direction.getKind() == SqlKind.NULLS_LAST)) {
        value = direction.operand(0);
      }
      return SqlStdOperatorTable.MODE.createCall(within.getParserPosition(), value);
    }
    if (node instanceof SqlBasicCall call && call.getOperator() == SqlLibraryOperators.STRING_AGG
        && call.operandCount() == 3 && call.operand(2) instanceof org.apache.calcite.sql.SqlNodeList order) {
      SqlParserPos pos = call.getParserPosition();
      SqlNode delimiter = SqlStdOperatorTable.COALESCE.createCall(pos, call.operand(1),
          SqlLiteral.createCharString("", pos));
      SqlCall aggregate = PgStringAgg.INSTANCE.createCall(call.getFunctionQuantifier(), pos, call.operand(0), delimiter);
      return SqlStdOperatorTable.WITHIN_GROUP.createCall(pos, aggregate, order);
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      nameWrittenOutAggregates(select);
      nameArrayLiterals(select);
    }
    for (int i = 0; i < call.operandCount(); i++) {
      // x ^ y binds as PostgreSQL binds it, before its operands are bound; read once (see below: hints, UNPIVOT)
      SqlNode read = call.operand(i);
      SqlNode grouped = PgExponentiation.regroup(read);
      if (grouped != read) {
        call.setOperand(i, grouped);
      }
    }
    super.visit(call);
    OrderedSetAggregates.continuousInDoublePrecision(call);
    // after AS come names (a column's or a table's alias, its column list), never calls: "AS current_date" names a column
    int operands = call.getKind() == SqlKind.AS ? Math.min(1, call.operandCount()) : call.operandCount();
    // an aggregate under a window or a filter is written out with them, by the call above
    boolean aggregateCall = call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.FILTER;
    for (int i = 0; i < operands; i++) {
      // some calls (hints, UNPIVOT) make their operands anew each time: compare with the one read
      SqlNode operand = call.operand(i);
      SqlNode ordered = orderedStringAgg(operand);
      ordered = aggregateCall ? ordered : PgIntegerResults.integer(
          PgAverages.expand(PgStatistics.expand(OrderedSetAggregates.perFraction(ordered))));
      if (ordered != operand) {
        call.setOperand(i, ordered);
      }
    }
    if (call instanceof SqlSelect select) {
      select.setFrom(aliasColumn(select.getFrom()));
    } else if (call instanceof SqlJoin join) {
      join.setLeft(aliasColumn(join.getLeft()));
      join.setRight(aliasColumn(join.getRight()));
    }
    if (!(call instanceof SqlBasicCall basic)) {
      return null;
    }
    if (call.getKind() == SqlKind.COLLECTION_TABLE && call.operandCount() == 1
        && call.operand(0) instanceof SqlBasicCall function
        && function.getOperator() instanceof SqlUnresolvedFunction unresolved && isPgName(unresolved)) {
      SqlOperator set = IN_FROM.get(unresolved.getName().toLowerCase(Locale.ROOT) + "/" + function.operandCount());
      if (set != null) {
        function.setOperator(set);
      }
      return null;
    }
    SqlOperator operator = call.getOperator();
    if ((operator == SqlLibraryOperators.STRING_AGG || operator instanceof SqlUnresolvedFunction unresolvedAgg
        && isPgName(unresolvedAgg) && operator.getName().equalsIgnoreCase("string_agg")) && call.operandCount() == 2) {
      // PostgreSQL's, with the length limit (the parser reads it as Calcite's); a null delimiter joins with nothing
      SqlParserPos pos = call.operand(1).getParserPosition();
      basic.setOperand(1, SqlStdOperatorTable.COALESCE.createCall(pos, call.operand(1),
          SqlLiteral.createCharString("", pos)));
      basic.setOperator(PgStringAgg.INSTANCE);
      return null;
    }
    if (operator instanceof SqlUnresolvedFunction unresolved && isPgName(unresolved)) {
      String name = operator.getName().toLowerCase(Locale.ROOT);
      if (PgJson.BY_NAME.containsKey(name) && (name.equals("to_json") ? call.operandCount() == 1
          : call.operandCount() % 2 == 0)) {
        basic.setOperator(PgJson.BY_NAME.get(name));
        return null;
      }
      SqlOperator json = PgJsonOperators.named(name, call.operandCount());
      if (json != null) {
        basic.setOperator(json);
        return null;
      }
      SqlOperator bytes = PgBytea.BY_NAME_AND_ARITY.get(name + "/" + call.operandCount());
      if (bytes != null) {
        basic.setOperator(bytes);
        return null;
      }
      SqlOperator other = OTHERS.get(name + "/" + call.operandCount());
      if (other != null) {
        if (other == PgOperators.DATE_BIN && call.operand(0) instanceof SqlCharStringLiteral stride) {
          // date_bin('15 minutes', …): PostgreSQL reads the text as the interval it takes
          basic.setOperand(0, intervalLiteral(stride));
        }
        basic.setOperator(other);
        return null;
      }
      SqlOperator text = PgTextOperators.BY_NAME_AND_ARITY.get(name + "/" + call.operandCount());
      if (text == null && (name.equals("concat") && call.operandCount() >= 1
          || name.equals("concat_ws") && call.operandCount() >= 2)) {
        text = name.equals("concat") ? PgTextOperators.CONCAT : PgTextOperators.CONCAT_WS;
      }
      if (text != null) {
        if (text == PgTextOperators.CONCAT || text == PgTextOperators.CONCAT_WS
            || text == PgTextOperators.QUOTE_LITERAL) {
          // PostgreSQL takes any value here, as its text: concat's as the type writes it, quote_literal's as ::text
          castToText(basic, 0, text != PgTextOperators.QUOTE_LITERAL);
        }
        basic.setOperator(text);
        return null;
      }
      if (PgTextOperators.VARIADIC.containsKey(name) && call.operandCount() >= 1) {
        basic.setOperator(PgTextOperators.VARIADIC.get(name));
        return null;
      }
      if (name.equals("timestamptz") && call.operandCount() == 1) {
        basic.setOperator(PgTimeZones.TIMESTAMPTZ);
        return null;
      }
      if (name.equals("timezone") && call.operandCount() == 2) {
        // x AT TIME ZONE z: its direction by whether x is a timestamptz
        basic.setOperator(PgTimeZones.timezone(call.operand(1)));
        return null;
      }
      if (STATEMENT_START.contains(name) && call.operandCount() == 0) {
        // the statement's start, as CURRENT_TIMESTAMP (a statement is its own transaction: nothing here writes)
        basic.setOperator(PgTextOperators.NOW);
        return null;
      }
      if (name.equals("format") && call.operandCount() >= 1 && call.operandCount() <= PgTexts.FORMAT_ARGUMENTS + 1) {
        // each value as text, as format's %s writes it
        castToText(basic, 1, true);
        basic.setOperator(PgOperators.FORMAT);
        return null;
      }
    }
    if (call.operandCount() == 0 && SESSION_TIME.containsKey(operator)) {
      // in the statement's time zone, above the store (the store would use its own process's zone)
      basic.setOperator(SESSION_TIME.get(operator));
      return null;
    }
    if (operator == SqlStdOperatorTable.PLUS || operator == SqlStdOperatorTable.MINUS) {
      // date + integer, date - integer and date - date as in PostgreSQL, once the types are known
      basic.setOperator(operator == SqlStdOperatorTable.PLUS ? PgDateArithmetic.PLUS : PgDateArithmetic.MINUS);
      return null;
    }
    if (operator == SqlStdOperatorTable.BITXOR_OPERATOR) {
      // x ^ y is PostgreSQL's exponentiation
      basic.setOperator(PgExponentiation.INSTANCE);
      return null;
    }
    if (operator == SqlStdOperatorTable.CONCAT && call.operandCount() == 2) {
      // text || text with the length limit above the store, the store's own || in the store; arrays by their types
      basic.setOperator(PgTextOperators.TEXTCAT);
      return null;
    }
    if (operator == SqlStdOperatorTable.SUBSTRING && call.operandCount() == 2
        && call.operand(1) instanceof SqlCharStringLiteral) {
      // substring(text from 'pattern'): a text pattern is a regular expression in PostgreSQL, a number a position
      basic.setOperator(PgTextOperators.SUBSTRING_REGEX);
      return null;
    }
    if (operator == SqlLibraryOperators.TRANSLATE3) {
      // the parser's name for translate(text, from, to)
      basic.setOperator(PgTextOperators.TRANSLATE);
      return null;
    }
    if (operator == SqlStdOperatorTable.OVERLAY) {
      // PostgreSQL's, with the length limit
      basic.setOperator(PgTextOperators.OVERLAY);
      return null;
    }
    if (operator.getKind() == SqlKind.CAST && call.operandCount() == 2 && call.operand(1) instanceof SqlDataTypeSpec spec
        && spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named) {
      SqlTypeName type = pgType(named.getTypeName().names);
      if (type != null) {
        SqlParserPos pos = spec.getParserPosition();
        String pgName = Util.last(named.getTypeName().names).toLowerCase(Locale.ROOT);
        basic.setOperand(1, new SqlDataTypeSpec(new PgTypeNameSpec(type, pgName, pos), pos));
      }
      return null;
    }
    if (operator == SqlLibraryOperators.DATE_TRUNC && call.operandCount() == 2
        && !(call.operand(1) instanceof SqlIntervalQualifier)) {
      basic.setOperator(PgOperators.DATE_TRUNC);
    } else if (operator instanceof SqlUnresolvedFunction && operator.getName() != null) {
      String name = operator.getName().toLowerCase(Locale.ROOT);
      if (name.equals("to_char") && call.operandCount() == 2) {
        basic.setOperator(inStore(call.operand(1)) ? PgOperators.TO_CHAR : PgOperators.TO_CHAR_ABOVE_STORE);
      } else if (FINANCE.containsKey(name + "/" + call.operandCount())
          && ((SqlUnresolvedFunction) operator).getSqlIdentifier().names.size() == 1) {
        basic.setOperator(FINANCE.get(name + "/" + call.operandCount()));
      } else if (BY_NAME.containsKey(name) && call.operandCount() >= 1 && call.operandCount() <= 2
          && ((SqlUnresolvedFunction) operator).getSqlIdentifier().names.size() == 1) {
        basic.setOperator(BY_NAME.get(name));
      }
    } else if (operator == SqlStdOperatorTable.EXTRACT && call.operand(0) instanceof SqlIntervalQualifier) {
      // PostgreSQL's numeric, dow counting from Sunday = 0 and seconds with their fraction, once the types are known
      basic.setOperator(PgExtract.INSTANCE);
    }
    return null;
  }

  /**
   * A select item that is one of {@link PgStatistics}' or {@link PgAverages}' aggregates or a percentile of an array of fractions
   * ({@link OrderedSetAggregates#perFraction}), without an alias, named as PostgreSQL names it ({@code corr},
   * {@code percentile_cont} …): written out, it would be an expression.
   */
  private static void nameWrittenOutAggregates(SqlSelect select) {
    org.apache.calcite.sql.SqlNodeList items = select.getSelectList();
    for (int i = 0; items != null && i < items.size(); i++) {
      String statistics = PgStatistics.columnName(items.get(i));
      String average = PgAverages.columnName(items.get(i));
      String name = statistics != null ? statistics : average != null ? average
          : OrderedSetAggregates.perFractionName(items.get(i));
      if (name != null) {
        SqlParserPos pos = items.get(i).getParserPosition();
        items.set(i, SqlStdOperatorTable.AS.createCall(pos, items.get(i),
            new org.apache.calcite.sql.SqlIdentifier(name, pos)));
      }
    }
  }

  /**
   * A select item that is a text literal cast to an array ({@link PgCasts#namedArraySql}), without an alias, named
   * after the element type as PostgreSQL names the cast ({@code text}, {@code int4}); the array itself once bound.
   */
  private static void nameArrayLiterals(SqlSelect select) {
    org.apache.calcite.sql.SqlNodeList items = select.getSelectList();
    for (int i = 0; items != null && i < items.size(); i++) {
      if (isArrayLiteral(items.get(i)) && ((SqlCall) items.get(i)).operand(1) instanceof SqlCharStringLiteral type) {
        SqlParserPos pos = items.get(i).getParserPosition();
        items.set(i, SqlStdOperatorTable.AS.createCall(pos, items.get(i),
            new org.apache.calcite.sql.SqlIdentifier(type.getValueAs(String.class), pos)));
      }
    }
  }

  /** Whether {@code node} is the call {@link PgCasts#namedArraySql} makes of a text literal cast to an array. */
  private static boolean isArrayLiteral(SqlNode node) {
    return node instanceof SqlBasicCall call && call.operandCount() == 2
        && call.getOperator() instanceof SqlUnresolvedFunction function
        && function.getSqlIdentifier().names.equals(java.util.List.of("pg_catalog", PgCasts.ARRAY_LITERAL));
  }

  /** Whether a CAST's type is PostgreSQL's {@code timestamptz} or {@code timestamp with time zone}. */
  private static boolean isTimestamptz(SqlDataTypeSpec spec) {
    if (spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named) {
      var names = named.getTypeName().names;
      return names.get(names.size() - 1).equalsIgnoreCase("timestamptz")
          && (names.size() == 1 || names.size() == 2 && names.get(0).equalsIgnoreCase("pg_catalog"));
    }
    if (spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
      String type = basic.getTypeName().getSimple();
      return type.equalsIgnoreCase(SqlTypeName.TIMESTAMP_TZ.getName())
          || type.equalsIgnoreCase(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE.getName());
    }
    return false;
  }

  /**
   * Each operand from {@code first} on as VARCHAR, as PostgreSQL passes a value of any type as its text: {@code output},
   * the text its type writes ({@link PgTypeNameSpec#output}, a boolean {@code t}), else {@code ::text}'s.
   */
  private static void castToText(SqlBasicCall call, int first, boolean output) {
    for (int i = first; i < call.operandCount(); i++) {
      SqlParserPos pos = call.operand(i).getParserPosition();
      call.setOperand(i, SqlStdOperatorTable.CAST.createCall(pos, call.operand(i), new SqlDataTypeSpec(output
          ? PgTypeNameSpec.output(pos) : new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos)));
    }
  }

  /**
   * The type of a PostgreSQL type name Calcite does not know ({@code int4}, {@code float8}, {@code text},
   * {@code timestamptz} …, unqualified or in pg_catalog) in CAST, as the PostgreSQL port reads {@code ::} too;
   * null for another name.
   */
  static SqlTypeName pgType(java.util.List<String> names) {
    if (names.size() == 2 && names.get(0).equalsIgnoreCase("pg_catalog")) {
      names = names.subList(1, 2);
    }
    return names.size() != 1 ? null : PG_TYPES.get(names.get(0).toLowerCase(Locale.ROOT));
  }

  private static final Map<String, SqlTypeName> PG_TYPES = Map.ofEntries(
      Map.entry("int2", SqlTypeName.SMALLINT), Map.entry("int4", SqlTypeName.INTEGER),
      Map.entry("int8", SqlTypeName.BIGINT), Map.entry("float4", SqlTypeName.REAL),
      Map.entry("float8", SqlTypeName.DOUBLE), Map.entry("bool", SqlTypeName.BOOLEAN),
      Map.entry("text", SqlTypeName.VARCHAR), Map.entry("bpchar", SqlTypeName.VARCHAR),
      Map.entry("name", SqlTypeName.VARCHAR), Map.entry("numeric", SqlTypeName.DECIMAL),
      Map.entry("json", SqlTypeName.VARCHAR), Map.entry("jsonb", SqlTypeName.VARCHAR),
      Map.entry("oid", SqlTypeName.INTEGER));

  /**
   * PostgreSQL's alias of a one-column function in FROM names its column too: {@code generate_series(1, 3)
   * AS i} is {@code AS i(i)}.
   */
  private static SqlNode aliasColumn(SqlNode from) {
    if (from instanceof SqlCall as && as.getKind() == SqlKind.AS && as.operandCount() == 2
        && namesOneColumn(as.operand(0))) {
      SqlNode alias = as.operand(1);
      return SqlStdOperatorTable.AS.createCall(as.getParserPosition(), as.operand(0), alias,
          alias.clone(alias.getParserPosition()));
    }
    return from;
  }

  /** Whether a type's name is {@code bytea}, as written or qualified with {@code pg_catalog}. */
  private static boolean isBytea(java.util.List<String> names) {
    return names.get(names.size() - 1).equalsIgnoreCase("bytea")
        && (names.size() == 1 || names.size() == 2 && names.get(0).equalsIgnoreCase("pg_catalog"));
  }

  /** A name as written, or qualified with {@code pg_catalog}. */
  private static boolean isPgName(SqlUnresolvedFunction function) {
    var names = function.getSqlIdentifier().names;
    return names.size() == 1 || names.size() == 2 && names.get(0).equalsIgnoreCase("pg_catalog");
  }

  /** Whether {@code node} is a one-column function in FROM (LATERAL or not): generate_series, or unnest of one array. */
  private static boolean namesOneColumn(SqlNode node) {
    if (node instanceof SqlCall lateral && lateral.getKind() == SqlKind.LATERAL && lateral.operandCount() == 1) {
      node = lateral.operand(0);
    }
    if (node instanceof SqlCall from && from.getKind() == SqlKind.COLLECTION_TABLE && from.operandCount() == 1
        && from.operand(0) instanceof SqlCall function) {
      return function.getOperator() == PgSetFunctions.GENERATE_SERIES;
    }
    return node instanceof SqlCall unnest && unnest.getKind() == SqlKind.UNNEST && unnest.operandCount() == 1;
  }

  /** Whether the store can write this {@code to_char} format: a literal DuckDB's strftime renders the same. */
  private static boolean inStore(SqlNode format) {
    if (!(format instanceof SqlCharStringLiteral literal)) {
      return false;
    }
    PgDateFormat date = PgDateFormat.parse(literal.getValueAs(String.class));
    // a template of no date pattern is a number's ('FM999,990.00'), which only Calcite writes
    return date.elements().stream().anyMatch(e -> !e.isLiteral()) && date.strftime().isPresent();
  }
}
