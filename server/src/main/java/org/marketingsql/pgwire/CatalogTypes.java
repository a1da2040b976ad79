package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows of pg_type: every type results are sent as ({@link PgType}), the types the catalog itself
 * uses (name, oid, "char", regclass …), and the array type of each, with PostgreSQL's own OIDs
 * (pg_type.dat), so clients that map OIDs to types find what they know.
 */
final class CatalogTypes {
  /**
   * One pg_type row's essentials; {@code category} is typcategory, {@code element} 0 unless an array,
   * {@code functions} what the names of its text and binary I/O functions start with ({@code int4}, {@code date_}:
   * int4in, date_in), {@code receive} and {@code send} its binary I/O functions as pg_proc lists them.
   */
  record Type(int oid, String name, int length, char category, int array, int element, String functions, Procedure receive,
      Procedure send) {
    Type {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(functions, "functions");
      Objects.requireNonNull(receive, "receive");
      Objects.requireNonNull(send, "send");
    }

    /**
     * typtype: {@code p} for the pseudo-types unknown and record, {@code b} (base, arrays included) otherwise, as
     * PostgreSQL has it.
     */
    char kind() {
      return oid == UNKNOWN_OID || category == 'P' ? 'p' : 'b';
    }

    /** typelem: an array's element type, or the element of a fixed-length type PostgreSQL subscripts (point[0]). */
    int typelem() {
      return element != 0 ? element : FIXED_LENGTH_ELEMENTS.getOrDefault(oid, 0);
    }

    /** typsubscript: the function PostgreSQL subscripts the type with, {@code -} for none. */
    String subscript() {
      return element != 0 ? "array_subscript_handler" : typelem() != 0 ? "raw_array_subscript_handler" : "-";
    }

    /** typbyval: PostgreSQL passes the types of 1, 2, 4 and 8 bytes by value, but for macaddr8. */
    boolean byValue() {
      return (length == 1 || length == 2 || length == 4 || length == 8) && oid != MACADDR8_OID;
    }

    /** typdelim: what separates the elements of an array of the type, box's semicolon or a comma. */
    String delimiter() {
      return oid == BOX_OID || element == BOX_OID ? ";" : ",";
    }
  }

