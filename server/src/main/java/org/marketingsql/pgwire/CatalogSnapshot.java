package org.marketingsql.pgwire;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marketingsql.users.User;

/**
 * The schemas, relations and columns a user may see, read once from the driver's DatabaseMetaData and
 * numbered the way pg_namespace, pg_class, pg_attribute and pg_description all refer to them: schemas and
 * relations in name order get the same OIDs on every read while the schema is unchanged.
 */
record CatalogSnapshot(List<Namespace> namespaces, List<Relation> relations) {
  static final int CATALOG_OID = 11;
  static final int INFORMATION_SCHEMA_OID = 13;
  private static final int FIRST_NAMESPACE_OID = 16384;
  private static final int FIRST_RELATION_OID = 17000;
  /** Calcite's own schema of JDBC metadata tables, not a PostgreSQL schema. */
  private static final Set<String> HIDDEN = Set.of("metadata", "");

  record Namespace(int oid, String name) {
  }

  record Relation(int oid, Namespace namespace, String name, char kind, String remarks, List<Attribute> attributes) {
  }

  /** A column: attnum from 1, its type's OID and modifier (numeric precision and scale). */
  record Attribute(int number, String name, PgType type, int typmod, boolean notNull, String remarks) {
  }

  static CatalogSnapshot read(DatabaseMetaData md, User user) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        String name = rs.getString("TABLE_SCHEM");
        if (name != null && !HIDDEN.contains(name) && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    Map<String, Namespace> namespaces = new LinkedHashMap<>();
    int next = FIRST_NAMESPACE_OID;
    for (String name : names) {
      int oid = switch (name) {
        case PgCatalog.NAME -> CATALOG_OID;
        case InformationSchema.NAME -> INFORMATION_SCHEMA_OID;
        default -> next++;
      };
      if (oid < FIRST_NAMESPACE_OID || user.mayRead(name)) {
        namespaces.put(name, new Namespace(oid, name));
      }
    }
    Map<String, List<Attribute>> columns = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
      while (rs.next()) {
        String key = rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME");
        List<Attribute> list = columns.computeIfAbsent(key, k -> new ArrayList<>());
        int jdbcType = rs.getInt("DATA_TYPE");
        PgType type = PgType.ofJdbc(jdbcType);
        int typmod = -1;
        if (type == PgType.NUMERIC && (jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC)) {
          int precision = rs.getInt("COLUMN_SIZE");
          int scale = rs.getInt("DECIMAL_DIGITS");
          if (precision > 0 && precision <= 1000) {
            typmod = ((precision << 16) | scale) + 4;
          }
        }
        list.add(new Attribute(list.size() + 1, rs.getString("COLUMN_NAME"), type, typmod,
            rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls, rs.getString("REMARKS")));
      }
    }
    List<String[]> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema != null && namespaces.containsKey(schema)) {
          tables.add(new String[] {schema, rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"), rs.getString("REMARKS")});
        }
      }
    }
    tables.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<Relation> relations = new ArrayList<>();
    int oid = FIRST_RELATION_OID;
    for (String[] table : tables) {
      char kind = table[2] != null && table[2].contains("VIEW") ? 'v' : 'r';
      relations.add(new Relation(oid++, namespaces.get(table[0]), table[1], kind, table[3],
          List.copyOf(columns.getOrDefault(table[0] + "." + table[1], List.of()))));
    }
    return new CatalogSnapshot(List.copyOf(namespaces.values()), List.copyOf(relations));
  }

  /** pg_class's own OID, which pg_description.classoid names for relation comments. */
  int pgClassOid() {
    return relations.stream().filter(r -> r.namespace().oid() == CATALOG_OID && r.name().equals("pg_class"))
        .mapToInt(Relation::oid).findFirst().orElse(1259);
  }
}
