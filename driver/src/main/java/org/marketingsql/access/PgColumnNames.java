package org.marketingsql.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTimeLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;

/**
 * The names PostgreSQL gives a query's result columns, by its parser's rule (FigureColname): an alias as
 * written; a column reference its column's name; a function call the function's name ({@code count},
 * {@code date_trunc}, {@code coalesce}); a cast its operand's name if that has one, else the type's
 * ({@code int4}, {@code numeric}, {@code text}); {@code CASE} {@code case}; a subscript or field selection
 * the field; {@code EXISTS} {@code exists}; {@code ARRAY[…]} {@code array}; a scalar sub-select its
 * column's name; anything else (operators, literals) {@code ?column?}. {@code VALUES} columns are
 * {@code column1}, {@code column2} …
 *
 * <p>Read from the statement as parsed, before the validator rewrites it ({@code COALESCE} becomes a
 * {@code CASE}). These are labels only: Calcite keeps its own unique field names ({@code EXPR$0}) inside
 * the plan, so two {@code count(*)} columns are both labelled {@code count}.
 */
final class PgColumnNames {
  static final String UNNAMED = "?column?";

  /** A name and how sure of it the rule is: 0 none, 1 {@code case} or a type's name, 2 otherwise (as PostgreSQL ranks them). */
  private record Name(String text, int strength) {
    static final Name NONE = new Name(UNNAMED, 0);
  }

