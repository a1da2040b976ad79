package org.marketingsql.pgwire;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.marketingsql.sql.PgSqlException;
import org.marketingsql.sql.PgTexts;

/**
 * PostgreSQL's catalog functions that clients call while browsing, as Calcite user-defined functions
 * (public, since Calcite's generated code calls them). Each answers for this server: one owner, every
 * visible object readable (pg_catalog shows a user only the schemas they may read), no defaults, rules
 * or index definitions (the finance views have none).
 */
public final class PgFunctions {
  /** The role that owns every object, as pg_roles lists it. */
  static final String OWNER = "marketing";
  static final int OWNER_OID = 10;
  /** Compiled regular expressions by flags and text; clients choose the texts, so the cache has a bound. */
  private static final BoundedCache<String, Pattern> PATTERNS = new BoundedCache<>(256);

  private PgFunctions() {
  }

  /** Every public static method here, by its PostgreSQL name (the Java name, with overloads). */
  static Map<String, List<Function>> functions() {
    Map<String, List<Function>> out = new HashMap<>();
    for (Method m : PgFunctions.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
        out.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(ScalarFunctionImpl.create(m));
      }
    }
    return out;
  }

  /** {@code format_type(oid, typmod)}: the SQL name of a type, with its precision where the modifier gives one. */
  public static String format_type(Integer oid, Integer typmod) {
    if (oid == null) {
      return null;
    }
    PgType type = PgType.ofOid(oid);
    if (type == null) {
      return CatalogTypes.name(oid);
    }
    int mod = typmod == null ? -1 : typmod;
    if (type == PgType.NUMERIC && mod >= 4) {
      return "numeric(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")";
    }
    if (type == PgType.VARCHAR && mod >= 4) {
      return "character varying(" + (mod - 4) + ")";
    }
    return type.sqlName();
  }

  /**
   * {@code format_type(oid, typmod)} as a session's catalog answers it: a relation's row type (or its array type) among
   * {@code relations} as {@link #regclass_oid(String, String, String)} takes them is the relation's name, qualified
   * unless it is in pg_catalog or {@code schema} ({@code []} after it for the array type); {@code ???} for the row type
   * of a relation not listed, as PostgreSQL writes a type it does not know; any other type as
   * {@link #format_type(Integer, Integer)} writes it.
   */
  public static String format_type(Integer oid, Integer typmod, String schema, String relations) {
    if (oid == null || CatalogSnapshot.relationOfRowType(oid) == 0) {
      return format_type(oid, typmod);
    }
    int relation = CatalogSnapshot.relationOfRowType(oid);
    String name = regclass_text(relation, schema, relations);
    if (name.equals(Integer.toUnsignedString(relation))) {
      return "???";
    }
    return name + (CatalogSnapshot.isRowTypeArray(oid) ? "[]" : "");
  }

  /**
   * A catalog table's {@code xmin} ({@link PgDialect#tableOids}): {@code value} as it is; a result column of it is
   * PostgreSQL's {@code xid} ({@link org.marketingsql.sql.PgOidTypes#CASTS}).
   */
  public static Integer xid_value(Integer value) {
    return value;
  }

  /**
   * {@code name::regclass}: {@code found}, the OID the look-up of pg_class gave for {@code name}, or the number
   * {@code name} is; a name that was not found is PostgreSQL's {@code 42P01}.
   */
  public static Integer regclass_oid(String name, Integer found) {
    if (name == null || found != null) {
      return found;
    }
    String digits = name.strip();
    if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Integer.valueOf(digits);
    }
    throw new PgSqlException("42P01", "relation \"" + name + "\" does not exist");
  }

  /** {@code x::regtype} of an oid or integer expression: the OID as it is; a result column of it writes the type's name. */
  public static Integer regtype_oid(Integer oid) {
    return oid;
  }

  /** {@code x::regproc} of an oid or integer expression: the OID as it is; a result column of it writes the function's name. */
  public static Integer regproc_oid(Integer oid) {
    return oid;
  }

  /** {@code x::regproc} of a function's name (pg_type's typinput and the like hold names here): the name as it is. */
  public static String regproc_oid(String name) {
    return name;
  }

  /**
   * {@code x::regprocedure} of an oid or integer expression: the OID as it is; a result column of it writes the
   * function's name with its argument types.
   */
  public static Integer regprocedure_oid(Integer oid) {
    return oid;
  }

  /**
   * {@code 'f(type, …)'::regprocedure}: {@code found}, the OID the look-up of pg_proc gave for {@code signature}; a
   * function the user may not call, or none of that name and argument types, is PostgreSQL's {@code 42883}.
   */
  public static Integer regprocedure_oid(String signature, Integer found) {
    if (signature == null || found != null) {
      return found;
    }
    throw new PgSqlException("42883", "function \"" + signature + "\" does not exist");
  }

  /** {@code x::regnamespace}: the OID as it is; a result column of it writes the schema's name. */
  public static Integer regnamespace_oid(Integer oid) {
    return oid;
  }

  /** {@code x::regrole}: the OID as it is; a result column of it writes the role's name. */
  public static Integer regrole_oid(Integer oid) {
    return oid;
  }

  /**
   * {@code x::regclass::text}: the relation's name as a regclass result column writes it, among {@code relations} as
   * {@link #regclass_oid(String, String, String)} takes them, qualified unless it is in pg_catalog or {@code schema};
   * the number for a relation not listed.
   */
  public static String regclass_text(Integer oid, String schema, String relations) {
    if (oid == null) {
      return null;
    }
    String all = relations == null ? "" : relations;
    for (int at = 0; at < all.length(); ) {
      int space = all.indexOf(' ', at);
      int end = entryEnd(all, space + 1);
      if (all.substring(at, space).equals(String.valueOf(oid))) {
        List<String> entry = PgTexts.parseIdent(all.substring(space + 1, end));
        String nsp = entry.get(0);
        return (nsp.equals(PgCatalog.NAME) || nsp.equals(schema) ? "" : quote_ident(nsp) + ".") + quote_ident(entry.get(1));
      }
      at = end + 1;
    }
    return Integer.toUnsignedString(oid);
  }

  /** {@code oid::regclass} of an oid or integer expression: the OID as it is, as PostgreSQL keeps it, listed or not. */
  public static Integer regclass_oid(Integer oid, String schema, String relations) {
    return oid;
  }

  /**
   * {@code name::regclass} for a text computed per row: the OID of the relation it names among
   * {@code relations} ({@code oid schema.relation} entries, names as quote_ident gives them, joined by commas:
   * what the user may read), an unqualified name in pg_catalog and then in {@code schema}. A text is a name even
   * when it is digits, as PostgreSQL's text to regclass cast reads it; only an untyped literal may spell an OID.
   */
  public static Integer regclass_oid(String name, String schema, String relations) {
    if (name == null) {
      return null;
    }
    if (name.isBlank()) {
      throw new PgSqlException("42602", "invalid name syntax");
    }
    List<String> parts = name.strip().chars().allMatch(c -> c >= '0' && c <= '9') ? List.of(name.strip()) : relationName(name);
    String relname = parts.get(parts.size() - 1);
    List<String> schemas = parts.size() > 1 ? List.of(parts.get(parts.size() - 2)) : List.of(PgCatalog.NAME, schema);
    Map<String, Integer> oids = new HashMap<>();
    String all = relations == null ? "" : relations;
    for (int at = 0; at < all.length(); ) {
      int space = all.indexOf(' ', at);
      int end = entryEnd(all, space + 1);
      List<String> entry = PgTexts.parseIdent(all.substring(space + 1, end));
      oids.put(entry.get(0) + "\u0000" + entry.get(1), Integer.valueOf(all.substring(at, space)));
      at = end + 1;
    }
    for (String s : schemas) {
      Integer oid = oids.get(s + "\u0000" + relname);
      if (oid != null) {
        return oid;
      }
    }
    throw new PgSqlException("42P01", "relation \"" + name + "\" does not exist");
  }

  /**
   * {@code to_regtype(name)}: the OID of the type the text names (psycopg 3's TypeInfo.fetch), or null where pg_type
   * has none, as PostgreSQL answers a type it does not know.
   */
  public static Integer to_regtype(String name) {
    return name == null ? null : CatalogTypes.oidOf(name).orElse(null);
  }

  /** Where the qualified name starting at {@code from} ends: the first comma outside double quotes. */
  private static int entryEnd(String text, int from) {
    boolean quoted = false;
    for (int k = from; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return k;
      }
    }
    return text.length();
  }

  /** The relation's name in a regclass name ({@code schema.table}, parts quoted or not); null for null. */
  static String regclass_relname(String name) {
    List<String> parts = regclassParts(name);
    return parts == null ? null : parts.get(parts.size() - 1);
  }

  /** The schema a regclass name names, or {@code searched} when it names none. */
  static String regclass_nspname(String name, String searched) {
    List<String> parts = regclassParts(name);
    return parts == null || parts.size() < 2 ? searched : parts.get(parts.size() - 2);
  }

  private static List<String> regclassParts(String name) {
    if (name == null || name.isBlank() || name.strip().chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null; // a number is an OID, no name
    }
    return relationName(name);
  }

  private static List<String> relationName(String name) {
    try {
      return PgTexts.parseIdent(name);
    } catch (PgSqlException e) {
      throw new PgSqlException("42602", "invalid name syntax: " + name);
    }
  }

  /** Whether {@code text} has a match of the POSIX regular expression {@code pattern} ({@code ~}). */
  public static Boolean textregexeq(String text, String pattern) {
    return text == null || pattern == null ? null : pattern(pattern, 0).matcher(text).find();
  }

  /** Case-insensitive {@code ~*}. */
  public static Boolean texticregexeq(String text, String pattern) {
    return text == null || pattern == null ? null : pattern(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
  }

  private static Pattern pattern(String regex, int flags) {
    try {
      return PATTERNS.get(flags + ":" + regex, k -> Pattern.compile(regex, flags));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression: " + regex, e);
    }
  }

  /** How many compiled patterns are kept. */
  static int cachedPatterns() {
    return PATTERNS.size();
  }

  /**
   * A role's OID as pg_roles, pg_user and pg_stat_activity give it: the owner's 10, a login's a number of its name
   * from 16384 on (where PostgreSQL numbers the roles it creates), the same on every server and session.
   */
  static int roleOid(String name) {
    if (name.equals(OWNER)) {
      return OWNER_OID;
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return 16384 + (int) (crc.getValue() & 0xFFFFFF);
  }

  public static String pg_get_userbyid(Integer oid) {
    return oid == null ? null : oid == OWNER_OID ? OWNER : "unknown (OID=" + oid + ")";
  }

  /**
   * {@code pg_get_userbyid(oid)} among {@code roles} ({@code oid name} entries, names as quote_ident gives them,
   * joined by commas: what pg_roles lists the session), as PostgreSQL answers it: the role's name, or
   * {@code unknown (OID=n)} for an OID no listed role has.
   */
  public static String pg_get_userbyid(Integer oid, String roles) {
    if (oid == null) {
      return null;
    }
    String all = roles == null ? "" : roles;
    for (int at = 0; at < all.length(); ) {
      int space = all.indexOf(' ', at);
      int end = entryEnd(all, space + 1);
      if (all.substring(at, space).equals(String.valueOf(oid))) {
        return PgTexts.parseIdent(all.substring(space + 1, end)).get(0);
      }
      at = end + 1;
    }
    return pg_get_userbyid(oid);
  }

  /**
   * pg_catalog lists only what the session's user may read, so whatever a client finds it may read, and nothing more:
   * the server is read-only, so of PostgreSQL's privileges only the reading ones hold (SELECT of a table or column,
   * USAGE of a schema, CONNECT to the database, EXECUTE of a function); INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES,
   * TRIGGER, CREATE, TEMPORARY and any privilege WITH GRANT OPTION do not. As in PostgreSQL, a list ("SELECT, INSERT")
   * holds when one of its privileges does.
   */
  static Boolean reads(String privilege) {
    if (privilege == null) {
      return null;
    }
    for (String one : privilege.split(",")) {
      String p = one.strip().toLowerCase(java.util.Locale.ROOT);
      if (Set.of("select", "usage", "connect", "execute").contains(p)) {
        return true;
      }
    }
    return false;
  }

  public static Boolean has_table_privilege(Object table, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_table_privilege(Object user, Object table, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_schema_privilege(Object schema, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_schema_privilege(Object user, Object schema, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_database_privilege(Object database, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_database_privilege(Object user, Object database, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_column_privilege(Object table, Object column, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_column_privilege(Object user, Object table, Object column, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_any_column_privilege(Object table, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_any_column_privilege(Object user, Object table, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_function_privilege(Object function, String privilege) {
    return reads(privilege);
  }

  public static Boolean has_function_privilege(Object user, Object function, String privilege) {
    return reads(privilege);
  }

  /** The server is never a standby replaying a primary's log (DBeaver asks on connect). */
  public static Boolean pg_is_in_recovery() {
    return false;
  }

  /** The client encoding, which the server keeps at UTF8 (Tableau's psqlODBC asks on connect). */
  public static String pg_client_encoding() {
    return "UTF8";
  }

  /** Scans of an index: there are no indexes (DBeaver's index loader). */
  public static Long pg_stat_get_numscans(Integer oid) {
    return oid == null ? null : 0L;
  }

  /** The port has no temporary schemas, so no schema is another session's temporary one (dbt's catalog asks). */
  public static Boolean pg_is_other_temp_schema(Integer oid) {
    return oid == null ? null : false;
  }

  /**
   * {@code pg_cancel_backend(pid)} wherever a statement calls it (for each row of pg_stat_activity): the statement of
   * the session {@code pid} is cancelled if it is the user's own ({@link StatementSignals}).
   */
  public static Boolean pg_cancel_backend(Integer pid) {
    return StatementSignals.send(pid, false);
  }

  /** {@code pg_terminate_backend(pid)} wherever a statement calls it: the user's own session {@code pid} is closed. */
  public static Boolean pg_terminate_backend(Integer pid) {
    return StatementSignals.send(pid, true);
  }

  /** {@code pg_terminate_backend(pid, timeout)}: as without the timeout, which the port does not wait for. */
  public static Boolean pg_terminate_backend(Integer pid, Long timeout) {
    return StatementSignals.send(pid, true);
  }

  /** Every schema is on the search path (a client sees only what it may read anyway). */
  public static Boolean pg_table_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_type_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_function_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_operator_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_opclass_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_conversion_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_ts_config_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_collation_is_visible(Integer oid) {
    return oid != null;
  }

  public static Boolean pg_statistics_obj_is_visible(Integer oid) {
    return oid != null;
  }

  /** The database's encoding: UTF8, the only one the server speaks. */
  public static String getdatabaseencoding() {
    return "UTF8";
  }

  /** An encoding's number as PostgreSQL numbers them (UTF8 is 6); -1 for any name the server does not speak. */
  public static Integer pg_char_to_encoding(String name) {
    return name == null ? null : name.equalsIgnoreCase("UTF8") || name.equalsIgnoreCase("UTF-8") ? 6 : -1;
  }

  /** A tablespace's folder: empty, as PostgreSQL answers for its default tablespaces. */
  public static String pg_tablespace_location(Integer oid) {
    return oid == null ? null : "";
  }

  /** Column defaults, check constraints, partition bounds: the views have none. */
  public static String pg_get_expr(Object expression, Integer relation) {
    return null;
  }

  public static String pg_get_expr(Object expression, Integer relation, Boolean pretty) {
    return null;
  }

  /** Whether a relation could be published for logical replication: nothing here can, the server only reads. */
  public static Boolean pg_relation_is_publishable(Integer relation) {
    return relation == null ? null : false;
  }

  /** {@link #pg_relation_is_publishable(Integer)} of a relation named by its oid's text, as psql passes it. */
  public static Boolean pg_relation_is_publishable(String relation) {
    return relation == null ? null : false;
  }

  /** The columns of an extended statistics object: there are none (pg_statistic_ext is empty). */
  public static String pg_get_statisticsobjdef_columns(Integer oid) {
    return null;
  }

  public static String pg_get_ruledef(Integer oid, Boolean pretty) {
    return null;
  }

  public static String pg_get_constraintdef(Integer oid, Boolean pretty) {
    return null;
  }

  public static String pg_get_constraintdef(Integer oid) {
    return null;
  }

  public static String pg_get_indexdef(Integer oid) {
    return null;
  }

  public static String pg_get_indexdef(Integer oid, Integer column, Boolean pretty) {
    return null;
  }

  public static String pg_get_triggerdef(Integer oid, Boolean pretty) {
    return null;
  }

  /** No column is backed by a sequence. */
  public static String pg_get_serial_sequence(String table, String column) {
    return null;
  }

  /**
   * {@code json_build_object} with the seven pairs SQLAlchemy asks for identity columns; its sub-query
   * finds no row here (no sequences), so this only has to exist and type-check.
   */
  public static String json_build_object(Object k0, Object v0, Object k1, Object v1, Object k2, Object v2, Object k3, Object v3, Object k4, Object v4, Object k5, Object v5, Object k6, Object v6) {
    Object[] kv = {k0, v0, k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6};
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      s.append(i == 0 ? "" : ", ").append('"').append(kv[i]).append("\" : ");
      s.append(kv[i + 1] == null ? "null" : kv[i + 1] instanceof String v ? "\"" + v.replace("\"", "\\\"") + "\"" : kv[i + 1]);
    }
    return s.append('}').toString();
  }

  /** pgJDBC's metadata queries select it as the catalog column. */
  /** {@code version()} in any place of a statement, as {@code SELECT version()} alone answers it. */
  public static String version() {
    return LocalAnswers.VERSION;
  }

  public static String current_database() {
    return LocalAnswers.DATABASE;
  }

  public static String pg_get_partkeydef(Integer oid) {
    return null;
  }

  public static String pg_get_function_result(Integer oid) {
    return null;
  }

  public static String pg_get_function_arguments(Integer oid) {
    return null;
  }

  /** The functions here have no SQL-standard body (psql's {@code \df+} shows their source, prosrc, instead). */
  public static String pg_get_function_sqlbody(Integer oid) {
    return null;
  }

  /**
   * What {@code pg_get_function_result} writes of a pg_proc row (the call reads the row, PgDialect): for a function
   * with result columns ({@code t} in proargmodes) {@code TABLE(name type, …)}, for another its result type as
   * format_type writes it, after {@code SETOF} for rows; {@code modes} and {@code names} are proargmodes and
   * proargnames joined by commas, {@code allTypes} proallargtypes joined by spaces.
   */
  public static String pg_function_result(Boolean rows, Integer result, String modes, String names, String allTypes) {
    if (result == null) {
      return null;
    }
    String[] mode = modes == null || modes.isEmpty() ? new String[0] : modes.split(",", -1);
    String[] named = names == null || names.isEmpty() ? new String[0] : names.split(",", -1);
    String[] oids = allTypes == null || allTypes.isBlank() ? new String[0] : allTypes.strip().split("\\s+");
    List<String> columns = new ArrayList<>();
    for (int k = 0; k < mode.length && k < oids.length; k++) {
      if (mode[k].equals("t")) {
        String type = format_type(Integer.valueOf(oids[k]), null);
        columns.add(k < named.length && !named[k].isEmpty() ? quote_ident(named[k]) + " " + type : type);
      }
    }
    if (!columns.isEmpty()) {
      return "TABLE(" + String.join(", ", columns) + ")";
    }
    return (Boolean.TRUE.equals(rows) ? "SETOF " : "") + format_type(result, null);
  }

  /**
   * What {@code pg_get_function_arguments} writes of a pg_proc row (the call reads the row, PgDialect): each argument's
   * name, if it has one, and type as format_type writes it, joined by commas; {@code names} are proargnames joined by
   * commas, {@code types} proargtypes (OIDs separated by spaces).
   */
  public static String pg_function_arguments(String names, String types) {
    if (types == null) {
      return null;
    }
    List<String> written = new ArrayList<>();
    String[] oids = types.isBlank() ? new String[0] : types.strip().split(" ");
    String[] named = names == null || names.isEmpty() ? new String[0] : names.split(",", -1);
    for (int k = 0; k < oids.length; k++) {
      String type = format_type(Integer.valueOf(oids[k]), null);
      written.add(k < named.length && !named[k].isEmpty() ? quote_ident(named[k]) + " " + type : type);
    }
    return String.join(", ", written);
  }

  /**
   * {@code array_remove(array, element)} of a catalog's array of texts (psql's {@code \sv} removes the check options
   * from reloptions): the array without the elements equal to {@code element}; null for null.
   */
  public static List<String> array_remove(List<String> array, String element) {
    if (array == null) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String item : array) {
      if (!java.util.Objects.equals(item, element)) {
        kept.add(item);
      }
    }
    return kept;
  }

  public static String pg_encoding_to_char(Integer encoding) {
    return encoding == null ? null : "UTF8";
  }

  public static String quote_ident(String name) {
    if (name == null) {
      return null;
    }
    return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * Only reached when the rewrite to pg_views (PgDialect) did not apply, e.g. a name instead of an OID.
   */
  public static String pg_get_viewdef(Integer oid, Boolean pretty) {
    return null;
  }

  public static String pg_get_viewdef(Integer oid) {
    return null;
  }

  /** The views are computed, not stored: no relation takes disk space (DBeaver's and pgAdmin's size columns). */
  /** The database's size on disk: 0, as every relation's size here (the store's files are not the database's). */
  public static Long pg_database_size(String name) {
    return name == null ? null : 0L;
  }

  public static Long pg_database_size(Integer oid) {
    return oid == null ? null : 0L;
  }

  public static Long pg_relation_size(Integer oid) {
    return oid == null ? null : 0L;
  }

  public static Long pg_total_relation_size(Integer oid) {
    return oid == null ? null : 0L;
  }

  public static Long pg_table_size(Integer oid) {
    return oid == null ? null : 0L;
  }

  public static Long pg_indexes_size(Integer oid) {
    return oid == null ? null : 0L;
  }

  /** {@code pg_size_pretty(bigint)}: bytes in PostgreSQL's units, rounded as it rounds them. */
  public static String pg_size_pretty(Long bytes) {
    if (bytes == null) {
      return null;
    }
    String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    long size = bytes;
    int unit = 0;
    while (unit < units.length - 1 && Math.abs(size) >= 10 * 1024 - 512) {
      size = (size + (size >= 0 ? 512 : -512)) / 1024;
      unit++;
    }
    return size + " " + units[unit];
  }
}