  /** A pg_proc row: a type's receive or send function, taking {@code argumentTypes} (oidvector text) and returning {@code result}. */
  record Procedure(int oid, String name, int arguments, String argumentTypes, int result) {
    Procedure {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentTypes, "argumentTypes");
    }
  }

  private static final int UNKNOWN_OID = 705;
  private static final int MACADDR8_OID = 774;
  private static final int BOX_OID = 603;
  /** The fixed-length types PostgreSQL subscripts as arrays, by OID, with their elements' OIDs (name, point, lseg, box, line). */
  private static final Map<Integer, Integer> FIXED_LENGTH_ELEMENTS = Map.of(19, 18, 600, 701, 601, 600, 603, 600, 628, 701);
  private static final int INTERNAL_OID = 2281;
  private static final int CSTRING_OID = 2275;
  private static final int BYTEA_OID = 17;
  /** PostgreSQL's OIDs of array_recv and array_send, which Npgsql looks for by name. */
  private static final Procedure ARRAY_RECV = new Procedure(2400, "array_recv", 3, "2281 26 23", 2277);
  private static final Procedure ARRAY_SEND = new Procedure(2401, "array_send", 1, "2277", BYTEA_OID);
  /** This server's numbers for the base types' receive and send functions, above PostgreSQL's own OIDs. */
  private static final int FIRST_PROCEDURE_OID = 15000;
  /**
   * PostgreSQL's OIDs of the functions pg_type names for every array type, array_in, array_out and its subscripting,
   * and for the fixed-length types subscripted as arrays.
   */
  private static final List<Procedure> ARRAY_FUNCTIONS = List.of(new Procedure(750, "array_in", 3, "2275 26 23", 2277),
      new Procedure(751, "array_out", 1, "2277", CSTRING_OID), new Procedure(6179, "array_subscript_handler", 1, "2281",
      INTERNAL_OID), new Procedure(6180, "raw_array_subscript_handler", 1, "2281", INTERNAL_OID));
  /** This server's numbers for the base types' input and output functions, after their receive and send functions. */
  private static final int FIRST_INPUT_OUTPUT_OID = 16000;

  private static final List<Type> TYPES = build();
  private static final List<Procedure> PROCEDURES = procedures(TYPES);

  private CatalogTypes() {
  }

  private static List<Type> build() {
    List<Type> t = new ArrayList<>();
    // oid, name, length, category, array oid[, the prefix of its I/O functions' names where it is not the name]
    Object[][] base = {
        {16, "bool", 1, 'B', 1000}, {17, "bytea", -1, 'U', 1001}, {18, "char", 1, 'Z', 1002}, {19, "name", 64, 'S', 1003},
        {20, "int8", 8, 'N', 1016}, {21, "int2", 2, 'N', 1005}, {22, "int2vector", -1, 'A', 1006},
        {23, "int4", 4, 'N', 1007}, {24, "regproc", 4, 'N', 1008}, {25, "text", -1, 'S', 1009},
        {26, "oid", 4, 'N', 1028}, {28, "xid", 4, 'U', 1011}, {30, "oidvector", -1, 'A', 1013},
        {700, "float4", 4, 'N', 1021}, {701, "float8", 8, 'N', 1022}, {705, "unknown", -2, 'X', 0},
        {1042, "bpchar", -1, 'S', 1014}, {1043, "varchar", -1, 'S', 1015}, {1082, "date", 4, 'D', 1182, "date_"},
        {1083, "time", 8, 'D', 1183, "time_"}, {1114, "timestamp", 8, 'D', 1115, "timestamp_"},
        {1184, "timestamptz", 8, 'D', 1185, "timestamptz_"}, {1700, "numeric", -1, 'N', 1231, "numeric_"},
        {2205, "regclass", 4, 'N', 2210}, {2206, "regtype", 4, 'N', 2211},
        {4089, "regnamespace", 4, 'N', 4090}, {4096, "regrole", 4, 'N', 4097}, {2249, "record", -1, 'P', 2287, "record_"},
        // the catalogs' own column types (MetadataTable)
        {1033, "aclitem", 16, 'U', 1034}, {194, "pg_node_tree", -1, 'Z', 0, "pg_node_tree_"},
        {869, "inet", -1, 'I', 1041, "inet_"},
        {3220, "pg_lsn", 8, 'U', 3221, "pg_lsn_"}, {2277, "anyarray", -1, 'P', 0, "anyarray_"},
        {2202, "regprocedure", 4, 'N', 2207}, {2275, "cstring", -2, 'P', 1263, "cstring_"},
        // the base types clients look for by name (getTypeInfo, ORMs' type maps), though no result is sent as them
        {1186, "interval", 16, 'T', 1187, "interval_"}, {114, "json", -1, 'U', 199, "json_"},
        {3802, "jsonb", -1, 'U', 3807, "jsonb_"}, {2950, "uuid", 16, 'U', 2951, "uuid_"}, {790, "money", 8, 'N', 791, "cash_"},
        {1266, "timetz", 12, 'D', 1270, "timetz_"}, {1560, "bit", -1, 'V', 1561, "bit_"},
        {1562, "varbit", -1, 'V', 1563, "varbit_"}, {142, "xml", -1, 'U', 143, "xml_"}, {600, "point", 16, 'G', 1017, "point_"},
        {601, "lseg", 32, 'G', 1018, "lseg_"}, {602, "path", -1, 'G', 1019, "path_"}, {603, "box", 32, 'G', 1020, "box_"},
        {604, "polygon", -1, 'G', 1027, "poly_"}, {628, "line", 24, 'G', 629, "line_"}, {718, "circle", 24, 'G', 719, "circle_"},
        {650, "cidr", -1, 'I', 651, "cidr_"}, {829, "macaddr", 6, 'U', 1040, "macaddr_"},
        {774, "macaddr8", 8, 'U', 775, "macaddr8_"}, {3614, "tsvector", -1, 'U', 3643},
        {3615, "tsquery", -1, 'U', 3645}, {4072, "jsonpath", -1, 'U', 4073, "jsonpath_"},
        {5038, "pg_snapshot", -1, 'U', 5039, "pg_snapshot_"}, {3769, "regdictionary", 4, 'N', 3770},
        {2203, "regoper", 4, 'N', 2208}, {2204, "regoperator", 4, 'N', 2209}, {3734, "regconfig", 4, 'N', 3735},
        {4191, "regcollation", 4, 'N', 4192}, {27, "tid", 6, 'U', 1010}, {29, "cid", 4, 'U', 1012},
        {5069, "xid8", 8, 'U', 271, "xid8"}};
    int next = FIRST_PROCEDURE_OID;
    for (Object[] b : base) {
      int oid = (Integer) b[0];
      int array = (Integer) b[4];
      String name = (String) b[1];
      String functions = b.length > 5 ? (String) b[5] : name;
      t.add(new Type(oid, name, (Integer) b[2], (Character) b[3], array, 0, functions,
          new Procedure(next++, functions + "recv", 1, String.valueOf(INTERNAL_OID), oid),
          new Procedure(next++, functions + "send", 1, String.valueOf(oid), BYTEA_OID)));
      if (array != 0) {
        t.add(new Type(array, "_" + name, -1, 'A', 0, oid, "array_", ARRAY_RECV, ARRAY_SEND));
      }
    }
    return List.copyOf(t);
  }

  private static List<Procedure> procedures(List<Type> types) {
    Map<Integer, Procedure> byOid = new TreeMap<>();
    int next = FIRST_INPUT_OUTPUT_OID;
    for (Type type : types) {
      byOid.put(type.receive().oid(), type.receive());
      byOid.put(type.send().oid(), type.send());
      if (type.element() == 0) {
        // the text input and output functions pg_type's typinput and typoutput name (int4in, int4out)
        byOid.put(next, new Procedure(next++, type.functions() + "in", 1, String.valueOf(CSTRING_OID), type.oid()));
        byOid.put(next, new Procedure(next++, type.functions() + "out", 1, String.valueOf(type.oid()), CSTRING_OID));
      }
    }
    ARRAY_FUNCTIONS.forEach(f -> byOid.put(f.oid(), f));
    return List.copyOf(byOid.values());
  }

  /** The OID of the function pg_proc lists as {@code name} (a regproc's text), 0 for {@code -} or a name it lists not. */
  static int procedureOid(String name) {
    return PROCEDURES.stream().filter(p -> p.name().equals(name)).mapToInt(Procedure::oid).findFirst().orElse(0);
  }

  static List<Type> all() {
    return TYPES;
  }

  /** pg_proc's rows: every function pg_type names, each once. */
  static List<Procedure> procedures() {
    return PROCEDURES;
  }

  /** pg_type.typname of the type with {@code oid}, e.g. int4 or _text. */
  static String typeName(int oid) {
    for (Type type : TYPES) {
      if (type.oid() == oid) {
        return type.name();
      }
    }
    throw new IllegalArgumentException("no pg_type row has oid " + oid);
  }

  /** The SQL standard's and PostgreSQL's other names of the types in pg_type, by their typname. */
  private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("integer", "int4"), Map.entry("int", "int4"),
      Map.entry("smallint", "int2"), Map.entry("bigint", "int8"), Map.entry("real", "float4"),
      Map.entry("double precision", "float8"), Map.entry("float", "float8"), Map.entry("boolean", "bool"),
      Map.entry("character varying", "varchar"), Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
      Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"), Map.entry("timestamp without time zone", "timestamp"),
      Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
      Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"));

  /**
   * The OID of the type {@code name} spells as {@code to_regtype} reads it: a typname or one of its other names
   * ({@code integer}, {@code double precision}), in pg_catalog or unqualified, with a modifier ({@code varchar(10)})
   * and {@code []} for its array type; empty when pg_type has no such type.
   */
  static Optional<Integer> oidOf(String name) {
    String text = name.strip();
    boolean array = false;
    while (text.endsWith("[]")) {
      array = true;
      text = text.substring(0, text.length() - 2).strip();
    }
    int modifier = text.indexOf('(');
    if (modifier > 0 && text.endsWith(")")) {
      text = text.substring(0, modifier).strip();
    }
    String typname;
    if (text.startsWith("\"")) {
      typname = text.length() > 1 && text.endsWith("\"") ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : null;
    } else {
      String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      lower = lower.startsWith("pg_catalog.") ? lower.substring("pg_catalog.".length()) : lower;
      typname = ALIASES.getOrDefault(lower, lower);
    }
    for (Type type : TYPES) {
      if (type.name().equals(typname)) {
        return !array ? Optional.of(type.oid()) : Optional.of(type.array()).filter(oid -> oid != 0);
      }
    }
    return Optional.empty();
  }

  /** format_type's answer for a type results are never sent as: its name, or an array's element name with []. */
  static String name(int oid) {
    for (Type type : TYPES) {
      if (type.oid() == oid) {
        if (type.element() != 0) {
          String element = PgType.ofOid(type.element()) != null ? PgType.ofOid(type.element()).sqlName() : name(type.element());
          return element + "[]";
        }
        return switch (type.name()) {
          case "char" -> "\"char\"";
          case "timetz" -> "time with time zone";
          case "varbit" -> "bit varying";
          default -> type.name().toLowerCase(Locale.ROOT);
        };
      }
    }
    return "???";
  }
}
