package org.marketingsql.pgwire;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.pgwire.CatalogSnapshot.Attribute;
import org.marketingsql.pgwire.CatalogSnapshot.Namespace;
import org.marketingsql.pgwire.CatalogSnapshot.Relation;
import org.marketingsql.sql.PgSqlException;
import org.marketingsql.users.User;

/**
 * The {@code pg_catalog} tables and functions psql, pgJDBC, SQLAlchemy and psqlODBC read when they connect
 * and browse, with PostgreSQL's column names, computed from the driver's DatabaseMetaData (the column
 * remarks, i.e. the metric formulas, are pg_description). Only the schemas the session's
 * {@link AccessPolicy} reads are listed. Also put in the root schema, since clients name them unqualified, relying on the search
 * path. Tables for what the views do not have (indexes, constraints, defaults, rules, triggers …) are
 * there and empty, so the clients' joins find them. {@code pg_index.indkey} (int2vector) is an array clients subscript
 * ({@code indkey[0]}); {@code proargtypes} (oidvector) is its text form. Of pg_type's regproc columns, {@code typreceive}
 * and {@code typsend} are OIDs joining pg_proc (Npgsql's type loading); the others are function names, which
 * {@code 'array_in'::regproc} literals are compared with (pgJDBC), sent as regproc all the same. Every column has the
 * type PostgreSQL 15 declares it as ({@link MetadataTable}).
 */
final class PgCatalog extends AbstractSchema {
  static final String NAME = "pg_catalog";
  static final int DATABASE_OID = 16383;
  static final int DEFAULT_TABLESPACE_OID = 1663;
  private final Map<String, Table> tables;
  private final String userName;
  private final AccessPolicy policy;
  private final CatalogSource source;

