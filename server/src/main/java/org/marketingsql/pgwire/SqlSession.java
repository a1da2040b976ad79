package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.runtime.Hook;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.audit.QueryAudit;
import org.marketingsql.audit.QueryLogQueue;
import org.marketingsql.jdbc.PlanningCancel;
import org.marketingsql.readonly.SqlText;
import org.marketingsql.store.ReadsBySql;
import org.marketingsql.store.RunningStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's SQL side: its JDBC connection to the driver (which checks what each statement reads
 * against the user's policy), the read-only gate, the statements answered locally, and the query log
 * ({@link QueryAudit}: user, client address, statement, rows, time, refusals with their reason).
 */
final class SqlSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.marketingsql.pgwire.queries");
  private static final int CANCEL_TRIES = 120;
  /** PostgreSQL's query_canceled. */
  private static final String CANCELED = "57014";
  private static final long CANCEL_EVERY_MILLIS = 250;
  private final Connection connection;
  private final String user;
  private final String address;
  private final LocalAnswers answers;
  private final SearchPath searchPath;
  private final org.marketingsql.users.User account;
  private volatile Statement running;
  /** The statement a cancel was last asked for; a straight read it ended is not run again through the driver. */
  private volatile Statement canceled;
  /** The straight read waiting for a read session of the store now, null when none: a cancel stops its wait. */
  private volatile RunningStatements.Execution waitingRead;
  /** A statement is being described (planned without a statement a cancel could reach): see {@link #cancel}. */
  private volatile boolean describing;
  /** A CancelRequest came while {@link #describing}: the description ends with 57014. */
  private volatile boolean describeCanceled;
  /** The cancel flag of the planner planning the session's statement now, null when none plans ({@link #planning}). */
  private volatile AtomicBoolean plannerCanceled;
  /**
   * The session's process id, as BackendKeyData gave it: what {@code pg_backend_pid()} answers and what the server's
   * log names the session's errors by; 0 until it has one.
   */
  private volatile int processId;
  /** Where the client reached the server ({@link #reachedAt}); null until given. */
  private volatile java.net.InetSocketAddress server;
  private final SqlPrepare prepared;
  private final SessionSettings settings;
  private final CatalogSource catalog;
  /** The zone last given to the driver's connection, null before the first statement. */
  private String appliedZone;
  /** The session's TimeZone setting when {@link #appliedZone} was given, and the zone the connection then held. */
  private java.time.ZoneId zoneAsked;
  private java.time.ZoneId connectionZone;
  /** Whether a catalog statement's plan was stable ({@link CatalogCalls}), by search path and text, as planned here. */
  private final BoundedCache<String, Boolean> decided = new BoundedCache<>(CatalogSource.ANSWERS_KEPT);
  /**
   * Statements as {@link #forCalcite} translated them, by search path's schema and text: a dashboard sends the same
   * few statements again and again. The translation depends on nothing else.
   */
  private final BoundedCache<Translation, String> translated = new BoundedCache<>(TRANSLATIONS_KEPT);
  /** The relations {@link #origin} last looked columns up in; see {@link #relations}. */
  private volatile Relations relations;
  /** The driver connection's metadata once {@link #metaData} has asked for it. */
  private volatile DatabaseMetaData metaData;
  /** The texts {@link #ownStatement} and {@link #catalogKey} found plain: queries for the driver or the store. */
  private final PlainQueries plain = new PlainQueries();
  /** The statements read straight from the store. */
  private final StoreReads storeReads = new StoreReads();
  /** Texts {@link #unlessReadOnly} let through, as many as translations are kept. */
  private final BoundedCache<String, Boolean> readOnly = new BoundedCache<>(TRANSLATIONS_KEPT);
  static final int TRANSLATIONS_KEPT = 64;
  /** Longer statements are translated each time rather than kept, so that a session holds little. */
  static final int LONGEST_TRANSLATION_KEPT = 8 * 1024;

  SqlSession(Connection connection, org.marketingsql.users.User user, String address, int maxPreparedStatements,
      TransactionBlock transaction, CatalogSource catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.prepared = new SqlPrepare(maxPreparedStatements);
    this.connection = Objects.requireNonNull(connection, "connection");
    this.user = user.name();
    this.account = user;
    this.address = Objects.requireNonNull(address, "address");
    this.settings = new SessionSettings(this.user, transaction);
    this.searchPath = new SearchPath(defaultSchema(connection, user, catalog));
    this.answers = new LocalAnswers(this.user, searchPath, settings);
    if (!searchPath.defaultSchema().equals(LocalAnswers.DEFAULT_SCHEMA)) {
      try {
        connection.setSchema(searchPath.defaultSchema());
      } catch (SQLException e) {
        LOG.warn("the default schema {} of user {} cannot be set; unqualified names are looked up in {}",
            searchPath.defaultSchema(), this.user, LocalAnswers.DEFAULT_SCHEMA, e);
      }
    }
  }

  /**
   * {@link SearchPath#defaultFor} the schemas the session's connection lists and {@code user} may read, as the
   * catalog keeps them for the user's policy (read once for every session of the policy).
   */
  private static String defaultSchema(Connection connection, org.marketingsql.users.User user, CatalogSource catalog) {
    List<String> existing;
    try {
      existing = catalog.schemas(connection.getMetaData(), PgSession.policy(user));
    } catch (SQLException e) {
      LOG.warn("the schemas of user {} cannot be listed; the default schema is {}", user.name(),
          LocalAnswers.DEFAULT_SCHEMA, e);
      return LocalAnswers.DEFAULT_SCHEMA;
    }
    return SearchPath.defaultFor(existing, user::mayRead);
  }

  /** The session's run-time settings (SET, SHOW, RESET). */
  SessionSettings settings() {
    return settings;
  }

  /** The statements SQL's PREPARE made in this session, as pg_prepared_statements lists them. */
  List<ListedStatement> preparedStatements() {
    return prepared.listed();
  }

  /** DISCARD ALL's part here: SQL-level prepared statements go, settings and search_path go back to their defaults. */
  void discardAll() throws PgException {
    prepared.deallocate("deallocate all");
    settings.resetAll();
    setSearchPath(List.of());
  }

  /** Gives the session its process id: what {@code pg_backend_pid()} answers and the server's log names it by. */
  void identify(int processId) {
    this.processId = processId;
  }

  /**
   * Gives the session the server's address and port its client connected to: what {@code inet_server_addr()} and
   * {@code inet_server_port()} answer (null until given, as PostgreSQL answers on a Unix socket).
   */
  void reachedAt(java.net.InetSocketAddress local) {
    this.server = local;
  }

  /** The session's process id, 0 until {@link #identify} gave it one. */
  int processId() {
    return processId;
  }

  /** Runs {@code sql} as the client sent it (a simple query); the caller sends and closes the result. */
  Result execute(String sql, short[] formats) throws PgException {
    return execute(sql, sql, formats);
  }

  /**
   * Runs {@code sql} (placeholders already bound), logged as {@code logged} (the statement with its
   * placeholders, unless parameters are logged); the caller sends and closes the result.
   */
  Result execute(String sql, String logged, short[] formats) throws PgException {
    return execute(sql, sql, logged, formats);
  }

  /**
   * {@link #execute(String, String, short[])} of {@code sql}, bound from {@code written} (the statement as the client
   * wrote it, with its {@code $n}), which an error's position counts in.
   */
  Result execute(String sql, String written, String logged, short[] formats) throws PgException {
    long start = System.nanoTime();
    applyTimeZone();
    try {
      unlessReadOnly(sql);
    } catch (PgException e) {
      log(QueryAudit.failed(user, address, logged, millis(start), e.sqlState(), e.getMessage()));
      throw e;
    }
    Optional<CatalogAnswers.Key> key = Optional.empty();
    if (!plain.known(sql)) {
      Optional<Result> own = ownStatement(sql, written, logged, formats, start);
      if (own.isPresent()) {
        return own.get();
      }
      key = catalogKey(sql);
      Optional<CatalogAnswers.Answer> kept = key.flatMap(catalog.answers()::find);
      if (kept.isPresent()) {
        log(QueryAudit.ran(user, address, logged, kept.get().rows().size(), millis(start)));
        return Result.kept(kept.get(), formats);
      }
      if (!CatalogAnswers.mayName(sql)) {
        plain.found(sql); // none of the tests above depends on more than the text
      }
    }
    String calciteSql = translate(sql);
    // a catalog query is answered by Calcite's own tables, never by the store's
    StoreReads.Key storeKey = key.isPresent() ? null
        : new StoreReads.Key(searchPath.schema(), String.valueOf(appliedZone), calciteSql);
    Optional<StoreReads.Read> read = storeKey == null ? Optional.empty() : storeReads.find(storeKey);
    if (read.isPresent()) {
      Optional<Result> straight = straight(read.get(), storeKey, logged, formats, start);
      if (straight.isPresent()) {
        return straight.get();
      }
    }
    Statement statement = null;
    try {
      statement = connection.createStatement();
      running = statement;
      Result[] holder = new Result[1];
      Statement started = statement;
      List<org.apache.calcite.rel.RelNode> plans = new ArrayList<>();
      ResultSet rows;
      Optional<StoreReads.Read> planned = Optional.empty();
      try (Hook.Closeable converted = key.isPresent()
          ? Hook.CONVERTED.addThread((org.apache.calcite.rel.RelNode plan) -> plans.add(plan)) : Hook.Closeable.EMPTY;
          StoreReads.Planning planning = storeKey == null ? null : new StoreReads.Planning();
          Hook.Closeable cancellable = planning()) {
        rows = statement.executeQuery(calciteSql);
        unlessCanceled(started);
        if (planning != null) {
          planned = planning.storeQuery(rows.getMetaData());
        }
      }
      Result result = Result.jdbc(statement, rows, formats, () -> {
        if (running == started) {
          running = null;
        }
        log(QueryAudit.ran(user, address, logged, holder[0].rows(), millis(start)));
      }, origins);
      holder[0] = result;
      if (planned.isPresent() && StoreReads.encodable(planned.get().columns(), result.columns())) {
        storeReads.keep(storeKey, planned.get());
      }
      return key.isPresent() && stable(key.get(), plans) ? kept(key.get(), result, formats) : result;
    } catch (SQLException e) {
      running = null;
      closeQuietly(statement);
      PgException failure = statement != null && canceled == statement ? canceled(e)
          : StatementErrors.of(e, written, calciteSql, processId);
      log(QueryAudit.failed(user, address, logged, millis(start), failure.sqlState(), failure.getMessage()));
      throw failure;
    }
  }

  /**
   * The result of {@code sql} when the session answers it without the driver's plan of a query (PREPARE, EXECUTE,
   * DEALLOCATE, SET search_path, the locally answered statements, EXPLAIN); empty for any other. Each test here finds
   * a statement to be none of these from its text alone.
   */
  private Optional<Result> ownStatement(String sql, String written, String logged, short[] formats, long start)
      throws PgException {
    switch (SqlText.firstKeyword(sql)) {
      case "prepare" -> {
        prepared.prepare(SqlText.stripComments(sql));
        return Optional.of(Result.local(LocalResult.command("PREPARE"), formats));
      }
      case "deallocate" -> {
        String text = SqlText.stripComments(sql);
        prepared.deallocate(text);
        boolean all = text.toLowerCase(Locale.ROOT).matches("deallocate\\s+(prepare\\s+)?all");
        return Optional.of(Result.local(LocalResult.command(all ? "DEALLOCATE ALL" : "DEALLOCATE"), formats));
      }
      case "execute" -> {
        return Optional.of(execute(prepared.execute(SqlText.stripComments(sql)), logged, formats));
      }
      case "reset" -> {
        String what = SqlText.stripComments(sql).substring(5).strip().toLowerCase(Locale.ROOT);
        if (what.equals("search_path") || what.equals("all")) {
          setSearchPath(List.of());
        }
        if (what.equals("search_path")) {
          return Optional.of(Result.local(LocalResult.command("RESET"), formats));
        }
      }
      default -> { }
    }
    Optional<List<String>> path = SearchPath.namesSet(SqlText.stripComments(sql));
    if (path.isPresent()) {
      setSearchPath(path.get());
      return Optional.of(Result.local(LocalResult.command("SET"), formats));
    }
    Optional<LocalResult> local = answers.answer(sql).or(() -> KeylessCatalog.answer(sql, this::catalogColumnType));
    if (local.isPresent()) {
      return Optional.of(Result.local(local.get(), formats));
    }
    Optional<ExplainPlan> explain = ExplainPlan.of(sql);
    if (explain.isPresent()) {
      return Optional.of(explain(explain.get(), sql, written, logged, formats, start));
    }
    return Optional.empty();
  }

  /**
   * Runs {@code read}'s store query on the store's data source and returns its rows to be sent ({@link StoreReads}).
   * Empty when the store fails it for another reason than a cancel: the statement then runs through the driver, which
   * gives the client the error it has always given (a read runs twice without harm), and is no longer read straight.
   */
  private Optional<Result> straight(StoreReads.Read read, StoreReads.Key key, String logged, short[] formats,
      long start) throws PgException {
    Connection store = null;
    Statement statement = null;
    try {
      List<Column> columns = Result.columns(read.columns(), formats, origins);
      java.time.ZoneId zone = connectionZone();
      store = readSession(read);
      statement = store.createStatement();
      running = statement;
      StoreReads.counted();
      ResultSet rows = statement.executeQuery(read.storeSql());
      Statement started = statement;
      Connection opened = store;
      Result[] holder = new Result[1];
      Result result = Result.straight(statement, rows, columns, zone, () -> {
        if (running == started) {
          running = null;
        }
        closeQuietly(opened);
      }, () -> log(QueryAudit.ran(user, address, logged, holder[0].rows(), millis(start))));
      holder[0] = result;
      return Optional.of(result);
    } catch (SQLException e) {
      running = null;
      closeQuietly(statement);
      closeQuietly(store);
      // a canceled read is not run again, whatever state the store gives it (another SQLSTATE, or none)
      if (CANCELED.equals(e.getSQLState()) || statement != null && canceled == statement) {
        PgException stopped = new PgException(CANCELED, "canceling statement due to user request", e);
        log(QueryAudit.failed(user, address, logged, millis(start), stopped.sqlState(), stopped.getMessage()));
        throw stopped;
      }
      LOG.debug("the store failed a statement read straight from it; it runs through the driver", e);
      storeReads.forget(key);
      return Optional.empty();
    }
  }

  /**
   * A connection of the store for {@code read}, which the store queues by the SQL text it sends where it can
   * ({@link ReadsBySql}); a cancel that comes while it waits for a read session ends the wait with 57014.
   */
  private Connection readSession(StoreReads.Read read) throws SQLException {
    if (!(read.dataSource() instanceof ReadsBySql reads)) {
      return read.dataSource().getConnection();
    }
    RunningStatements.Execution execution = RunningStatements.begin();
    waitingRead = execution;
    try {
      return reads.connectionFor(read.storeSql());
    } finally {
      waitingRead = null;
      RunningStatements.end(execution);
    }
  }

  /**
   * {@link PgException#unlessReadOnly}, which depends on the text alone, remembered for the texts it let through: an
   * extended query is checked at Parse and again when it runs, and a dashboard sends the same texts again and again.
   */
  void unlessReadOnly(String sql) throws PgException {
    boolean keep = sql.length() <= LONGEST_TRANSLATION_KEPT;
    if (keep && readOnly.find(sql) != null) {
      return;
    }
    PgException.unlessReadOnly(sql);
    if (keep) {
      readOnly.put(sql, Boolean.TRUE);
    }
  }

  /**
   * {@code explain}'s plan, as Calcite plans the query in this session (the driver checks what it reads against the
   * user's policy, as it does when the query runs), answered in PostgreSQL's shape ({@link ExplainPlan#answer}).
   */
  private Result explain(ExplainPlan explain, String sql, String written, String logged, short[] formats, long start)
      throws PgException {
    try {
      explain.checkFormat();
    } catch (PgException e) {
      log(QueryAudit.failed(user, address, logged, millis(start), e.sqlState(), e.getMessage()));
      throw e;
    }
    String calciteSql = translate(sql);
    try {
      if (explain.analyze()) {
        unlessReadOnly(explain.query());
      }
    } catch (PgException e) {
      log(QueryAudit.failed(user, address, logged, millis(start), e.sqlState(), e.getMessage()));
      throw e;
    }
    Statement explained = null;
    try (Statement statement = connection.createStatement(); Hook.Closeable cancellable = planning()) {
      explained = statement;
      running = statement;
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = statement.executeQuery(calciteSql)) {
        unlessCanceled(statement);
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      } finally {
        running = null;
      }
      long planned = System.nanoTime();
      LocalResult answer = explain.analyze() ? analyze(explain, plan.toString(), planned - start)
          : explain.answer(plan.toString());
      log(QueryAudit.ran(user, address, logged, answer.rows().size(), millis(start)));
      return Result.local(answer, formats);
    } catch (SQLException e) {
      boolean stopped = explained != null && canceled == explained || CANCELED.equals(e.getSQLState());
      PgException failure = stopped ? canceled(e) : StatementErrors.of(e, written, calciteSql, processId);
      log(QueryAudit.failed(user, address, logged, millis(start), failure.sqlState(), failure.getMessage()));
      throw failure;
    }
  }

  /**
   * {@code EXPLAIN ANALYZE}'s run: the explained query runs through the driver as any query of the session (the user's
   * policy checked on what it reads; a CancelRequest or statement_timeout stops it as it stops a query), its rows are
   * counted and dropped. Its execution is timed from the moment the driver has its plan to the last row, so that the
   * driver's planning of the run counts in neither time; {@code planningNanos} is the time the plan shown took.
   */
  private LocalResult analyze(ExplainPlan explain, String plan, long planningNanos) throws SQLException {
    String query = translate(explain.query());
    long[] implemented = {0};
    try (Statement statement = connection.createStatement(); Hook.Closeable cancellable = planning();
        Hook.Closeable hook = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((Object root) -> implemented[0] = System.nanoTime())) {
      running = statement;
      long begun = System.nanoTime();
      long rows = 0;
      try (ResultSet rs = statement.executeQuery(query)) {
        unlessCanceled(statement);
        while (rs.next()) {
          rows++;
        }
      } catch (SQLException e) {
        if (canceled == statement) {
          throw new SQLException("canceling statement due to user request", CANCELED, e);
        }
        throw e;
      } finally {
        running = null;
      }
      long executed = System.nanoTime() - (implemented[0] != 0 ? implemented[0] : begun);
      return explain.analyzed(plan, rows, planningNanos, executed);
    }
  }

  /**
   * Whether the statement of {@code key} reads only the catalogs' fixed tables and calls only what depends on nothing
   * but its arguments and the key ({@link CatalogCalls}), decided from {@code plans} (what Calcite converted it to) or,
   * when the driver answered from a plan it kept for this connection, from what was decided when it was planned.
   */
  private boolean stable(CatalogAnswers.Key key, List<org.apache.calcite.rel.RelNode> plans) {
    String text = key.schema() + "\u0000" + key.sql();
    if (plans.isEmpty()) {
      return Boolean.TRUE.equals(decided.find(text)); // not decided: not kept
    }
    Optional<String> varying = plans.stream().map(CatalogCalls::varying).flatMap(Optional::stream).findFirst();
    varying.ifPresent(why -> LOG.debug("catalog answer not kept: the statement reads or calls {}", why));
    decided.put(text, varying.isEmpty());
    return varying.isEmpty();
  }

  /** Reads {@code result} whole, keeps it as the answer for {@code key} and returns it to be sent in {@code formats}. */
  private Result kept(CatalogAnswers.Key key, Result result, short[] formats) throws SQLException {
    CatalogAnswers.Answer answer;
    try (result) {
      List<Result.EncodedRow> rows = new ArrayList<>();
      for (Result.EncodedRow row = result.nextEncoded(); row != null; row = result.nextEncoded()) {
        rows.add(row);
      }
      answer = new CatalogAnswers.Answer(result.columns(), rows);
    }
    catalog.answers().keep(key, answer);
    return Result.kept(answer, formats);
  }

  /**
   * What {@code sql}'s answer is kept by when it is a catalog query whose answer may be kept for this user
   * ({@link CatalogAnswers#keepable}); empty for other statements, or when the catalog cannot be read.
   */
  private Optional<CatalogAnswers.Key> catalogKey(String sql) {
    if (!CatalogAnswers.mayName(sql)) {
      return Optional.empty(); // a query of the data: the catalog is not read for it
    }
    try {
      DatabaseMetaData md = connection.getMetaData();
      AccessPolicy policy = PgSession.policy(account);
      Set<String> catalogRelations = new HashSet<>();
      Set<String> userNames = new HashSet<>();
      // every schema and relation the driver lists, the store's internal ones too, as the catalog lists them
      for (String schema : catalog.schemas(md, policy)) {
        if (!CatalogAnswers.isCatalog(schema) && !schema.isEmpty()) {
          userNames.add(schema.toLowerCase(Locale.ROOT));
        }
      }
      List<CatalogSource.TableRow> tables = catalog.tables(md, policy);
      for (CatalogSource.TableRow table : tables) {
        if (CatalogAnswers.isCatalog(table.schema())) {
          catalogRelations.add(table.name().toLowerCase(Locale.ROOT));
        }
      }
      for (CatalogSource.TableRow table : tables) {
        String name = table.name().toLowerCase(Locale.ROOT);
        // the root holds pg_catalog's tables again, for unqualified names; Calcite's own metadata schema (TABLES,
        // COLUMNS: the catalog again, as its JDBC metadata) is reached only by its qualified name, which is kept out
        if (!CatalogAnswers.isCatalog(table.schema()) && !(table.schema().isEmpty() && catalogRelations.contains(name))
            && !table.schema().equals(CatalogAnswers.CALCITE_METADATA)) {
          userNames.add(name);
        }
      }
      if (!CatalogAnswers.keepable(sql, catalogRelations, userNames) || PgDialect.answersFromSession(sql)) {
        return Optional.empty();
      }
      // read after the test, which needs no columns: reading them expands every view
      long generation = catalog.generation(md, policy);
      return Optional.of(new CatalogAnswers.Key(user, policy.property(), String.valueOf(searchPath.schema()), sql, generation));
    } catch (SQLException | RuntimeException e) {
      LOG.debug("catalog answers are not kept for this statement", e); // it is planned as any other
      return Optional.empty();
    }
  }

  /**
   * A described statement: the columns it returns (empty for a command), and the type OID the validator
   * inferred for each {@code $n} (index n - 1; 0 where it inferred none).
   */
  record Described(Optional<List<Column>> columns, int[] parameterTypes) {
    static Described columnsOnly(Optional<List<Column>> columns) {
      return new Described(columns, new int[0]);
    }
  }

  /**
   * The columns {@code sql} would return, before its parameters are bound, and the types of its parameters.
   * Calcite cannot type a {@code ?} everywhere (e.g. in the select list), so when it refuses, the statement
   * is described once more with a sample literal of each parameter's declared type in place.
   */
  Described describe(String sqlWithPlaceholders, int[] parameterTypes) throws PgException {
    describeCanceled = false;
    describing = true;
    try (Hook.Closeable cancellable = planning()) {
      Described described = describing(sqlWithPlaceholders, parameterTypes);
      if (describeCanceled) {
        throw canceled(null);
      }
      return described;
    } catch (PgException e) {
      if (describeCanceled && !CANCELED.equals(e.sqlState())) {
        throw canceled(e);
      }
      throw e;
    } finally {
      describing = false;
    }
  }

  private Described describing(String sqlWithPlaceholders, int[] parameterTypes) throws PgException {
    PgException.unlessReadOnly(sqlWithPlaceholders);
    if (Set.of("set", "reset", "prepare", "deallocate").contains(SqlText.firstKeyword(sqlWithPlaceholders))) {
      return Described.columnsOnly(Optional.empty()); // described, not run: no rows
    }
    Optional<LocalResult> local = answers.answer(sqlWithPlaceholders)
        .or(() -> KeylessCatalog.answer(sqlWithPlaceholders, this::catalogColumnType))
        .or(() -> ExplainPlan.of(sqlWithPlaceholders).map(explain -> ExplainPlan.columns()));
    if (local.isPresent()) {
      return Described.columnsOnly(Optional.of(Result.local(local.get(), new short[0]).columns()));
    }
    Optional<CatalogAnswers.Key> key = catalogKey(sqlWithPlaceholders);
    Optional<CatalogAnswers.Answer> kept = key.flatMap(catalog.answers()::find);
    if (kept.isPresent()) {
      return Described.columnsOnly(Optional.of(kept.get().columns()));
    }
    applyTimeZone();
    String calciteSql = translate(sqlWithPlaceholders);
    long start = System.nanoTime();
    List<Integer> order = new ArrayList<>(); // which $n each ? stands for
    String jdbcSql = SqlText.replacePlaceholders(calciteSql, n -> {
      order.add(n);
      return "?";
    });
    // a statement without placeholders runs as described: its plan, made here, may make it a store read
    StoreReads.Key storeKey = key.isPresent() || !order.isEmpty() ? null
        : new StoreReads.Key(searchPath.schema(), String.valueOf(appliedZone), calciteSql);
    try {
      return describedOf(jdbcSql, order, storeKey);
    } catch (SQLException e) {
      if (AccessPolicy.REFUSED.equals(e.getSQLState())) {
        // refused on what it reads, whatever its parameters: no second try
        PgException refused = StatementErrors.of(e, sqlWithPlaceholders, jdbcSql, processId);
        log(QueryAudit.failed(user, address, sqlWithPlaceholders, millis(start), refused.sqlState(), refused.getMessage()));
        throw refused;
      }
      try {
        return describedOf(SqlText.replacePlaceholders(calciteSql,
            n -> Parameters.sampleLiteral(n <= parameterTypes.length ? parameterTypes[n - 1] : 0)), List.of(), null);
      } catch (SQLException again) {
        e.addSuppressed(again);
        // e's positions are in the statement with its placeholders as the driver took them
        throw StatementErrors.of(e, sqlWithPlaceholders, jdbcSql, processId);
      }
    }
  }

  /** Describes {@code jdbcSql}; with {@code storeKey}, keeps it as a store read when the driver plans it as one. */
  private Described describedOf(String jdbcSql, List<Integer> order, StoreReads.Key storeKey) throws SQLException {
    Optional<StoreReads.Read> planned = Optional.empty();
    try (StoreReads.Planning planning = storeKey == null ? null : new StoreReads.Planning();
        PreparedStatement ps = connection.prepareStatement(jdbcSql)) {
      ResultSetMetaData md = ps.getMetaData();
      if (planning != null && md != null) {
        planned = planning.storeQuery(md);
      }
      int[] types = new int[order.stream().mapToInt(Integer::intValue).max().orElse(0)];
      try {
        ParameterMetaData pmd = ps.getParameterMetaData();
        for (int j = 1; pmd != null && j <= Math.min(pmd.getParameterCount(), order.size()); j++) {
          int n = order.get(j - 1);
          if (types[n - 1] == 0) {
            types[n - 1] = PgType.ofJdbc(pmd.getParameterType(j)).oid();
          }
        }
      } catch (SQLException | RuntimeException e) {
        LOG.debug("no parameter types for {}", jdbcSql, e); // reported as text, as before
      }
      Optional<List<Column>> columns = md == null ? Optional.empty() : Optional.of(Result.columns(md, new short[0], origins));
      if (planned.isPresent() && StoreReads.encodable(md, columns.get())) {
        storeReads.keep(storeKey, planned.get());
      }
      return new Described(columns, types);
    }
  }

  /** The type pg_catalog's {@code table} declares {@code column} as, for {@link KeylessCatalog}; null when unknown. */
  private PgType catalogColumnType(String table, String column) {
    try {
      return PgCatalog.columnType(connection, table, column);
    } catch (SQLException e) {
      LOG.debug("no type for catalog column {}.{}", table, column, e); // the expression's type is taken instead
      return null;
    }
  }

  /** Where this session's result columns come from, and the types the catalog declares its own columns as. */
  private final Result.ColumnOrigins origins = new Result.ColumnOrigins() {
    @Override
    public int[] of(String schema, String table, String column) {
      return origin(schema, table, column);
    }

    @Override
    public PgType declaredType(String schema, String table, String column) throws SQLException {
      return PgCatalog.declaredType(connection, schema, table, column);
    }
  };

  /**
   * The OID and attnum pg_class and pg_attribute give {@code schema.table.column} in this session's catalog,
   * so a client that joins RowDescription to pg_attribute finds the column; null when the catalog has none.
   */
  private int[] origin(String schema, String table, String column) {
    try {
      return originOrThrow(schema, table, column);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("no origin for column {}.{}.{}", schema, table, column, e); // the column is sent as computed
      return null;
    }
  }

  private int[] originOrThrow(String schema, String table, String column) throws SQLException {
    DatabaseMetaData md = metaData();
    Relations current = relations(md);
    Optional<CatalogSnapshot.Relation> relation = Optional.ofNullable(current.byName().get(List.of(schema, table)));
    if (relation.isEmpty()) {
      return null;
    }
    List<String> names = current.columns().get(schema + "." + table);
    if (names == null) {
      names = new ArrayList<>();
      // the same order CatalogSource numbers pg_attribute in: getColumns' order
      try (ResultSet rs = md.getColumns(null, escape(md, schema), escape(md, table), "%")) {
        while (rs.next()) {
          if (schema.equals(rs.getString("TABLE_SCHEM")) && table.equals(rs.getString("TABLE_NAME"))) {
            names.add(rs.getString("COLUMN_NAME"));
          }
        }
      }
      current.columns().put(schema + "." + table, List.copyOf(names));
    }
    int attnum = names.indexOf(column) + 1;
    return attnum == 0 ? null : new int[] {relation.get().oid(), attnum};
  }

  /**
   * The driver connection's metadata, asked for once: the driver makes a new object for each call, and every column of
   * every result looks its origin up in it.
   */
  private DatabaseMetaData metaData() throws SQLException {
    DatabaseMetaData md = metaData;
    if (md == null) {
      md = connection.getMetaData();
      metaData = md;
    }
    return md;
  }

  /**
   * The catalog's relations by schema and name as pg_class numbers them, for {@link #origin}: built again only when
   * the catalog's lists of schemas or tables (the very lists {@link CatalogSnapshot#read} numbers) or the policy are no
   * longer those they were built from; before, a snapshot was built and searched for each column of each result. The
   * relations' column names go with them, so that a table whose columns changed is numbered as pg_attribute numbers it
   * once the catalog has read its lists again.
   */
  private Relations relations(DatabaseMetaData md) throws SQLException {
    AccessPolicy policy = PgSession.policy(account);
    List<String> schemas = catalog.schemas(md, policy);
    List<CatalogSource.TableRow> tables = catalog.tables(md, policy);
    Relations last = relations;
    if (last != null && last.schemas() == schemas && last.tables() == tables && last.policy().equals(policy)) {
      return last;
    }
    Map<List<String>, CatalogSnapshot.Relation> byName = new HashMap<>();
    for (CatalogSnapshot.Relation r : CatalogSnapshot.read(catalog, md, policy, false).relations()) {
      byName.putIfAbsent(List.of(r.namespace().name(), r.name()), r); // the first, as pg_class lists them
    }
    Relations built = new Relations(policy, schemas, tables, Map.copyOf(byName), new ConcurrentHashMap<>());
    relations = built;
    return built;
  }

  /**
   * The catalog's relations by schema and name, and the lists and policy they were read with, compared by identity;
   * {@code columns} holds the column names of the relations results came from, by "schema.table" in attnum order,
   * filled as results need them.
   */
  private record Relations(AccessPolicy policy, List<String> schemas, List<CatalogSource.TableRow> tables,
      Map<List<String>, CatalogSnapshot.Relation> byName, Map<String, List<String>> columns) {
  }

  private static String escape(DatabaseMetaData md, String name) throws SQLException {
    String e = md.getSearchStringEscape();
    return e == null || e.isEmpty() ? name : name.replace(e, e + e).replace("_", e + "_").replace("%", e + "%");
  }

  /**
   * The session's TimeZone, given to the driver's connection before a statement runs: Calcite computes
   * CURRENT_TIMESTAMP, LOCALTIMESTAMP and CURRENT_DATE as the local time of its connection's {@code timeZone}. Nothing
   * is done while the setting stays the zone last given.
   */
  private void applyTimeZone() {
    java.time.ZoneId asked = settings.zone();
    if (asked.equals(zoneAsked)) {
      return;
    }
    String zone = TimeZone.getTimeZone(asked).getID();
    try {
      if (!zone.equals(appliedZone) && connection.isWrapperFor(CalciteConnection.class)) {
        connection.unwrap(CalciteConnection.class).getProperties().setProperty("timeZone", zone);
      }
      appliedZone = zone;
      connectionZone = PgType.sessionZone(connection);
      zoneAsked = asked;
    } catch (SQLException e) {
      LOG.debug("the driver's connection keeps its time zone", e); // now() stays in UTC
    }
  }

  /** The zone the driver's connection holds ({@link PgType#sessionZone}), as the last {@link #applyTimeZone} left it. */
  private java.time.ZoneId connectionZone() throws SQLException {
    java.time.ZoneId zone = connectionZone;
    return zone != null ? zone : PgType.sessionZone(connection);
  }

  /** {@code statement}, a cursor's, reads rows for a FETCH or MOVE: a CancelRequest stops it until {@link #idle}. */
  void reading(Statement statement) {
    running = statement;
  }

  /** The statement that ran is now an idle cursor's: a CancelRequest no longer stops it. */
  void idle() {
    running = null;
  }

  /**
   * Stops the running statement, as a CancelRequest asks; does nothing when none runs. The driver stops
   * the store's query only once the store runs it, so a cancel that arrives while Calcite still plans
   * would be lost: it is repeated until the statement ends, for at most {@link #CANCEL_TRIES} tries.
   */
  void cancel() {
    AtomicBoolean planner = plannerCanceled;
    if (planner != null) {
      planner.set(true);
    }
    Statement s = running;
    RunningStatements.Execution waiting = waitingRead;
    if (s == null && waiting != null) {
      RunningStatements.cancel(waiting); // a straight read waiting for a read session of the store
      return;
    }
    if (s == null) {
      // a statement being described has no JDBC statement yet: its planning ends with 57014; an idle session ignores
      // the cancel, as PostgreSQL does
      describeCanceled = describing;
      return;
    }
    canceled = s;
    Thread.ofVirtual().name("cancel-" + user).start(() -> {
      for (int i = 0; i < CANCEL_TRIES && running == s; i++) {
        try {
          s.cancel();
          Thread.sleep(CANCEL_EVERY_MILLIS);
        } catch (SQLException e) {
          LOG.debug("cancel failed", e);
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });
  }

  /**
   * 57014 when a cancel was asked for {@code statement} while the driver planned it: the driver's own cancel reaches a
   * statement only once it runs, so a planning that outlasts the repeated cancels would otherwise run the query after all.
   */
  private void unlessCanceled(Statement statement) throws SQLException {
    if (canceled == statement) {
      throw new SQLException("canceling statement due to user request", CANCELED);
    }
  }

  /** What a statement a cancel was asked for failed with ({@code e}: the planner aborted, the store stopped …). */
  private static PgException canceled(Throwable e) {
    return new PgException(CANCELED, "canceling statement due to user request", e);
  }

  /**
   * Lets a cancel stop the planning of the statement about to be planned on this thread: until the hooks close, a
   * flag that {@link #cancel} sets is given to each planner the driver makes here ({@link PlanningCancel}: Calcite's
   * cost-based planner checks it at each rule and then ends its search), and checked once the statement is converted and once it is optimized, where
   * planning then ends with {@link PlanningCanceled} rather than go on. So the driver keeps no plan of a cancelled
   * planning (its search cut short), and a statement cancelled while planned never runs.
   */
  private Hook.Closeable planning() {
    AtomicBoolean flag = new AtomicBoolean();
    plannerCanceled = flag;
    PlanningCancel planner = PlanningCancel.on(flag);
    Hook.Closeable converted = Hook.CONVERTED.addThread((Object rel) -> PlanningCanceled.unless(flag));
    Hook.Closeable optimized = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((Object root) -> PlanningCanceled.unless(flag));
    return () -> {
      optimized.close();
      converted.close();
      planner.close();
      plannerCanceled = null;
    };
  }

  /** Ends the planning of a statement a cancel was asked for while it was planned ({@link #planning}). */
  private static final class PlanningCanceled extends RuntimeException {
    private PlanningCanceled() {
      super("canceling statement due to user request", null, false, false);
    }

    static void unless(AtomicBoolean canceled) {
      if (canceled.get()) {
        throw new PlanningCanceled();
      }
    }
  }

  /** {@link #forCalcite} in this session's search path and with its process id, kept for statements sent again. */
  private String translate(String sql) {
    String schema = searchPath.schema();
    if (sql.length() > LONGEST_TRANSLATION_KEPT) {
      return tableOids(PgDialect.sessionValues(forCalcite(sql, schema), processId, server));
    }
    // the catalog tables' OIDs are put in each time: a re-read of the catalog may number them anew
    return tableOids(translated.get(new Translation(schema, sql),
        key -> PgDialect.sessionValues(forCalcite(sql, schema), processId, server)));
  }

  /**
   * {@code translated} with each catalog table's {@code tableoid} as its OID in this session's catalog and its
   * {@code xmin} as the generation of the catalog the session's user reads ({@link CatalogSource#generation}): the
   * same while the catalog stays as it is, another once a re-read finds it changed.
   */
  private String tableOids(String translated) {
    return PgDialect.tableOids(translated, name -> {
      try {
        return PgCatalog.tableOid(connection, name);
      } catch (SQLException e) {
        LOG.debug("no tableoid for {}", name, e); // the column then stays unknown, as before
        return java.util.OptionalInt.empty();
      }
    }, () -> {
      try {
        return (int) catalog.generation(connection.getMetaData(), PgSession.policy(account));
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the catalog's generation for xmin", e);
      }
    });
  }

  private record Translation(String schema, String sql) {
  }

  /** PostgreSQL's EXPLAIN is Calcite's EXPLAIN PLAN FOR ({@link ExplainPlan}). */
  static String forCalcite(String sql, String schema) {
    Optional<ExplainPlan> explain = ExplainPlan.of(sql);
    if (explain.isPresent()) {
      return explain.get().calciteSql(PgDialect.toCalcite(explain.get().query(), schema));
    }
    return PgDialect.toCalcite(SqlText.stripComments(sql), schema);
  }

  /**
   * {@code SET search_path}: unqualified names go to the first listed schema that exists and the user may
   * read; the driver's connection looks them up there from now on.
   */
  private void setSearchPath(List<String> names) throws PgException {
    try {
      Set<String> existing = new HashSet<>();
      try (ResultSet rs = connection.getMetaData().getSchemas()) {
        while (rs.next()) {
          existing.add(rs.getString("TABLE_SCHEM"));
        }
      }
      String chosen = searchPath.choose(names, n -> existing.contains(n) && account.mayRead(n));
      connection.setSchema(chosen);
      searchPath.use(chosen);
    } catch (SQLException e) {
      throw PgException.of(e);
    }
  }

  private static void log(QueryAudit entry) {
    QueryLogQueue.queries().offer(LOG, entry.line()); // never waits for stderr
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void closeQuietly(AutoCloseable s) {
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        // already failing, or the rows were sent; the first error is the one to report
        LOG.debug("closing a statement or store connection failed", e);
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing the session's connection failed", e);
    }
  }
}
