package org.marketingsql.avatica;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.readonly.ReadOnlyGate;
import org.marketingsql.readonly.SqlText;
import org.marketingsql.sql.PlanFailures;
import org.marketingsql.users.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's JDBC-backed {@code Meta} with the server's rules on top, the same as on the PostgreSQL side:
 * every connection opens the configured {@code jdbc:marketing:} URL with its user's {@link AccessPolicy}
 * (the client's properties never reach the driver), belongs to the user who opened it, runs only queries
 * (SQLSTATE 25006 otherwise), reads only the user's schemas (the driver refuses the rest with 42501) and
 * lists only those in the metadata; every query gets a log line.
 */
final class GuardedMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedMeta.class);
  /** SQL cursor statements, which only the PostgreSQL port runs. */
  private static final Set<String> CURSOR_STATEMENTS = Set.of("declare", "fetch", "move", "close");
  /** Avatica's error codes are its own; refusals carry the HTTP-like code of a forbidden request. */
  private static final int REFUSED = 403;
  private final String url;
  private final CurrentUser current;
  private final Owners owners = new Owners();
  private final QueryLog log;

  /** {@code cacheSettings} holds JdbcMeta's connection and statement cache settings, nothing for the driver. */
  GuardedMeta(String url, Properties cacheSettings, CurrentUser current, boolean logParameters) throws SQLException {
    super(url, cacheSettings);
    this.url = url;
    this.current = Objects.requireNonNull(current, "current");
    this.log = new QueryLog(logParameters);
  }

  /**
   * Closes connections and statements idle past their expiry now. The caches expire entries only when
   * touched, so without this an idle server would keep a long-gone BI session's store connection open.
   */
  void expireIdle() {
    getConnectionCache().cleanUp();
    getStatementCache().cleanUp();
    owners.retainOnly(() -> getConnectionCache().asMap().keySet(), () -> getStatementCache().asMap().keySet());
    log.retainOnly(getStatementCache().asMap().keySet());
  }

  @Override
  protected Connection createConnection(String ignoredUrl, Properties clientProperties) throws SQLException {
    // A client's properties could name another model or file for the driver to open: they are dropped.
    // The user's policy goes with the connection: the driver checks every statement against it; their name is
    // what current_user answers.
    Properties readable = new Properties();
    readable.setProperty(AccessPolicy.PROPERTY, current.get().policy().property());
    readable.setProperty("user", current.get().name());
    return DriverManager.getConnection(url, readable);
  }

  // ---- connections

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    User user = current.get();
    try {
      super.openConnection(ch, Map.of());
    } catch (RuntimeException e) {
      LOG.error("user {} could not open {}", user.name(), url, e);
      throw sqlError(e);
    }
    owners.opened(ch.id, user.name());
    LOG.info("user {} opened an Avatica connection from {}", user.name(), current.address());
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    try {
      owners.checkConnection(ch.id, current.get().name());
    } catch (org.apache.calcite.avatica.NoSuchConnectionException e) {
      return; // closing what is gone already is fine
    }
    try {
      super.closeConnection(ch);
    } finally {
      owners.closed(ch.id);
    }
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    User user = current.get();
    owners.checkConnection(ch.id, user.name());
    String schema = connProps.getSchema();
    if (schema != null && !"marketing".equalsIgnoreCase(schema) && !user.policy().mayRead(schema)) {
      // unqualified names would then be looked for in a schema the user may not read
      throw new AvaticaRuntimeException("user " + user.name() + " cannot change the default schema to " + schema
          + ": they may read " + String.join(", ", user.schemas()), REFUSED, "42501", AvaticaSeverity.ERROR);
    }
    return super.connectionSync(ch, connProps);
  }

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    owners.checkConnection(ch.id, current.get().name());
    return super.getDatabaseProperties(ch);
  }

  @Override
  public void commit(ConnectionHandle ch) {
    owners.checkConnection(ch.id, current.get().name());
    super.commit(ch);
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    owners.checkConnection(ch.id, current.get().name());
    super.rollback(ch);
  }

  // ---- statements

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    owners.checkConnection(ch.id, current.get().name());
    StatementHandle h = super.createStatement(ch);
    owners.statement(h.id, ch.id, null);
    return h;
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    User user = current.get();
    owners.checkConnection(ch.id, user.name());
    allow(user, sql);
    StatementHandle h;
    try {
      h = super.prepare(ch, sql, maxRowCount);
    } catch (RuntimeException e) {
      RuntimeException error = sqlError(e);
      log.refused(user.name(), current.address(), sql, error);
      throw error;
    }
    owners.statement(h.id, ch.id, sql);
    return h;
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    User user = current.get();
    known(h, user);
    if (SqlText.firstKeyword(sql).equals("discard")) {
      // as on the PostgreSQL port: there is nothing an Avatica connection keeps that DISCARD would drop
      owners.statement(h.id, h.connectionId, null);
      return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, 0)));
    }
    allow(user, sql);
    owners.statement(h.id, h.connectionId, sql);
    log.started(h.id, user.name(), current.address(), sql, List.of());
    try {
      ExecuteResult result = super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
      firstFrames(h.id, result);
      return result;
    } catch (RuntimeException e) {
      RuntimeException error = sqlError(e);
      log.failed(h.id, user.name(), current.address(), sql, error);
      throw error;
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    User user = current.get();
    Owners.Statement s = known(h, user);
    if (s.sql() == null) {
      throw new AvaticaRuntimeException("statement " + h.id + " was not prepared", REFUSED, "07003", AvaticaSeverity.ERROR);
    }
    // the SQL as prepared here, never the copy the client sends back in the handle
    log.started(h.id, user.name(), current.address(), s.sql(), parameterValues);
    try {
      ExecuteResult result = super.execute(h, parameterValues, maxRowsInFirstFrame);
      firstFrames(h.id, result);
      return result;
    } catch (RuntimeException e) {
      RuntimeException error = sqlError(e);
      log.failed(h.id, user.name(), current.address(), s.sql(), error);
      throw error;
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    User user = current.get();
    Owners.Statement s = known(h, user);
    try {
      Frame frame = super.fetch(h, offset, fetchMaxRowCount);
      log.frame(h.id, frame);
      return frame;
    } catch (RuntimeException e) {
      RuntimeException error = sqlError(e);
      log.failed(h.id, user.name(), current.address(), s.sql() == null ? "(fetch)" : s.sql(), error);
      throw error;
    }
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset) throws NoSuchStatementException {
    User user = current.get();
    known(sh, user);
    // the client re-creates a lost result set from its state, which carries SQL or a metadata call
    if (state.type == QueryState.StateType.SQL) {
      allow(user, state.sql);
    } else if (!user.policy().readsEverything()) {
      throw refusal(user, "re-running a metadata call", "42501");
    }
    return super.syncResults(sh, state, offset);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    User user = current.get();
    Owners.Statement s;
    try {
      s = owners.checkStatement(h.connectionId, h.id, user.name());
    } catch (org.apache.calcite.avatica.NoSuchConnectionException e) {
      return;
    }
    if (s == null) {
      return; // not ours to close, or gone already
    }
    log.closed(h.id);
    try {
      super.closeStatement(h);
    } finally {
      owners.statementClosed(h.id);
    }
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands) {
    throw refusal(current.get(), "a batch", "25006");
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> updateBatches) {
    throw refusal(current.get(), "a batch", "25006");
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches) {
    throw refusal(current.get(), "a batch", "25006");
  }

  // ---- metadata: only the user's schemas

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    return visible(ch, () -> super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList));
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    return visible(ch, () -> super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return visible(ch, () -> super.getSchemas(ch, catalog, schemaPattern));
  }

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return visible(ch, () -> super.getCatalogs(ch));
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return visible(ch, () -> super.getTableTypes(ch));
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return visible(ch, () -> super.getTypeInfo(ch));
  }

  @Override
  public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
    return visible(ch, () -> super.getClientInfoProperties(ch));
  }

  @Override
  public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat procedureNamePattern) {
    return visible(ch, () -> super.getProcedures(ch, catalog, schemaPattern, procedureNamePattern));
  }

  @Override
  public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat procedureNamePattern, Pat columnNamePattern) {
    return visible(ch, () -> super.getProcedureColumns(ch, catalog, schemaPattern, procedureNamePattern,
        columnNamePattern));
  }

  @Override
  public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog, String schema, String table,
      Pat columnNamePattern) {
    return visible(ch, () -> super.getColumnPrivileges(ch, catalog, schema, table, columnNamePattern));
  }

  @Override
  public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
    return visible(ch, () -> super.getTablePrivileges(ch, catalog, schemaPattern, tableNamePattern));
  }

  @Override
  public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog, String schema, String table, int scope,
      boolean nullable) {
    readable(schema);
    return visible(ch, () -> super.getBestRowIdentifier(ch, catalog, schema, table, scope, nullable));
  }

  @Override
  public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog, String schema, String table) {
    readable(schema);
    return visible(ch, () -> super.getVersionColumns(ch, catalog, schema, table));
  }

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return visible(ch, () -> super.getPrimaryKeys(ch, catalog, schema, table));
  }

  @Override
  public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return visible(ch, () -> super.getImportedKeys(ch, catalog, schema, table));
  }

  @Override
  public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return visible(ch, () -> super.getExportedKeys(ch, catalog, schema, table));
  }

  @Override
  public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
    return visible(ch, () -> super.getCrossReference(ch, parentCatalog, parentSchema, parentTable, foreignCatalog,
        foreignSchema, foreignTable));
  }

  @Override
  public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table, boolean unique,
      boolean approximate) {
    return visible(ch, () -> super.getIndexInfo(ch, catalog, schema, table, unique, approximate));
  }

  @Override
  public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern, int[] types) {
    return visible(ch, () -> super.getUDTs(ch, catalog, schemaPattern, typeNamePattern, types));
  }

  @Override
  public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
    return visible(ch, () -> super.getSuperTypes(ch, catalog, schemaPattern, typeNamePattern));
  }

  @Override
  public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
    return visible(ch, () -> super.getSuperTables(ch, catalog, schemaPattern, tableNamePattern));
  }

  @Override
  public MetaResultSet getAttributes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
      Pat attributeNamePattern) {
    return visible(ch, () -> super.getAttributes(ch, catalog, schemaPattern, typeNamePattern, attributeNamePattern));
  }

  @Override
  public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
    return visible(ch, () -> super.getFunctions(ch, catalog, schemaPattern, functionNamePattern));
  }

  @Override
  public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat functionNamePattern, Pat columnNamePattern) {
    return visible(ch, () -> super.getFunctionColumns(ch, catalog, schemaPattern, functionNamePattern,
        columnNamePattern));
  }

  @Override
  public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    return visible(ch, () -> super.getPseudoColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern));
  }

  // ---- the rules

  /** Runs a metadata call on the user's own connection and keeps only rows of schemas they may read. */
  private MetaResultSet visible(ConnectionHandle ch, Supplier<MetaResultSet> call) {
    User user = current.get();
    owners.checkConnection(ch.id, user.name());
    MetaResultSet rs;
    try {
      rs = call.get();
    } catch (RuntimeException e) {
      throw sqlError(e);
    }
    if (rs.statementId >= 0) {
      owners.statement(rs.statementId, ch.id, null);
    }
    AccessPolicy policy = user.policy();
    if (rs.signature == null || rs.firstFrame == null) {
      return rs;
    }
    List<Integer> schemaColumns = new ArrayList<>();
    List<ColumnMetaData> columns = rs.signature.columns;
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).columnName == null ? columns.get(i).label : columns.get(i).columnName;
      if (name != null && name.toUpperCase(Locale.ROOT).endsWith("_SCHEM")) {
        schemaColumns.add(i);
      }
    }
    List<Object> rows = new ArrayList<>();
    for (Object row : rs.firstFrame.rows) {
      if (schemaColumns.stream().allMatch(i -> {
        Object schema = cell(row, i);
        return schema == null || policy.mayRead(schema.toString());
      })) {
        rows.add(row);
      }
    }
    // metadata frames hold every row (JdbcMeta reads them unlimited), so the first frame is the whole answer
    return MetaResultSet.create(rs.connectionId, rs.statementId, rs.ownStatement, rs.signature,
        Frame.create(rs.firstFrame.offset, rs.firstFrame.done, rows));
  }

  private static Object cell(Object row, int i) {
    if (row instanceof Object[] array) {
      return array[i];
    }
    if (row instanceof List<?> list) {
      return list.get(i);
    }
    return null;
  }

  private void readable(String schema) {
    User user = current.get();
    if (schema != null && !user.policy().mayRead(schema)) {
      throw new AvaticaRuntimeException("permission denied for schema " + schema + ": user " + user.name()
          + " may read " + String.join(", ", user.schemas()), REFUSED, "42501", AvaticaSeverity.ERROR);
    }
  }

  /** The statement's record; "no such statement" for one this server cannot place, so none is touched. */
  private Owners.Statement known(StatementHandle h, User user) throws NoSuchStatementException {
    Owners.Statement s = owners.checkStatement(h.connectionId, h.id, user.name());
    if (s == null) {
      throw new NoSuchStatementException(h);
    }
    // JdbcMeta touches only the statement cache here; touching the connection too keeps a session that
    // is busy fetching from expiring as idle
    getConnectionCache().getIfPresent(h.connectionId);
    return s;
  }

  /**
   * Read-only, with the PostgreSQL side's SQLSTATE; a refusal is logged like a failed query. What the
   * statement reads is checked by the driver, on the connection's policy.
   */
  private void allow(User user, String sql) {
    if (sql == null) {
      throw new AvaticaRuntimeException("no SQL given", REFUSED, "42601", AvaticaSeverity.ERROR);
    }
    String keyword = SqlText.firstKeyword(sql);
    if (CURSOR_STATEMENTS.contains(keyword)) {
      // Avatica has cursors of its own: a statement's frames, which the thin driver fetches by its fetch size
      AvaticaRuntimeException refusal = new AvaticaRuntimeException(keyword.toUpperCase(Locale.ROOT)
          + " is not supported over Avatica: SQL cursors are the PostgreSQL port's; here a result is read in frames"
          + " (Statement.setFetchSize)", REFUSED, "0A000", AvaticaSeverity.ERROR);
      log.refused(user.name(), current.address(), sql, refusal);
      throw refusal;
    }
    Optional<String> why = ReadOnlyGate.refusal(sql);
    if (why.isPresent()) {
      AvaticaRuntimeException refusal = new AvaticaRuntimeException(why.get(), REFUSED, ReadOnlyGate.SQL_STATE,
          AvaticaSeverity.ERROR);
      log.refused(user.name(), current.address(), sql, refusal);
      throw refusal;
    }
  }

  private static AvaticaRuntimeException refusal(User user, String what, String sqlState) {
    return new AvaticaRuntimeException("user " + user.name() + " cannot run " + what
        + ": Marketing SQL serves reads only", REFUSED, sqlState, AvaticaSeverity.ERROR);
  }

  private void firstFrames(int statementId, ExecuteResult result) {
    for (MetaResultSet rs : result.resultSets) {
      log.frame(statementId, rs.firstFrame);
    }
  }

  /**
   * JdbcMeta wraps SQLExceptions without their SQLSTATE reaching the client; this keeps it. The client gets the
   * first line of the message (the driver's, in PostgreSQL's words), at most {@value #MAX_MESSAGE} characters, and no
   * cause: Avatica sends a cause's stack to the client, and the planner's failure holds the plan with the store's
   * internal names. A statement the planner could not plan is XX000 in one line (0A000 naming what is not supported),
   * one the store refused its state and one line naming none of the store's statement, any other failure of the
   * server's or the driver's code XX000: each of these names the error id the server's log files the whole under.
   */
  private static RuntimeException sqlError(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException || e instanceof org.apache.calcite.avatica.NoSuchConnectionException) {
      return e; // already one line; a missing connection's code makes the thin driver reconnect
    }
    if (PlanFailures.isPlanFailure(e)) {
      Optional<String> feature = PlanFailures.unsupportedFeature(e);
      if (feature.isPresent()) {
        LOG.info("{} is not supported: a statement could not be planned", feature.get(), e);
        return new AvaticaRuntimeException(feature.get() + " is not supported", 0, "0A000", AvaticaSeverity.ERROR);
      }
      return internal(PlanFailures.MESSAGE, "XX000", "a statement could not be planned", e);
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState() == null ? "XX000" : sql.getSQLState();
        if (PlanFailures.isStoreStatementFailure(e) && (state.equals("58000") || state.equals("XX000"))) {
          return internal("the store could not run the statement", state, "the store could not run a statement", e);
        }
        if (state.equals("XX000") || state.equals("58000")) {
          return internal(oneLine(sql.getMessage()), state, "a statement failed", e);
        }
        LOG.debug("a statement failed", e);
        return new AvaticaRuntimeException(oneLine(sql.getMessage()), sql.getErrorCode(), state, AvaticaSeverity.ERROR);
      }
    }
    return internal("internal error", "XX000", "a request failed", e);
  }

  /** The one line {@code message} with the id of the log line that holds {@code e}, described there as {@code what}. */
  private static AvaticaRuntimeException internal(String message, String state, String what, Throwable e) {
    String id = ErrorIds.next();
    LOG.warn("error {}: {}", id, what, e);
    String pointer = ErrorIds.pointer(id);
    String line = oneLine(message);
    if (line.length() + pointer.length() > MAX_MESSAGE) {
      line = line.substring(0, Math.max(0, MAX_MESSAGE - pointer.length() - 1)) + "\u2026";
    }
    return new AvaticaRuntimeException(line + pointer, 0, state, AvaticaSeverity.ERROR);
  }

  /** The most characters of an error's message an Avatica client is sent. */
  static final int MAX_MESSAGE = 1000;

  static String oneLine(String message) {
    String m = message == null ? "" : message;
    int line = m.indexOf('\n');
    m = line < 0 ? m : m.substring(0, line).stripTrailing();
    return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE - 1) + "\u2026";
  }
}