  private PgCatalog(Connection connection, String userName, AccessPolicy policy, CatalogSource source, SessionViews views) {
    this.userName = Objects.requireNonNull(userName, "userName");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.source = Objects.requireNonNull(source, "source");
    Map<String, Table> t = new LinkedHashMap<>();
    t.put("pg_namespace", new MetadataTable(connection, "oid:oid nspname:name nspowner:oid nspacl:aclitem[]", md -> {
      List<Object[]> rows = new ArrayList<>();
      for (Namespace n : snapshot(md).namespaces()) {
        rows.add(new Object[] {n.oid(), n.name(), PgFunctions.OWNER_OID, null});
      }
      return rows;
    }));
    t.put("pg_class", new MetadataTable(connection, "oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid"
        + " relowner:oid relam:oid relfilenode:oid reltablespace:oid relpages:int reltuples:real relallvisible:int"
        + " reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char relkind:char relnatts:smallint"
        + " relchecks:smallint relhasrules:bool relhastriggers:bool relhassubclass:bool relrowsecurity:bool"
        + " relforcerowsecurity:bool relispopulated:bool relreplident:char relispartition:bool relrewrite:oid"
        + " relfrozenxid:xid relminmxid:xid relacl:aclitem[] reloptions:text[] relpartbound:pg_node_tree",
        md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : snapshot(md).relations()) {
            rows.add(new Object[] {r.oid(), r.name(), r.namespace().oid(), r.rowType(), 0, PgFunctions.OWNER_OID, 0, 0, 0, 0, -1.0,
                0, 0,
                false, false, "p", String.valueOf(r.kind()), 0, 0, false, false, false, false, false, true,
                r.kind() == 'v' ? "n" : "d", false, 0, 0, 0, null, null, null});
            // relnatts stays 0: counting columns would expand every view for a query that rarely needs it
          }
          return rows;
        }));
    t.put("pg_attribute", new MetadataTable(connection, "attrelid:oid attname:name atttypid:oid attstattarget:int"
        + " attlen:smallint attnum:smallint attndims:int attcacheoff:int atttypmod:int attbyval:bool attalign:char"
        + " attstorage:char attcompression:char attnotnull:bool atthasdef:bool atthasmissing:bool attidentity:char"
        + " attgenerated:char attisdropped:bool attislocal:bool attinhcount:int attcollation:oid attacl:aclitem[]"
        + " attoptions:text[] attfdwoptions:text[] attmissingval:anyarray", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : withColumns(md).relations()) {
            for (Attribute a : r.attributes()) {
              boolean byValue = a.type().size() > 0;
              rows.add(new Object[] {r.oid(), a.name(), a.type().oid(), -1, a.type().size(), a.number(), 0, -1, a.typmod(),
                  byValue, byValue && a.type().size() == 8 ? "d" : "i", byValue ? "p" : "x", "", a.notNull(), false, false,
                  "", "", false, true, 0, 0, null, null, null, null});
            }
          }
          return rows;
        }));
    t.put("pg_description", new MetadataTable(connection, "objoid:oid classoid:oid objsubid:int description:text", md -> {
      CatalogSnapshot s = withColumns(md);
      List<Object[]> rows = new ArrayList<>();
      for (Relation r : s.relations()) {
        if (r.remarks() != null && !r.remarks().isEmpty()) {
          rows.add(new Object[] {r.oid(), s.pgClassOid(), 0, r.remarks()});
        }
        for (Attribute a : r.attributes()) {
          if (a.remarks() != null && !a.remarks().isEmpty()) {
            rows.add(new Object[] {r.oid(), s.pgClassOid(), a.number(), a.remarks()});
          }
        }
      }
      return rows;
    }));
    // the views' SQL, which pg_get_viewdef reads (PgDialect): psql's \\d+ and DBeaver's source tab show it
    t.put("pg_views", new MetadataTable(connection, "schemaname:name viewname:name viewowner:name definition:text", md -> {
      List<Object[]> rows = new ArrayList<>();
      for (Relation r : snapshot(md).relations()) {
        String sql = r.kind() == 'v' ? viewSql(connection, r.namespace().name(), r.name()) : null;
        if (sql != null) {
          rows.add(new Object[] {r.namespace().name(), r.name(), PgFunctions.OWNER, sql});
        }
      }
      return rows;
    }));
    t.put("pg_type", new MetadataTable(connection, "oid:oid typname:name typnamespace:oid typowner:oid typlen:smallint"
        + " typbyval:bool typtype:char typcategory:char typispreferred:bool typisdefined:bool typdelim:char"
        + " typrelid:oid typsubscript:regprocname typelem:oid typarray:oid typinput:regprocname typoutput:regprocname"
        + " typreceive:regproc typsend:regproc typmodin:regprocname typmodout:regprocname typanalyze:regprocname"
        + " typalign:char typstorage:char typnotnull:bool typbasetype:oid typtypmod:int"
        + " typndims:int typcollation:oid typdefaultbin:pg_node_tree typdefault:text typacl:aclitem[]",
        md -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogTypes.Type type : CatalogTypes.all()) {
            boolean byValue = type.byValue();
            rows.add(new Object[] {type.oid(), type.name(), CatalogSnapshot.CATALOG_OID, PgFunctions.OWNER_OID, type.length(),
                byValue, String.valueOf(type.kind()), String.valueOf(type.category()), false, true,
                type.delimiter(), 0, type.subscript(), type.typelem(), type.array(),
                type.functions() + "in", type.functions() + "out",
                type.receive().oid(), type.send().oid(), "-", "-", "-", type.length() == 8 ? "d" : "i", byValue ? "p" : "x",
                false, 0, -1, 0, 0, null, null, null});
          }
          // each relation's row type, a composite type of its name and schema, and the row type's array type
          int recordReceive = CatalogTypes.procedureOid("record_recv");
          int recordSend = CatalogTypes.procedureOid("record_send");
          int arrayReceive = CatalogTypes.procedureOid("array_recv");
          int arraySend = CatalogTypes.procedureOid("array_send");
          for (Relation r : snapshot(md).relations()) {
            int row = r.rowType();
            int nsp = r.namespace().oid();
            rows.add(new Object[] {row, r.name(), nsp, PgFunctions.OWNER_OID, -1, false, "c", "C", false, true, ",", r.oid(),
                "-", 0, row + 1, "record_in", "record_out", recordReceive, recordSend, "-", "-", "-", "d", "x", false, 0, -1,
                0, 0, null, null, null});
            rows.add(new Object[] {row + 1, "_" + r.name(), nsp, PgFunctions.OWNER_OID, -1, false, "b", "A", false, true, ",", 0,
                "array_subscript_handler", row, 0, "array_in", "array_out", arrayReceive, arraySend, "-", "-", "-", "d", "x",
                false, 0, -1, 0, 0, null, null, null});
          }
          return rows;
        }));
    // the receive and send functions pg_type.typreceive and typsend name (Npgsql tells arrays by typreceive's
    // array_recv), and the functions the user may call (CatalogFunctions)
    t.put("pg_proc", new MetadataTable(connection, "oid:oid proname:name pronamespace:oid proowner:oid prolang:oid"
        + " procost:real prorows:real provariadic:oid prosupport:regproc prokind:char prosecdef:bool proleakproof:bool"
        + " proisstrict:bool proretset:bool provolatile:char proparallel:char pronargs:smallint"
        + " pronargdefaults:smallint prorettype:oid proargtypes:oidvector proallargtypes:oid[] proargmodes:char[]"
        + " proargnames:text[] proargdefaults:pg_node_tree protrftypes:oid[] prosrc:text probin:text"
        + " prosqlbody:pg_node_tree proconfig:text[] proacl:aclitem[]",
        md -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogTypes.Procedure f : CatalogTypes.procedures()) {
            rows.add(new Object[] {f.oid(), f.name(), CatalogSnapshot.CATALOG_OID, PgFunctions.OWNER_OID, 12, 1.0, 0.0, 0, 0,
                "f", false, false, true, false, "i", "s", f.arguments(), 0, f.result(), f.argumentTypes(), null, null, null, null,
                null, f.name(), null, null, null, null});
          }
          for (CatalogFunctions.Listed f : CatalogFunctions.of(connection, snapshot(md).namespaces())) {
            rows.add(new Object[] {f.oid(), f.name(), f.namespace(), PgFunctions.OWNER_OID, 12, 1.0, f.rows() ? 1000.0 : 0.0,
                0, 0, "f", false, false, false, f.rows(), "s", "s", f.arguments(), 0, f.result(), f.argumentTypes(),
                f.allArgumentTypes(), f.argumentModes(), f.allArgumentNames(), null, null, f.name(), null, null, null, null});
          }
          return rows;
        }));
    // pg_type lists no range types, so pg_range has no rows
    empty(t, connection, "pg_range", "rngtypid:oid rngsubtype:oid rngmultitypid:oid rngcollation:oid rngsubopc:oid"
        + " rngcanonical:regproc rngsubdiff:regproc");
    // PostgreSQL's statistics view; the views are computed, so they have no scans, tuples or vacuums to count
    t.put("pg_stat_user_tables", new MetadataTable(connection, "relid:oid schemaname:name relname:name seq_scan:bigint"
        + " seq_tup_read:bigint idx_scan:bigint idx_tup_fetch:bigint n_tup_ins:bigint n_tup_upd:bigint n_tup_del:bigint"
        + " n_tup_hot_upd:bigint n_live_tup:bigint n_dead_tup:bigint n_mod_since_analyze:bigint"
        + " n_ins_since_vacuum:bigint last_vacuum:timestamptz last_autovacuum:timestamptz last_analyze:timestamptz"
        + " last_autoanalyze:timestamptz vacuum_count:bigint autovacuum_count:bigint analyze_count:bigint"
        + " autoanalyze_count:bigint", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : snapshot(md).relations()) {
            if (r.namespace().oid() != CatalogSnapshot.CATALOG_OID && r.namespace().oid() != CatalogSnapshot.INFORMATION_SCHEMA_OID) {
              rows.add(new Object[] {r.oid(), r.namespace().name(), r.name(), 0L, 0L, null, null, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                  null, null, null, null, 0L, 0L, 0L, 0L});
            }
          }
          return rows;
        }));
    // PostgreSQL's block I/O statistics view: nothing is read from blocks for a view, so its counts are zero
    t.put("pg_statio_user_tables", new MetadataTable(connection, "relid:oid schemaname:name relname:name"
        + " heap_blks_read:bigint heap_blks_hit:bigint idx_blks_read:bigint idx_blks_hit:bigint toast_blks_read:bigint"
        + " toast_blks_hit:bigint tidx_blks_read:bigint tidx_blks_hit:bigint", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : snapshot(md).relations()) {
            if (!CatalogAnswers.isCatalog(r.namespace().name())) {
              rows.add(new Object[] {r.oid(), r.namespace().name(), r.name(), 0L, 0L, null, null, null, null, null, null});
            }
          }
          return rows;
        }));
    t.put("pg_database", new MetadataTable(connection, "oid:oid datname:name datdba:oid encoding:int"
        + " datlocprovider:char datistemplate:bool datallowconn:bool datconnlimit:int datfrozenxid:xid datminmxid:xid"
        + " dattablespace:oid datcollate:text datctype:text daticulocale:text datcollversion:text datacl:aclitem[]",
        md -> List.<Object[]>of(new Object[] {DATABASE_OID, LocalAnswers.DATABASE, PgFunctions.OWNER_OID, 6, "c", false, true, -1,
            0, 0, DEFAULT_TABLESPACE_OID, "C", "C", null, null, null})));
    // the owner of every object, and the session's own login (never the server's other users)
    t.put("pg_roles", new MetadataTable(connection, "oid:oid rolname:name rolsuper:bool rolinherit:bool"
        + " rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool rolreplication:bool rolconnlimit:int rolpassword:text"
        + " rolvaliduntil:timestamptz rolbypassrls:bool rolconfig:text[]",
        md -> roles(userName).stream().map(name -> new Object[] {
            PgFunctions.roleOid(name), name, false, true, false, false, true, false, -1, "********", null, false, null})
        .toList()));
    // PostgreSQL 15's columns; each setting's boot and reset value is its value here (psql's \\dconfig compares them)
    t.put("pg_settings", new MetadataTable(connection, "name:text setting:text unit:text category:text short_desc:text"
        + " extra_desc:text context:text vartype:text source:text min_val:text max_val:text enumvals:text[]"
        + " boot_val:text reset_val:text sourcefile:text sourceline:int pending_restart:bool", md -> {
          List<Object[]> rows = new ArrayList<>();
          LocalAnswers.parameters(userName).forEach((k, v) -> rows.add(setting(k, v, null, "string")));
          // compile-time limits pgJDBC reads before its key queries (PostgreSQL's defaults)
          rows.add(setting("max_index_keys", "32", "Preset Options", "integer"));
          rows.add(setting("max_identifier_length", "63", "Preset Options", "integer"));
          rows.add(setting("block_size", "8192", "Preset Options", "integer"));
          // the isolation a transaction starts with, which pgJDBC's getDefaultTransactionIsolation reads
          rows.add(setting("default_transaction_isolation", "read committed", null, "enum"));
          return rows;
        }));
    empty(t, connection, "pg_index", "indexrelid:oid indrelid:oid indnatts:smallint indnkeyatts:smallint indisunique:bool"
        + " indnullsnotdistinct:bool indisprimary:bool indisexclusion:bool indimmediate:bool indisclustered:bool"
        + " indisvalid:bool indcheckxmin:bool indisready:bool indislive:bool indisreplident:bool indkey:int2vector"
        + " indcollation:oidvector indclass:oidvector indoption:int2vector indexprs:pg_node_tree indpred:pg_node_tree");
    empty(t, connection, "pg_attrdef", "oid:oid adrelid:oid adnum:smallint adbin:pg_node_tree");
    empty(t, connection, "pg_constraint", "oid:oid conname:name connamespace:oid contype:char condeferrable:bool"
        + " condeferred:bool convalidated:bool conrelid:oid contypid:oid conindid:oid conparentid:oid confrelid:oid"
        + " confupdtype:char confdeltype:char confmatchtype:char conislocal:bool coninhcount:int connoinherit:bool"
        + " conkey:smallint[] confkey:smallint[] conpfeqop:oid[] conppeqop:oid[] conffeqop:oid[]"
        + " confdelsetcols:smallint[] conexclop:oid[] conbin:pg_node_tree");
    empty(t, connection, "pg_inherits", "inhrelid:oid inhparent:oid inhseqno:int inhdetachpending:bool");
    empty(t, connection, "pg_rewrite", "oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool"
        + " ev_qual:pg_node_tree ev_action:pg_node_tree");
    empty(t, connection, "pg_trigger", "oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:smallint tgenabled:char"
        + " tgisinternal:bool tgconstrrelid:oid tgconstrindid:oid tgconstraint:oid tgdeferrable:bool tginitdeferred:bool"
        + " tgnargs:smallint tgattr:int2vector tgargs:bytea tgqual:pg_node_tree tgoldtable:name tgnewtable:name");
    empty(t, connection, "pg_collation", "oid:oid collname:name collnamespace:oid collowner:oid collprovider:char"
        + " collisdeterministic:bool collencoding:int collcollate:text collctype:text colliculocale:text"
        + " collversion:text");
    empty(t, connection, "pg_am", "oid:oid amname:name amhandler:regproc amtype:char");
    empty(t, connection, "pg_enum", "oid:oid enumtypid:oid enumsortorder:real enumlabel:name");
    empty(t, connection, "pg_policy", "oid:oid polname:name polrelid:oid polcmd:char polpermissive:bool polroles:oid[]"
        + " polqual:pg_node_tree polwithcheck:pg_node_tree");
    empty(t, connection, "pg_statistic_ext", "oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid"
        + " stxstattarget:int stxkeys:int2vector stxkind:char[] stxexprs:pg_node_tree");
    empty(t, connection, "pg_publication", "oid:oid pubname:name pubowner:oid puballtables:bool pubinsert:bool"
        + " pubupdate:bool pubdelete:bool pubtruncate:bool pubviaroot:bool");
    empty(t, connection, "pg_publication_rel", "oid:oid prpubid:oid prrelid:oid prqual:pg_node_tree prattrs:int2vector");
    empty(t, connection, "pg_publication_namespace", "oid:oid pnpubid:oid pnnspid:oid");
    empty(t, connection, "pg_partitioned_table", "partrelid:oid partstrat:char partnatts:smallint partdefid:oid"
        + " partattrs:int2vector"
        + " partclass:oidvector partcollation:oidvector partexprs:pg_node_tree");
    empty(t, connection, "pg_foreign_table", "ftrelid:oid ftserver:oid ftoptions:text[]");
    empty(t, connection, "pg_sequence", "seqrelid:oid seqtypid:oid seqstart:bigint seqincrement:bigint seqmax:bigint"
        + " seqmin:bigint seqcache:bigint seqcycle:bool");
    empty(t, connection, "pg_extension", "oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool"
        + " extversion:text extconfig:oid[] extcondition:text[]");
    empty(t, connection, "pg_depend", "classid:oid objid:oid objsubid:int refclassid:oid refobjid:oid refobjsubid:int"
        + " deptype:char");
    t.put("pg_tablespace", new MetadataTable(connection, "oid:oid spcname:name spcowner:oid spcacl:aclitem[] spcoptions:text[]",
        md -> List.<Object[]>of(new Object[] {DEFAULT_TABLESPACE_OID, "pg_default", PgFunctions.OWNER_OID, null, null},
            new Object[] {1664, "pg_global", PgFunctions.OWNER_OID, null, null})));
    empty(t, connection, "pg_shdescription", "objoid:oid classoid:oid description:text");
    // no security labels, and no locks: the port takes none, so no session waits (pgAdmin's dashboard lists them)
    empty(t, connection, "pg_seclabel", "objoid:oid classoid:oid objsubid:int provider:text label:text");
    empty(t, connection, "pg_shseclabel", "objoid:oid classoid:oid provider:text label:text");
    empty(t, connection, "pg_seclabels", "objoid:oid classoid:oid objsubid:int objtype:text objnamespace:oid objname:text"
        + " provider:text label:text");
    empty(t, connection, "pg_locks", "locktype:text database:oid relation:oid page:int tuple:smallint virtualxid:text"
        + " transactionid:xid classid:oid objid:oid objsubid:smallint virtualtransaction:text pid:int mode:text"
        + " granted:bool fastpath:bool waitstart:timestamptz");
    // PostgreSQL's views over pg_class: the tables (pg_tables; the views are pg_views), and no materialized views,
    // indexes or sequences, which the driver does not have (Metabase's privileges check unites the three lists)
    t.put("pg_tables", new MetadataTable(connection, "schemaname:name tablename:name tableowner:name tablespace:name"
        + " hasindexes:bool hasrules:bool hastriggers:bool rowsecurity:bool", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : snapshot(md).relations()) {
            if (r.kind() == 'r' || r.kind() == 'p') {
              rows.add(new Object[] {r.namespace().name(), r.name(), PgFunctions.OWNER, null, false, false, false, false});
            }
          }
          return rows;
        }));
    empty(t, connection, "pg_matviews", "schemaname:name matviewname:name matviewowner:name tablespace:name"
        + " hasindexes:bool ispopulated:bool definition:text");
    empty(t, connection, "pg_indexes", "schemaname:name tablename:name indexname:name tablespace:name indexdef:text");
    empty(t, connection, "pg_sequences", "schemaname:name sequencename:name sequenceowner:name data_type:regtype"
        + " start_value:bigint min_value:bigint max_value:bigint increment_by:bigint cycle:bool cache_size:bigint"
        + " last_value:bigint");
    // the roles pg_roles lists, as pg_user shows them (Npgsql's GetSchema Databases, Users and Indexes join it)
    t.put("pg_user", new MetadataTable(connection, "usename:name usesysid:oid usecreatedb:bool usesuper:bool"
        + " userepl:bool usebypassrls:bool passwd:text valuntil:timestamptz useconfig:text[]",
        md -> roles(userName).stream().map(name ->
            new Object[] {name, PgFunctions.roleOid(name), false, false, false, false, "********", null, null}).toList()));
    // what PostgreSQL shows a superuser only: a user who is not one is refused (42501), as here every user is
    refused(t, connection, "pg_authid", "oid:oid rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool"
        + " rolcreatedb:bool rolcanlogin:bool rolreplication:bool rolbypassrls:bool rolconnlimit:int rolpassword:text"
        + " rolvaliduntil:timestamptz");
    refused(t, connection, "pg_shadow", "usename:name usesysid:oid usecreatedb:bool usesuper:bool userepl:bool"
        + " usebypassrls:bool passwd:text valuntil:timestamptz useconfig:text[]");
    refused(t, connection, "pg_statistic", STATISTIC);
    refused(t, connection, "pg_user_mapping", "oid:oid umuser:oid umserver:oid umoptions:text[]");
    empty(t, connection, "pg_auth_members", "roleid:oid member:oid grantor:oid admin_option:bool");
    // the languages every PostgreSQL has; pg_proc's functions are internal (12)
    t.put("pg_language", new MetadataTable(connection, "oid:oid lanname:name lanowner:oid lanispl:bool"
        + " lanpltrusted:bool lanplcallfoid:oid laninline:oid lanvalidator:oid lanacl:aclitem[]", md -> List.<Object[]>of(
            new Object[] {12, "internal", PgFunctions.OWNER_OID, false, false, 0, 0, 0, null},
            new Object[] {13, "c", PgFunctions.OWNER_OID, false, false, 0, 0, 0, null},
            new Object[] {14, "sql", PgFunctions.OWNER_OID, false, true, 0, 0, 0, null})));
    // what psql's \\dc, \\dC, \\do, \\dAc, \\dF, \\dRs, \\deu and \\drds read: none of these objects exist here
    empty(t, connection, "pg_conversion", "oid:oid conname:name connamespace:oid conowner:oid conforencoding:int"
        + " contoencoding:int conproc:regproc condefault:bool");
    empty(t, connection, "pg_cast", "oid:oid castsource:oid casttarget:oid castfunc:oid castcontext:char castmethod:char");
    empty(t, connection, "pg_operator", "oid:oid oprname:name oprnamespace:oid oprowner:oid oprkind:char"
        + " oprcanmerge:bool oprcanhash:bool oprleft:oid oprright:oid oprresult:oid oprcom:oid oprnegate:oid"
        + " oprcode:regproc oprrest:regproc oprjoin:regproc");
    empty(t, connection, "pg_opclass", "oid:oid opcmethod:oid opcname:name opcnamespace:oid opcowner:oid opcfamily:oid"
        + " opcintype:oid opcdefault:bool opckeytype:oid");
    empty(t, connection, "pg_opfamily", "oid:oid opfmethod:oid opfname:name opfnamespace:oid opfowner:oid");
    empty(t, connection, "pg_ts_config", "oid:oid cfgname:name cfgnamespace:oid cfgowner:oid cfgparser:oid");
    empty(t, connection, "pg_ts_parser", "oid:oid prsname:name prsnamespace:oid prsstart:regproc prstoken:regproc"
        + " prsend:regproc prsheadline:regproc prslextype:regproc");
    empty(t, connection, "pg_subscription", "oid:oid subdbid:oid subskiplsn:pg_lsn subname:name subowner:oid"
        + " subenabled:bool subbinary:bool substream:bool subtwophasestate:char subdisableonerr:bool subconninfo:text"
        + " subslotname:name subsynccommit:text subpublications:text[]");
    empty(t, connection, "pg_user_mappings", "umid:oid srvid:oid srvname:name umuser:oid usename:name umoptions:text[]");
    empty(t, connection, "pg_db_role_setting", "setdatabase:oid setrole:oid setconfig:text[]");
    empty(t, connection, "pg_event_trigger", "oid:oid evtname:name evtevent:name evtowner:oid evtfoid:oid"
        + " evtenabled:char evttags:text[]");
    empty(t, connection, "pg_foreign_data_wrapper", "oid:oid fdwname:name fdwowner:oid fdwhandler:oid fdwvalidator:oid"
        + " fdwacl:aclitem[] fdwoptions:text[]");
    empty(t, connection, "pg_foreign_server", "oid:oid srvname:name srvowner:oid srvfdw:oid srvtype:text"
        + " srvversion:text srvacl:aclitem[] srvoptions:text[]");
    empty(t, connection, "pg_default_acl", "oid:oid defaclrole:oid defaclnamespace:oid defaclobjtype:char defaclacl:aclitem[]");
    empty(t, connection, "pg_aggregate", "aggfnoid:regproc aggkind:char aggnumdirectargs:smallint aggtransfn:regproc"
        + " aggfinalfn:regproc aggtranstype:oid agginitval:text");
    // the session's own cursors, as the view lists those DECLARE opened
    t.put("pg_cursors", new MetadataTable(connection, "name:text statement:text is_holdable:bool is_binary:bool"
        + " is_scrollable:bool creation_time:timestamptz", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Cursors.Listed c : views.cursors().get()) {
            rows.add(new Object[] {c.name(), c.statement(), c.holdable(), c.binary(), c.scrollable(),
                local(connection, c.created())});
          }
          return rows;
        }));
    // the sessions of the session's own user (their statements included), never another user's, as
    // PostgreSQL 15's columns and types; the address, port and start are the client's
    t.put("pg_stat_activity", new MetadataTable(connection, "datid:oid datname:name pid:int leader_pid:int usesysid:oid"
        + " usename:name application_name:text client_addr:inet client_hostname:text client_port:int"
        + " backend_start:timestamptz xact_start:timestamptz query_start:timestamptz state_change:timestamptz"
        + " wait_event_type:text wait_event:text state:text backend_xid:xid backend_xmin:xid query_id:bigint query:text"
        + " backend_type:text", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (SessionActivity.Row a : views.activity().get()) {
            rows.add(new Object[] {DATABASE_OID, LocalAnswers.DATABASE, a.pid(), null, PgFunctions.roleOid(a.user()),
                a.user(), a.applicationName(), a.clientAddress(), null, a.clientPort(),
                local(connection, a.backendStart()), local(connection, a.xactStart()), local(connection, a.queryStart()),
                local(connection, a.stateChange()), null, null, a.state(), null, null,
                null, a.query(), "client backend"});
          }
          return rows;
        }));
    // the one database, with what the port counts of the user's own sessions (pgAdmin's dashboard graphs): their
    // number, their transactions, the rows their statements returned and their logins; the store's block and
    // timing figures are not the port's to know, and nothing is ever written
    t.put("pg_stat_database", new MetadataTable(connection, "datid:oid datname:name numbackends:int xact_commit:bigint"
        + " xact_rollback:bigint blks_read:bigint blks_hit:bigint tup_returned:bigint tup_fetched:bigint"
        + " tup_inserted:bigint tup_updated:bigint tup_deleted:bigint conflicts:bigint temp_files:bigint"
        + " temp_bytes:bigint deadlocks:bigint checksum_failures:bigint checksum_last_failure:timestamptz"
        + " blk_read_time:double blk_write_time:double session_time:double active_time:double"
        + " idle_in_transaction_time:double sessions:bigint sessions_abandoned:bigint sessions_fatal:bigint"
        + " sessions_killed:bigint stats_reset:timestamptz", md -> {
          UserCounts.Totals counts = views.counts().get();
          return List.<Object[]>of(new Object[] {DATABASE_OID, LocalAnswers.DATABASE, views.activity().get().size(),
              counts.commits(), counts.rollbacks(), 0, 0, counts.rowsReturned(), 0, 0, 0, 0, 0, 0, 0, 0, null, null,
              0.0, 0.0, 0.0, 0.0, 0.0, counts.sessions(), 0, 0, 0, null});
        }));
    // the session's own prepared statements, named ones (Parse's unnamed statement is not listed, as in PostgreSQL)
    t.put("pg_prepared_statements", new MetadataTable(connection, "name:text statement:text prepare_time:timestamptz"
        + " parameter_types:regtype[] from_sql:bool generic_plans:bigint custom_plans:bigint", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (ListedStatement p : views.prepared().get()) {
            rows.add(new Object[] {p.name(), p.statement(), local(connection, p.prepared()),
                p.parameterTypes().toArray(new Integer[0]), p.fromSql(), 0L, p.runs()});
          }
          return rows;
        }));
    this.tables = Map.copyOf(t);
  }

  /**
   * A {@code timestamptz} column's value ({@link MetadataTable}): the local time of {@code at} in the session's time
   * zone (its driver connection's {@code timeZone}), as a TIMESTAMP holds it, which the port sends with the zone's
   * offset ({@link PgType#TIMESTAMPTZ}); null for null.
   */
  static Long local(Connection connection, java.time.Instant at) throws SQLException {
    if (at == null) {
      return null;
    }
    String zone = connection.isWrapperFor(CalciteConnection.class)
        ? connection.unwrap(CalciteConnection.class).getProperties().getProperty("timeZone") : null;
    java.time.ZoneId id = zone == null ? java.time.ZoneOffset.UTC : java.util.TimeZone.getTimeZone(zone).toZoneId();
    return java.time.LocalDateTime.ofInstant(at, id).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
  }

  /** A pg_settings row: the value, and the same as its boot and reset value. */
  private static Object[] setting(String name, String value, String category, String type) {
    return new Object[] {name, value, null, category, null, null, category == null ? "user" : "internal", type,
        "default", null, null, null, value, value, null, null, false};
  }

  private static void empty(Map<String, Table> tables, Connection connection, String name, String spec) {
    tables.put(name, new MetadataTable(connection, spec, md -> List.of()));
  }

  /** pg_statistic's columns: the column's figures, then five slots of kind, operator, collation, numbers, values. */
  private static final String STATISTIC = "starelid:oid staattnum:smallint stainherit:bool stanullfrac:real"
      + " stawidth:int stadistinct:real" + slots("stakind%d:smallint") + slots("staop%d:oid") + slots("stacoll%d:oid")
      + slots("stanumbers%d:real[]") + slots("stavalues%d:anyarray");

  private static String slots(String format) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      out.append(' ').append(String.format(Locale.ROOT, format, i));
    }
    return out.toString();
  }

  /**
   * A catalog PostgreSQL refuses to a user who is not a superuser: its columns, so a statement naming it is
   * planned, and PostgreSQL's {@code 42501} when it is read.
   */
  private static void refused(Map<String, Table> tables, Connection connection, String name, String spec) {
    tables.put(name, new MetadataTable(connection, spec, md -> {
      throw new PgSqlException("42501", "permission denied for table " + name);
    }));
  }

  /**
   * The text of {@code oid} as the OID type {@code type} writes it, as this session's catalog lists the object
   * ({@code connection}: the session's driver connection): a relation's name, qualified with its schema's unless that
   * is pg_catalog or the session's schema, a type's as format_type gives it, a schema's, a role's, a function's; each
   * name quoted where it needs to be. The number for an object the session's catalog does not list.
   */
  static String objectName(Connection connection, PgType type, int oid) throws SQLException {
    String number = Integer.toUnsignedString(oid);
    SchemaPlus schema = connection == null || !connection.isWrapperFor(CalciteConnection.class) ? null
        : connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(NAME);
    PgCatalog catalog = schema == null ? null : schema.unwrap(PgCatalog.class);
    if (catalog == null) {
      return number;
    }
    switch (type) {
      case REGTYPE -> {
        if (CatalogSnapshot.relationOfRowType(oid) != 0) {
          return catalog.rowTypeName(connection, oid).orElse(number);
        }
        return CatalogTypes.all().stream().anyMatch(t -> t.oid() == oid) ? PgFunctions.format_type(oid, null) : number;
      }
      case REGPROC -> {
        if (oid == 0) {
          return "-"; // no function, as regproc writes it
        }
        return CatalogTypes.procedures().stream().filter(p -> p.oid() == oid).map(p -> PgFunctions.quote_ident(p.name()))
            .findFirst().orElse(number);
      }
      case REGPROCEDURE -> {
        return catalog.procedure(connection, oid).orElse(number);
      }
      case REGROLE -> {
        return roles(catalog.userName).stream().filter(r -> PgFunctions.roleOid(r) == oid).map(PgFunctions::quote_ident)
            .findFirst().orElse(number);
      }
      case REGNAMESPACE -> {
        return catalog.snapshot(connection.getMetaData()).namespaces().stream().filter(n -> n.oid() == oid)
            .map(n -> PgFunctions.quote_ident(n.name())).findFirst().orElse(number);
      }
      case REGCLASS -> {
        String searched = connection.getSchema();
        for (Relation r : catalog.snapshot(connection.getMetaData()).relations()) {
          if (r.oid() == oid) {
            String nsp = r.namespace().name();
            return (nsp.equals(NAME) || nsp.equals(searched) ? "" : PgFunctions.quote_ident(nsp) + ".")
                + PgFunctions.quote_ident(r.name());
          }
        }
        return number;
      }
      default -> throw new IllegalArgumentException(type + " is no OID type of a named object");
    }
  }

  /**
   * The row type {@code oid} (or its array type) of a relation this session's catalog lists, as regtype writes it: the
   * relation's name, qualified unless it is in pg_catalog or the session's schema, with {@code []} for the array type.
   */
  private java.util.Optional<String> rowTypeName(Connection connection, int oid) throws SQLException {
    int relation = CatalogSnapshot.relationOfRowType(oid);
    String searched = connection.getSchema();
    for (Relation r : snapshot(connection.getMetaData()).relations()) {
      if (r.oid() == relation) {
        String nsp = r.namespace().name();
        return java.util.Optional.of((nsp.equals(NAME) || nsp.equals(searched) ? "" : PgFunctions.quote_ident(nsp) + ".")
            + PgFunctions.quote_ident(r.name()) + (CatalogSnapshot.isRowTypeArray(oid) ? "[]" : ""));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The function {@code oid} as regprocedure writes it, {@code name(type,type)}, qualified with its schema's name unless
   * that is pg_catalog or the session's schema; empty for a function pg_proc does not list for this session.
   */
  private java.util.Optional<String> procedure(Connection connection, int oid) throws SQLException {
    for (CatalogTypes.Procedure p : CatalogTypes.procedures()) {
      if (p.oid() == oid) {
        return java.util.Optional.of(signature(PgFunctions.quote_ident(p.name()), p.argumentTypes()));
      }
    }
    List<Namespace> namespaces = snapshot(connection.getMetaData()).namespaces();
    String searched = connection.getSchema();
    for (CatalogFunctions.Listed f : CatalogFunctions.of(connection, namespaces)) {
      if (f.oid() == oid) {
        String nsp = namespaces.stream().filter(n -> n.oid() == f.namespace()).map(Namespace::name).findFirst().orElse(NAME);
        String prefix = nsp.equals(NAME) || nsp.equals(searched) ? "" : PgFunctions.quote_ident(nsp) + ".";
        return java.util.Optional.of(prefix + signature(PgFunctions.quote_ident(f.name()), f.argumentTypes()));
      }
    }
    return java.util.Optional.empty();
  }

  /** {@code name(type,type)} of a function's argument types as oidvector's text. */
  private static String signature(String name, String argumentTypes) {
    List<String> types = new ArrayList<>();
    for (String type : argumentTypes.strip().split("\\s+")) {
      if (!type.isEmpty()) {
        types.add(PgFunctions.format_type(Integer.valueOf(type), null));
      }
    }
    return name + "(" + String.join(",", types) + ")";
  }

  /**
   * pg_class's OID of the catalog table {@code name} of pg_catalog in this session's catalog ({@code connection}: the
   * session's driver connection), what its {@code tableoid} is; empty for a name that is no catalog table of it.
   */
  static java.util.OptionalInt tableOid(Connection connection, String name) throws SQLException {
    SchemaPlus schema = connection == null || !connection.isWrapperFor(CalciteConnection.class) ? null
        : connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(NAME);
    PgCatalog catalog = schema == null ? null : schema.unwrap(PgCatalog.class);
    if (catalog == null || !catalog.tables.containsKey(name)) {
      return java.util.OptionalInt.empty();
    }
    return catalog.snapshot(connection.getMetaData()).relations().stream()
        .filter(r -> r.namespace().oid() == CatalogSnapshot.CATALOG_OID && r.name().equals(name))
        .mapToInt(Relation::oid).findFirst();
  }

  /** The roles a session sees: the owner of every object, and its own login's. */
  static List<String> roles(String userName) {
    return userName.equals(PgFunctions.OWNER) ? List.of(PgFunctions.OWNER) : List.of(PgFunctions.OWNER, userName);
  }

  /** A view's SQL as the driver defines it, or null for a relation that is not a Calcite view. */
  static String viewSql(Connection connection, String schema, String name) throws SQLException {
    if (!connection.isWrapperFor(CalciteConnection.class)) {
      return null;
    }
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    for (SchemaPlus candidate : new SchemaPlus[] {root.getSubSchema(schema), subSchema(root, LocalAnswers.DEFAULT_SCHEMA, schema)}) {
      Table table = candidate == null ? null : candidate.getTable(name);
      if (table instanceof ViewTable view) {
        return view.getViewSql().strip();
      }
    }
    return null;
  }

  /**
   * The type PostgreSQL declares the catalog column {@code schema.table.column} as where Calcite's type does not tell
   * it ({@link MetadataTable#declaredType}); null for any other column. An empty {@code schema} is the root, where the
   * catalog's tables are also put.
   */
  static PgType declaredType(Connection connection, String schema, String table, String column) throws SQLException {
    if (table == null || column == null || !connection.isWrapperFor(CalciteConnection.class)) {
      return null;
    }
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    SchemaPlus holder = schema == null || schema.isEmpty() ? root : root.getSubSchema(schema);
    Table found = holder == null ? null : holder.getTable(table);
    return found instanceof MetadataTable catalogTable ? catalogTable.declaredType(column) : null;
  }

  /** The type pg_catalog's {@code table} sends {@code column} as ({@link MetadataTable#resultType}); null for any other. */
  static PgType columnType(Connection connection, String table, String column) throws SQLException {
    if (!connection.isWrapperFor(CalciteConnection.class)) {
      return null;
    }
    SchemaPlus catalog = connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(NAME);
    Table found = catalog == null ? null : catalog.getTable(table);
    return found instanceof MetadataTable catalogTable ? catalogTable.resultType(column) : null;
  }

  private static SchemaPlus subSchema(SchemaPlus root, String parent, String name) {
    SchemaPlus outer = root.getSubSchema(parent);
    return outer == null ? null : outer.getSubSchema(name);
  }

  private CatalogSnapshot snapshot(DatabaseMetaData md) throws SQLException {
    return CatalogSnapshot.read(source, md, policy, false);
  }

  private CatalogSnapshot withColumns(DatabaseMetaData md) throws SQLException {
    return CatalogSnapshot.read(source, md, policy, true);
  }

  /**
   * Adds the schema, its tables unqualified and its functions to {@code connection}'s root; the views of the server's
   * sessions (pg_cursors, pg_prepared_statements, pg_stat_activity, pg_stat_database) list {@code views}.
   */
  static void install(Connection connection, User user, AccessPolicy policy, CatalogSource source, SessionViews views)
      throws SQLException {
    install(connection, user.name(), policy, source, views);
  }

  /** {@link #install} for {@code userName}, whose settings pg_settings lists. */
  static void install(Connection connection, String userName, AccessPolicy policy, CatalogSource source,
      SessionViews views) throws SQLException {
    if (connection.isWrapperFor(CalciteConnection.class)) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      PgCatalog catalog = new PgCatalog(connection, userName, policy, source, views);
      root.add(NAME, catalog);
      catalog.tables.forEach(root::add);
      PgFunctions.functions().forEach((name, overloads) -> overloads.forEach(f -> root.add(name, f)));
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    ImmutableMultimap.Builder<String, Function> b = ImmutableMultimap.builder();
    PgFunctions.functions().forEach(b::putAll);
    return b.build();
  }
}
