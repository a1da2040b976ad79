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
   * {@code receive} and {@code send} its binary I/O functions as pg_proc lists them.
   */
  record Type(int oid, String name, int length, char category, int array, int element, Procedure receive, Procedure send) {
    Type {
      Objects.requireNonNull(name, "name");
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
  }

  /** A pg_proc row: a type's receive or send function, taking {@code argumentTypes} (oidvector text) and returning {@code result}. */
  record Procedure(int oid, String name, int arguments, String argumentTypes, int result) {
    Procedure {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentTypes, "argumentTypes");
    }
  }

  private static final int UNKNOWN_OID = 705;
  private static final int INTERNAL_OID = 2281;
  private static final int CSTRING_OID = 2275;
  private static final int BYTEA_OID = 17;
  /** PostgreSQL's OIDs of array_recv and array_send, which Npgsql looks for by name. */
  private static final Procedure ARRAY_RECV = new Procedure(2400, "array_recv", 3, "2281 26 23", 2277);
  private static final Procedure ARRAY_SEND = new Procedure(2401, "array_send", 1, "2277", BYTEA_OID);
  /** This server's numbers for the base types' receive and send functions, above PostgreSQL's own OIDs. */
  private static final int FIRST_PROCEDURE_OID = 15000;
  /** PostgreSQL's OIDs of the functions pg_type names for every array type: array_in, array_out and its subscripting. */
  private static final List<Procedure> ARRAY_FUNCTIONS = List.of(new Procedure(750, "array_in", 3, "2275 26 23", 2277),
      new Procedure(751, "array_out", 1, "2277", CSTRING_OID), new Procedure(6179, "array_subscript_handler", 1, "2281",
      INTERNAL_OID));
  /** This server's numbers for the base types' input and output functions, after their receive and send functions. */
  private static final int FIRST_INPUT_OUTPUT_OID = 16000;

  private static final List<Type> TYPES = build();
  private static final List<Procedure> PROCEDURES = procedures(TYPES);

  private CatalogTypes() {
  }

  private static List<Type> build() {
    List<Type> t = new ArrayList<>();
    // oid, name, length, category, array oid
    Object[][] base = {
        {16, "bool", 1, 'B', 1000}, {17, "bytea", -1, 'U', 1001}, {18, "char", 1, 'Z', 1002}, {19, "name", 64, 'S', 1003},
        {20, "int8", 8, 'N', 1016}, {21, "int2", 2, 'N', 1005}, {22, "int2vector", -1, 'A', 1006},
        {23, "int4", 4, 'N', 1007}, {24, "regproc", 4, 'N', 1008}, {25, "text", -1, 'S', 1009},
        {26, "oid", 4, 'N', 1028}, {28, "xid", 4, 'U', 1011}, {30, "oidvector", -1, 'A', 1013},
        {700, "float4", 4, 'N', 1021}, {701, "float8", 8, 'N', 1022}, {705, "unknown", -2, 'X', 0},
        {1042, "bpchar", -1, 'S', 1014}, {1043, "varchar", -1, 'S', 1015}, {1082, "date", 4, 'D', 1182},
        {1083, "time", 8, 'D', 1183}, {1114, "timestamp", 8, 'D', 1115}, {1184, "timestamptz", 8, 'D', 1185},
        {1700, "numeric", -1, 'N', 1231}, {2205, "regclass", 4, 'N', 2210}, {2206, "regtype", 4, 'N', 2211},
        {4089, "regnamespace", 4, 'N', 4090}, {4096, "regrole", 4, 'N', 4097}, {2249, "record", -1, 'P', 2287},
        // the catalogs' own column types (MetadataTable)
        {1033, "aclitem", 16, 'U', 1034}, {194, "pg_node_tree", -1, 'Z', 0}, {869, "inet", -1, 'I', 1041},
        {3220, "pg_lsn", 8, 'U', 3221}, {2277, "anyarray", -1, 'P', 0}, {2202, "regprocedure", 4, 'N', 2207},
        {2275, "cstring", -2, 'P', 1263}};
    int next = FIRST_PROCEDURE_OID;
    for (Object[] b : base) {
      int oid = (Integer) b[0];
      int array = (Integer) b[4];
      String name = (String) b[1];
      t.add(new Type(oid, name, (Integer) b[2], (Character) b[3], array, 0,
          new Procedure(next++, name + "recv", 1, String.valueOf(INTERNAL_OID), oid),
          new Procedure(next++, name + "send", 1, String.valueOf(oid), BYTEA_OID)));
      if (array != 0) {
        t.add(new Type(array, "_" + name, -1, 'A', 0, oid, ARRAY_RECV, ARRAY_SEND));
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
        byOid.put(next, new Procedure(next++, type.name() + "in", 1, String.valueOf(CSTRING_OID), type.oid()));
        byOid.put(next, new Procedure(next++, type.name() + "out", 1, String.valueOf(type.oid()), CSTRING_OID));
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
      Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"));

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
        return type.name().equals("char") ? "\"char\"" : type.name().toLowerCase(Locale.ROOT);
      }
    }
    return "???";
  }
}
