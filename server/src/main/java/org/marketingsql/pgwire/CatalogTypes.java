package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of pg_type: every type results are sent as ({@link PgType}), the types the catalog itself
 * uses (name, oid, "char", regclass …), and the array type of each, with PostgreSQL's own OIDs
 * (pg_type.dat), so clients that map OIDs to types find what they know.
 */
final class CatalogTypes {
  /** One pg_type row's essentials; {@code category} is typcategory, {@code element} 0 unless an array. */
  record Type(int oid, String name, int length, char category, int array, int element) {
  }

  private static final List<Type> TYPES = build();

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
        {1700, "numeric", -1, 'N', 1231}, {2205, "regclass", 4, 'N', 2210}, {2206, "regtype", 4, 'N', 2211}};
    for (Object[] b : base) {
      int oid = (Integer) b[0];
      int array = (Integer) b[4];
      t.add(new Type(oid, (String) b[1], (Integer) b[2], (Character) b[3], array, 0));
      if (array != 0) {
        t.add(new Type(array, "_" + b[1], -1, 'A', 0, oid));
      }
    }
    return List.copyOf(t);
  }

  static List<Type> all() {
    return TYPES;
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