  /** Calcite's type names as PostgreSQL names the types; others are lower-cased. */
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("INTEGER", "int4"), Map.entry("INT", "int4"), Map.entry("INT4", "int4"), Map.entry("BIGINT", "int8"),
      Map.entry("INT8", "int8"), Map.entry("SMALLINT", "int2"), Map.entry("INT2", "int2"), Map.entry("TINYINT", "int2"),
      Map.entry("DECIMAL", "numeric"), Map.entry("DEC", "numeric"), Map.entry("NUMERIC", "numeric"),
      Map.entry("VARCHAR", "varchar"), Map.entry("CHAR", "bpchar"), Map.entry("CHARACTER", "bpchar"),
      Map.entry("BOOLEAN", "bool"), Map.entry("BOOL", "bool"), Map.entry("DOUBLE", "float8"), Map.entry("FLOAT", "float8"),
      Map.entry("FLOAT8", "float8"), Map.entry("REAL", "float4"), Map.entry("FLOAT4", "float4"),
      Map.entry("TIMESTAMP_WITH_LOCAL_TIME_ZONE", "timestamptz"), Map.entry("TIMESTAMP_TZ", "timestamptz"),
      Map.entry("TIME_WITH_LOCAL_TIME_ZONE", "timetz"));

  /** The calls {@code ::timestamptz} and {@code ::numeric} (without precision) become before parsing. */
  private static final Set<String> CAST_FUNCTIONS = Set.of("timestamptz", "numeric");
  /**
   * PostgreSQL's functions behind its operators {@code ||}, {@code ~} and {@code ~*}, which the parser and the port write
   * those operators as: unnamed, as the operators are.
   */
  private static final Set<String> OPERATOR_FUNCTIONS = Set.of("textcat", "textregexeq", "texticregexeq");

  private PgColumnNames() {
  }

  /**
   * One name per item of the select list that gives {@code query} its columns (for a set operation its first
   * branch's, as in PostgreSQL), null for a {@code *} item, whose columns keep their names; empty when
   * {@code query} is not a query.
   */
  static List<String> of(SqlNode query) {
    SqlNode leading = leading(query);
    List<String> names = new ArrayList<>();
    if (leading instanceof SqlSelect select) {
      for (SqlNode item : select.getSelectList()) {
        names.add(item instanceof SqlIdentifier id && id.isStar() ? null : name(item).text());
      }
    } else if (leading != null && leading.getKind() == SqlKind.VALUES) {
      SqlNode row = ((SqlCall) leading).operandCount() == 0 ? null : ((SqlCall) leading).operand(0);
      int width = row instanceof SqlCall call && row.getKind() == SqlKind.ROW ? call.operandCount() : 1;
      for (int i = 1; i <= width; i++) {
        names.add("column" + i);
      }
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * Gives each unnamed item of every query nested in {@code statement} (a sub-select in FROM, a WITH item, a
   * sub-query anywhere) the alias PostgreSQL would name it by, so {@code SELECT * FROM (SELECT count(*) FROM t) s}
   * has a column {@code count} rather than {@code EXPR$0}. The statement's own select list keeps its items:
   * its names are labels ({@link #of}), which may repeat. An item is left as it is when its name is
   * {@code ?column?}, when another item of its list has the same name (Calcite would make the names unique),
   * or when its GROUP BY, HAVING or ORDER BY names it (an alias there could take the column's place).
   */
  static void nameNestedQueries(SqlNode statement) {
    SqlNode top = leading(statement);
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select != top) {
          alias(select);
        }
        return super.visit(call);
      }
    });
  }

  private static void alias(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    if (items == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (SqlNode item : items) {
      names.add(item instanceof SqlIdentifier id && id.isStar() ? null : name(item).text().toLowerCase(Locale.ROOT));
    }
    Set<String> referenced = new HashSet<>();
    for (SqlNode clause : new SqlNode[] {select.getGroup(), select.getHaving(), select.getOrderList()}) {
      if (clause != null) {
        clause.accept(new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlIdentifier id) {
            referenced.add(Util.last(id.names).toLowerCase(Locale.ROOT));
            return null;
          }
        });
      }
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      String name = names.get(i);
      if (name == null || item instanceof SqlIdentifier || item.getKind() == SqlKind.AS || name.equals(UNNAMED)
          || Collections.frequency(names, name) > 1 || referenced.contains(name)) {
        continue;
      }
      SqlParserPos pos = item.getParserPosition();
      items.set(i, SqlStdOperatorTable.AS.createCall(pos, item, new SqlIdentifier(name(item).text(), pos)));
    }
  }

  /** The SELECT or VALUES whose items name the columns of {@code query}, or null. */
  private static SqlNode leading(SqlNode query) {
    SqlNode node = query;
    while (node != null) {
      if (node instanceof SqlOrderBy orderBy) {
        node = orderBy.query;
      } else if (node instanceof SqlWith with) {
        node = with.body;
      } else if (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
          || node.getKind() == SqlKind.EXCEPT) {
        node = ((SqlCall) node).operand(0);
      } else if (node instanceof SqlSelect || node.getKind() == SqlKind.VALUES) {
        return node;
      } else {
        return null;
      }
    }
    return null;
  }

  private static Name name(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? Name.NONE : new Name(Util.last(id.names), 2);
    }
    if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith) {
      List<String> inner = of(node);
      return inner.isEmpty() || inner.get(0) == null ? Name.NONE : new Name(inner.get(0), 2);
    }
    if (node instanceof SqlLiteral literal) {
      return typedLiteral(literal);
    }
    if (!(node instanceof SqlCall call)) {
      return Name.NONE;
    }
    switch (call.getKind()) {
      case AS:
        return new Name(Util.last(((SqlIdentifier) call.operand(1)).names), 2);
      case CAST: {
        Name inner = name(call.operand(0));
        if (inner.strength() > 1) {
          return inner;
        }
        return call.operand(1) instanceof SqlDataTypeSpec type ? new Name(typeName(type), 1) : inner;
      }
      case CASE:
        return new Name("case", 1);
      case EXISTS:
        return new Name("exists", 2);
      case ARRAY_VALUE_CONSTRUCTOR:
      case ARRAY_QUERY_CONSTRUCTOR:
        return new Name("array", 2);
      case ROW:
        return new Name("row", 2);
      case ITEM:
        return name(call.operand(0));
      case DOT:
        return call.operand(1) instanceof SqlIdentifier field ? new Name(Util.last(field.names), 2) : Name.NONE;
      case OVER:
      case FILTER:
      case WITHIN_GROUP:
      case WITHIN_DISTINCT:
      case RESPECT_NULLS:
      case IGNORE_NULLS:
        return name(call.operand(0));
      case SCALAR_QUERY:
        return name(call.operand(0));
      case TRIM:
        return new Name(trimName(call), 2);
      case OVERLAPS:
        return new Name("overlaps", 2);
      default:
        break;
    }
    if (call.getOperator() instanceof SqlFunction function) {
      // the function as written: ceiling(x) is Calcite's CEIL, bool_and(b) its EVERY, avg(x) the driver's PG_AVG
      SqlIdentifier id = function.getSqlIdentifier();
      String written = org.marketingsql.sql.WrittenNames.of(call);
      String text = (written != null ? written : id != null ? Util.last(id.names) : function.getName())
          .toLowerCase(Locale.ROOT);
      if (!text.isEmpty() && !Character.isLetter(text.charAt(0)) && text.charAt(0) != '_'
          || OPERATOR_FUNCTIONS.contains(text)) {
        // an operator held as a function (json ->> 'k'): unnamed, as PostgreSQL's operators are
        return Name.NONE;
      }
      if (CAST_FUNCTIONS.contains(text) && call.operandCount() == 1) {
        // x::timestamptz and x::numeric, which become these calls: named as a cast
        Name inner = name(call.operand(0));
        return inner.strength() > 1 ? inner : new Name(text, 1);
      }
      return new Name(text, 2);
    }
    return Name.NONE;
  }

  /** {@code DATE '…'}, {@code INTERVAL '…'}: a cast of a literal to the type in PostgreSQL, so named by it. */
  private static Name typedLiteral(SqlLiteral literal) {
    if (literal instanceof SqlDateLiteral) {
      return new Name("date", 1);
    }
    if (literal instanceof SqlTimestampLiteral) {
      return new Name("timestamp", 1);
    }
    if (literal instanceof SqlTimeLiteral) {
      return new Name("time", 1);
    }
    if (literal instanceof SqlIntervalLiteral) {
      return new Name("interval", 1);
    }
    if (literal instanceof org.apache.calcite.sql.SqlUnknownLiteral typed) {
      // DATE '…', TIMESTAMP '…' as parsed, before the validator reads them
      String tag = typed.tag.toUpperCase(Locale.ROOT);
      return switch (tag) {
        case "DATE", "TIME", "TIMESTAMP" -> new Name(tag.toLowerCase(Locale.ROOT), 1);
        default -> Name.NONE;
      };
    }
    return Name.NONE;
  }

  private static String typeName(SqlDataTypeSpec type) {
    String pg = org.marketingsql.sql.PgTypeNameSpec.pgName(type);
    if (pg != null) {
      return pg;
    }
    String written = type.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    return TYPES.getOrDefault(written, written.toLowerCase(Locale.ROOT));
  }

  /** PostgreSQL turns TRIM into the function it calls: btrim, ltrim or rtrim. */
  private static String trimName(SqlCall call) {
    if (call instanceof SqlBasicCall && call.operandCount() > 0 && call.operand(0) instanceof SqlLiteral flag
        && flag.getValue() instanceof SqlTrimFunction.Flag f) {
      return switch (f) {
        case LEADING -> "ltrim";
        case TRAILING -> "rtrim";
        case BOTH -> "btrim";
      };
    }
    return "btrim";
  }
}
