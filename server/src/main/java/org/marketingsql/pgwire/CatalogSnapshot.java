package org.marketingsql.pgwire;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marketingsql.access.AccessPolicy;

/**
 * The schemas, relations and (when asked for) columns a session's {@link AccessPolicy} reads, numbered the way pg_namespace,
 * pg_class, pg_attribute and pg_description all refer to them: schemas and relations in name order get
 * the same OIDs on every read while the model is unchanged.
 */
record CatalogSnapshot(List<Namespace> namespaces, List<Relation> relations) {
  static final int CATALOG_OID = 11;
  static final int INFORMATION_SCHEMA_OID = 13;
  private static final int FIRST_NAMESPACE_OID = 16384;
  private static final int FIRST_RELATION_OID = 17000;
  /**
   * The first OID of the relations' row types (pg_type's composite types and their array types): above every OID a
   * role can have ({@link PgFunctions#roleOid}: 16384 and 24 bits of a hash), and so above every relation's, schema's,
   * function's and base type's too.
   */
  static final int FIRST_ROW_TYPE_OID = 1 << 25;
  /** Calcite's own schema of JDBC metadata tables, and the root (pg_catalog's tables again), are not PostgreSQL schemas. */
  private static final Set<String> HIDDEN = Set.of("metadata", "");

  record Namespace(int oid, String name) {
  }

  /** A relation; {@code attributes} is empty unless the snapshot was read with columns. */
  record Relation(int oid, Namespace namespace, String name, char kind, String remarks, List<Attribute> attributes) {
    /** pg_class.reltype: the OID of the relation's row type, whose array type's OID is the next one. */
    int rowType() {
      return FIRST_ROW_TYPE_OID + 2 * (oid - FIRST_RELATION_OID);
    }
  }

  /** The OID of the relation whose row type, or its array type, has the OID {@code type}; 0 for any other type. */
  static int relationOfRowType(int type) {
    return type >= FIRST_ROW_TYPE_OID ? FIRST_RELATION_OID + (type - FIRST_ROW_TYPE_OID) / 2 : 0;
  }

  /** Whether {@code type}, the OID of a relation's row type or of its array type, is the array type's. */
  static boolean isRowTypeArray(int type) {
    return type >= FIRST_ROW_TYPE_OID && (type - FIRST_ROW_TYPE_OID) % 2 == 1;
  }

  /** A column: attnum from 1, its type and modifier (numeric precision and scale), its remarks (a formula). */
  record Attribute(int number, String name, PgType type, int typmod, boolean notNull, String remarks) {
  }

  static CatalogSnapshot read(CatalogSource source, DatabaseMetaData md, AccessPolicy policy, boolean withColumns)
      throws SQLException {
    Map<String, Namespace> namespaces = new LinkedHashMap<>();
    int next = FIRST_NAMESPACE_OID;
    for (String name : source.schemas(md, policy)) {
      if (HIDDEN.contains(name) || name.startsWith("_")) { // the store's internal schemas
        continue;
      }
      int oid = switch (name) {
        case PgCatalog.NAME -> CATALOG_OID;
        case InformationSchema.NAME -> INFORMATION_SCHEMA_OID;
        default -> next++;
      };
      if (policy.mayRead(name)) { // the driver lists only these already; the catalogs say so themselves
        namespaces.put(name, new Namespace(oid, name));
      }
    }
    Map<String, List<Attribute>> columns = withColumns ? source.columns(md, policy) : Map.of();
    List<Relation> relations = new ArrayList<>();
    int oid = FIRST_RELATION_OID;
    for (CatalogSource.TableRow table : source.tables(md, policy)) {
      int number = oid++; // numbered in name order: the same for every session of the same policy
      Namespace namespace = namespaces.get(table.schema());
      if (namespace != null) {
        char kind = table.type() != null && table.type().contains("VIEW") ? 'v' : 'r';
        relations.add(new Relation(number, namespace, table.name(), kind, table.remarks(),
            columns.getOrDefault(table.schema() + "." + table.name(), List.of())));
      }
    }
    return new CatalogSnapshot(List.copyOf(namespaces.values()), List.copyOf(relations));
  }

  /** pg_class's own OID, which pg_description.classoid names for relation comments. */
  int pgClassOid() {
    return relations.stream().filter(r -> r.namespace().oid() == CATALOG_OID && r.name().equals("pg_class"))
        .mapToInt(Relation::oid).findFirst().orElse(1259);
  }
}
