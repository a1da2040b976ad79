package org.marketingsql.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.jdbi.v3.core.Handle;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.source.Feed;
import org.marketingsql.source.export.AdColumns;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.export.AdExportReader;
import org.marketingsql.source.export.AdReport;
import org.marketingsql.source.export.ColumnSpec;
import org.marketingsql.source.export.ConversionReportReader;
import org.marketingsql.source.export.CsvExport;
import org.marketingsql.source.export.ExportException;
import org.marketingsql.source.export.ExportFolderEntries;
import org.marketingsql.source.export.ExportPreview;
import org.marketingsql.source.export.FileStamp;
import org.marketingsql.source.export.Frame;
import org.marketingsql.source.export.InputKind;
import org.marketingsql.source.export.Kind;
import org.marketingsql.source.export.Names;
import org.marketingsql.source.export.OrderExportFormat;
import org.marketingsql.source.export.OrderExportReader;
import org.marketingsql.source.export.ReportReader;
import org.marketingsql.source.export.RowSink;
import org.marketingsql.source.registry.SourceRegistry;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.RowWriter;
import org.marketingsql.store.Sql;
import org.marketingsql.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code csv-folder} source into the store: each {@code *.csv} / {@code *.tsv} becomes a
 * table of the source's schema, parsed once and parsed again only when the file changes (size,
 * modification time, then content hash). Each file loads in its own transaction: a file that fails
 * is never half-loaded, its error is recorded for every later query, and the other files load.
 *
 * <p>What a file is decides how it loads: an ad platform's report ({@link AdExportFormat}: Google Ads,
 * Microsoft Advertising, Meta, LinkedIn) in the ad spend layout, a payment or CRM export
 * ({@link OrderExportFormat}: Stripe, Shopify, HubSpot) in the orders layout, anything else as today: a
 * finance input recognised by its header ({@link InputKind}) or a generic table. The source's
 * {@code format} setting overrides the detection.
 */
public final class ExportFolderLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ExportFolderLoader.class);

  private final Store store;
  private final SourceConfig source;
  /** Told of each file once it has been read, before the load commits (tests change the file there). */
  private final Consumer<Path> afterReading;
  private final ZoneId zone;

  public ExportFolderLoader(Store store, SourceConfig source) {
    this(store, source, ZoneOffset.UTC);
  }

  /** @param zone the reporting time zone: orders written with a UTC offset are orders of its days */
  public ExportFolderLoader(Store store, SourceConfig source, ZoneId zone) {
    this(store, source, file -> { }, zone);
  }

  ExportFolderLoader(Store store, SourceConfig source, Consumer<Path> afterReading) {
    this(store, source, afterReading, ZoneOffset.UTC);
  }

  ExportFolderLoader(Store store, SourceConfig source, Consumer<Path> afterReading, ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.store = Objects.requireNonNull(store, "store");
    this.source = Objects.requireNonNull(source, "source");
    this.afterReading = Objects.requireNonNull(afterReading, "afterReading");
    Objects.requireNonNull(source.path(), "a csv-folder source has a path");
  }

  /** The export files of the folder, in name order; entries that are not are logged once, with why. */
  List<Path> files() {
    ExportFolderEntries entries = ExportFolderEntries.list(source.path());
    for (ExportFolderEntries.Skipped skipped : entries.skipped()) {
      if (WARNED.add(skipped.entry() + ": " + skipped.reason())) {
        LOG.warn("{}: skipped {}: {}", source.name(), skipped.entry(), skipped.reason());
      }
    }
    return entries.files();
  }

  /** Skipped entries already logged, so a folder read at every query does not repeat them. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /**
   * What one entry of the folder would be loaded as, why it would be refused (a file that is not a valid
   * export), or why it is skipped (an entry that is not a regular file inside the folder).
   */
  public record FileVerdict(Path file, String readAs, String problem, String skipped) {
    public FileVerdict {
      Objects.requireNonNull(file, "file");
    }

    public FileVerdict(Path file, String readAs, String problem) {
      this(file, readAs, problem, null);
    }

    @Override
    public String toString() {
      return file.getFileName() + ": " + (skipped != null ? "skipped: " + skipped
          : problem != null ? "refused: " + problem : readAs);
    }
  }

  /**
   * Says, for every file of the folder, what it would be read as (a platform's report, a finance input
   * or a generic table), reading only its first lines; loads nothing and changes nothing.
   */
  public static List<FileVerdict> inspect(SourceConfig source) {
    List<FileVerdict> verdicts = new ArrayList<>();
    ExportFolderEntries entries = ExportFolderEntries.list(source.path());
    for (ExportFolderEntries.Skipped skipped : entries.skipped()) {
      verdicts.add(new FileVerdict(skipped.entry(), null, null, skipped.reason()));
    }
    for (Path file : entries.files()) {
      try {
        AdReport report = SourceRegistry.exportFormats().detectAd(ExportPreview.read(file), source.format(), source.locale());
        CsvExport csv = CsvExport.open(file, report == null ? Frame.PLAIN : report.frame());
        AdColumns adColumns = report == null ? null : report.format().columns(file, csv.header());
        if (adColumns != null) {
          adColumns.withCurrency(source.currency(), file, report.format().label());
          verdicts.add(new FileVerdict(file, report.format().label() + " ad report", null));
          continue;
        }
        AdColumns actionColumns = report == null ? null : report.format().conversionColumns(file, csv.header());
        if (actionColumns != null) {
          new ConversionReportReader(csv, report, actionColumns, source.locale(), source.currency());
          verdicts.add(new FileVerdict(file, report.format().label() + " conversions by action", null));
          continue;
        }
        OrderExportFormat orders = report != null ? null : SourceRegistry.exportFormats().detectOrders(file, csv.header(), source.format());
        if (orders != null) {
          verdicts.add(new FileVerdict(file, orders.label() + " orders export", null));
          continue;
        }
        InputKind kind = InputKind.detect(file, csv.columnNames());
        verdicts.add(new FileVerdict(file, kind != null ? kind.label() + " (finance input)"
            : "no known format: a generic table of " + csv.columnNames().size() + " columns", null));
      } catch (ExportException | RuntimeException e) {
        verdicts.add(new FileVerdict(file, null, e.getMessage()));
      }
    }
    verdicts.sort(Comparator.comparing(FileVerdict::file));
    return verdicts;
  }

  /**
   * Brings the store up to date with the folder.
   *
   * @return whether anything was loaded or removed (the facts then need a refresh)
   */
  public boolean refresh() {
    Diff diff = diff();
    List<Path> files = diff.files();
    Map<String, LoadState> known = diff.known();
    List<Path> changed = diff.changed();
    List<LoadState> removed = diff.removed();
    if (changed.isEmpty() && removed.isEmpty()) {
      return false;
    }
    Map<String, String> tableNames = tableNames(files, known);
    try {
      write(changed, removed, tableNames, known);
    } catch (SQLException e) {
      throw new org.marketingsql.store.StoreException("loading exports of source " + source.name() + " failed: "
          + e.getMessage(), e);
    }
    return true;
  }

  /**
   * Whether the folder differs from what the store holds (a file added, removed, or with another size or
   * modification time); reads only the folder's listing and the store's load state, writes nothing.
   */
  public boolean changed() {
    return !pending().isEmpty();
  }

  /**
   * What the folder holds that the store does not yet: files added or changed (size or modification time)
   * and files gone. Reads only the folder's listing and the store's load state, writes nothing.
   */
  public Pending pending() {
    return diff().pending();
  }

  /** Export files a refresh would load or drop. */
  public record Pending(int changed, int gone) {
    public Pending {
      if (changed < 0 || gone < 0) {
        throw new IllegalArgumentException("counts are not negative: " + changed + ", " + gone);
      }
    }

    public boolean isEmpty() {
      return changed == 0 && gone == 0;
    }

    /** For people, e.g. {@code 2 export files new or changed and 1 gone, not yet loaded}; empty when nothing is pending. */
    public String describe() {
      if (isEmpty()) {
        return "";
      }
      String files = changed > 0 ? changed + " export file" + (changed == 1 ? "" : "s") + " new or changed" : "";
      String removed = gone > 0 ? gone + " export file" + (gone == 1 ? "" : "s") + " gone" : "";
      return (changed > 0 && gone > 0 ? files + " and " + removed : files + removed) + ", not yet loaded";
    }
  }

  /** The folder against the store's load state. */
  private record Diff(List<Path> files, Map<String, LoadState> known, List<Path> changed, List<LoadState> removed) {
    Pending pending() {
      return new Pending(changed.size(), removed.size());
    }
  }

  private Diff diff() {
    Map<String, LoadState> known = new HashMap<>();
    for (LoadState state : store.read(handle -> LoadState.forSource(handle, source.name()))) {
      known.put(key(state.filePath()), state);
    }
    List<Path> files = files();
    List<Path> changed = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (Path file : files) {
      present.add(key(file));
      LoadState state = known.get(key(file));
      if (state == null || state.fileSize() != size(file) || state.fileModified() != modified(file)) {
        changed.add(file);
      }
    }
    List<LoadState> removed = known.values().stream().filter(s -> !present.contains(key(s.filePath()))).toList();
    return new Diff(files, known, changed, removed);
  }

  /**
   * How the load state names a file: by its path relative to the source's folder, so that a folder moved or
   * copied with its store (the same files, elsewhere) is not loaded again. A state written by an earlier version
   * names the file by its absolute path; one inside the folder is read as the same relative path.
   */
  String key(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path folder = folder();
    return absolute.startsWith(folder) ? separated(folder.relativize(absolute)) : absolute.toString();
  }

  private String key(String filePath) {
    Path path;
    try {
      path = Path.of(filePath);
    } catch (InvalidPathException e) {
      return filePath; // not a file of this folder (it is then gone from it)
    }
    return path.isAbsolute() ? key(path) : separated(path);
  }

  /** The same relative path on every system: a store copied from Windows to Linux still matches. */
  private static String separated(Path relative) {
    return relative.toString().replace('\\', '/');
  }

  private Path folder() {
    return source.path().toAbsolutePath().normalize();
  }

  /** The file a load state names, for messages: its full path, so that a user can find it. */
  private Path located(LoadState state) {
    return folder().resolve(state.filePath());
  }

  private void write(List<Path> changed, List<LoadState> removed, Map<String, String> tableNames,
      Map<String, LoadState> known) throws SQLException {
    store.write("loading exports of source " + source.name(), handle -> {
      handle.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(source.name()));
      Store.checkpoint(handle);
      for (LoadState gone : removed) {
        store.dropTable(handle, source.name(), gone.tableName()); // at the commit, where readers wait least
        LoadState.delete(handle, source.name(), gone.tableName());
        PendingFacts.mark(handle, source.name() + ": " + located(gone) + " is gone");
        Store.checkpoint(handle);
        LOG.info("{}: {} is gone from the folder; dropped table {}", source.name(), located(gone), gone.tableName());
      }
      for (Path file : changed) {
        load(handle, file, tableNames.get(key(file)), known.get(key(file)));
      }
      return null;
    });
  }

  private void load(Handle handle, Path file, String table, LoadState previous) throws SQLException {
    long size = size(file);
    long modified = modified(file);
    // Only a file of the same size can be the same file touched; otherwise the hash comes from loading it.
    boolean maybeTouched = previous != null && "ok".equals(previous.status()) && previous.fileSize() == size;
    String hash = maybeTouched ? hash(file) : null;
    if (maybeTouched && hash.equals(previous.fileHash())) {
      // Touched, not changed: remember the new time so the hash is not computed again.
      LoadState.save(handle, previous.withFile(key(file), size, modified, hash));
      Store.checkpoint(handle);
      return;
    }
    FileStamp before = FileStamp.of(file);
    long started = System.nanoTime();
    CRC32C read = new CRC32C();
    InputKind kind = null;
    // the input kind recorded, when it is none of the export layouts' (a conversions report feeds conversions)
    String kindName = null;
    List<String> header = List.of();
    try {
      AdReport report = SourceRegistry.exportFormats().detectAd(ExportPreview.read(file), source.format(), source.locale());
      CsvExport csv = CsvExport.open(file, report == null ? Frame.PLAIN : report.frame());
      AdColumns adColumns = report == null ? null : report.format().columns(file, csv.header());
      if (adColumns != null) {
        adColumns = adColumns.withCurrency(source.currency(), file, report.format().label());
      }
      AdColumns actionColumns = report == null || adColumns != null ? null
          : report.format().conversionColumns(file, csv.header());
      long rows;
      ReportReader reportReader = adColumns != null ? new AdExportReader(csv, report, adColumns, source.locale())
          : actionColumns != null
              ? new ConversionReportReader(csv, report, actionColumns, source.locale(), source.currency())
              : null;
      if (reportReader != null) {
        kind = adColumns != null ? InputKind.AD_SPEND : null;
        kindName = adColumns != null ? null : Feed.Input.CONVERSIONS.kind();
        header = reportReader.columns().stream().map(ColumnSpec::name).toList();
        rows = loadReport(handle, table, reportReader);
      } else {
        OrderExportFormat orders = report != null ? null : SourceRegistry.exportFormats().detectOrders(file, csv.header(), source.format());
        if (orders != null) {
          kind = InputKind.ORDERS;
          OrderExportReader reader = new OrderExportReader(csv, orders, source.locale(), source.currency(), zone);
          header = reader.columns().stream().map(ColumnSpec::name).toList();
          rows = loadOrders(handle, file, table, reader);
        } else {
          header = csv.columnNames();
          kind = InputKind.detect(file, header);
          rows = loadTable(handle, file, table, csv, kind, read);
          hash = hash == null ? hash(read, size) : hash;
        }
      }
      hash = hash == null ? hash(file) : hash;
      afterReading.accept(file);
      if (!FileStamp.of(file).equals(before)) {
        // Written to while we read it: keep the last good table and load the file on the next refresh.
        Store.undo(handle);
        LOG.info("{}: {} changed while it was read; it loads on the next refresh", source.name(), file.getFileName());
        return;
      }
      LoadState.save(handle, new LoadState(source.name(), table, key(file), size, modified, hash,
          kindName != null ? kindName : kind == null ? null : kind.name(), "ok", null, rows, String.join(",", header),
          now(), now()));
      PendingFacts.mark(handle, source.name() + ": loaded " + file);
      Store.checkpoint(handle);
      LOG.info("{}: loaded {} ({} rows{}) in {} ms", source.name(), file.getFileName(), rows,
          adColumns != null ? ", " + report.format().label() + " ad report"
              : kindName != null ? ", " + report.format().label() + " conversions by action" : kind == null ? "" : ", " + kind.label(), (System.nanoTime() - started) / 1_000_000);
    } catch (ExportException | SQLException | RuntimeException e) {
      Store.undo(handle);
      hash = hash == null ? hash(file) : hash;
      String message = e instanceof ExportException ? e.getMessage()
          : "cannot load " + file.getFileName() + ": " + e.getMessage();
      store.dropTable(handle, source.name(), table);
      LoadState.save(handle, new LoadState(source.name(), table, key(file), size, modified, hash,
          kindName != null ? kindName : kind == null ? null : kind.name(), "failed", message, 0L, String.join(",", header), now(),
          previous == null ? null : previous.lastSuccess()));
      PendingFacts.mark(handle, source.name() + ": " + file + " failed to load");
      Store.checkpoint(handle);
      LOG.error("{}: {}", source.name(), message);
    }
  }

  /** A plain export: a generic table, or a finance input recognised by its header. */
  private long loadTable(Handle handle, Path file, String table, CsvExport csv, InputKind kind, CRC32C read)
      throws ExportException, SQLException {
    return fill(handle, csv, file, table, columns(csv, kind, csv.columnNames()), kind, read);
  }

  /**
   * Creates the table and fills it. A plain UTF-8 file is read twice at once: our reader checks
   * every value (so every error names file, line and column) while the store's own bulk reader
   * inserts it with the same column types; when the two disagree on the row count, or the bulk
   * reader refuses the file, the rows our reader converted are loaded instead. Our reader's first
   * pass also feeds every byte of the file to {@code read}, which holds the file's checksum when this returns.
   */
  private long fill(Handle handle, CsvExport csv, Path file, String table, List<ColumnSpec> columns, InputKind kind,
      CRC32C read) throws ExportException, SQLException {
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    List<String> types = columns.stream().map(ColumnSpec::sqlType).toList();
    replaceTable(handle, table, columns);
    String charset = csv.charset().name();
    boolean checked = false;
    if (charset.equals("UTF-8") || charset.equals("US-ASCII")) {
      // budgets are small and their months are checked on the values; everything else only needs checking
      FutureTask<Long> check = new FutureTask<>(
          () -> kind == InputKind.BUDGETS ? csv.read(columns, validating(file, columns, kind, null), read)
              : csv.check(columns, validating(file, columns, kind, null), read));
      Thread checker = new Thread(check, "check " + file.getFileName());
      checker.setDaemon(true);
      checker.start();
      long inserted;
      try {
        inserted = store.bulkInsertCsv(handle, source.name(), table, file, csv.delimiter(), names, types);
      } catch (SQLException refused) {
        inserted = -2;
        LOG.debug("{}: the store's bulk reader refused {} ({}); loading row by row", source.name(),
            file.getFileName(), refused.getMessage());
      }
      long rows = await(check, file);
      checked = true;
      if (inserted == rows) {
        return rows;
      }
      if (inserted != -1) {
        // A refused bulk insert aborts the transaction: roll the file's unit back whole, which brings the
        // previous table back, and replace that again, so the reload stays one transaction.
        Store.undo(handle);
        replaceTable(handle, table, columns);
      }
    }
    try (RowWriter writer = store.writer(handle, source.name(), table, names)) {
      return checked ? csv.read(columns, validating(file, columns, kind, writer))
          : csv.read(columns, validating(file, columns, kind, writer), read);
    }
  }

  private static long await(FutureTask<Long> check, Path file)
      throws ExportException, SQLException {
    try {
      return check.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ExportException export) {
        throw export;
      }
      throw new SQLException("checking " + file.getFileName() + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while checking " + file.getFileName(), e);
    }
  }

  /** Checks what the column kinds cannot (required values, months), then hands the row on, if anywhere. */
  private static RowSink validating(Path file, List<ColumnSpec> columns, InputKind kind, RowWriter writer) {
    int[] required = requiredPositions(kind, columns);
    return (line, values) -> {
      for (int position : required) {
        if (values[position] == null) {
          throw ExportException.ofValue(file, line, columns.get(position).name(), "",
              "is empty, but every row of " + kind.label() + " needs it");
        }
      }
      if (kind == InputKind.BUDGETS) {
        checkMonth(file, line, columns, values);
      }
      if (writer != null) {
        writer.write(values);
      }
    };
  }

  /**
   * The columns to load: a finance input whose every column is documented needs no inference pass
   * (half the reading time); otherwise inference types the rest.
   */
  private static List<ColumnSpec> columns(CsvExport csv, InputKind kind, List<String> header) throws ExportException {
    // subscription items are inferred: their dates without a time stay dates, days of the reporting zone
    if (kind != null && kind != InputKind.RECURRING_ITEMS) {
      List<ColumnSpec> documented = new ArrayList<>();
      for (String name : header) {
        ColumnSpec spec = kind.spec(new ColumnSpec(name, Kind.VARCHAR, 0));
        if (!kind.declares(name)) {
          documented = null;
          break;
        }
        documented.add(spec);
      }
      if (documented != null) {
        return documented;
      }
      return csv.inferColumns().stream().map(kind::spec).toList();
    }
    if (kind != null) {
      return csv.inferColumns().stream().map(kind::spec).toList();
    }
    return csv.inferColumns();
  }

  /**
   * A platform's report (an ad report, conversions by action) in its layout. A report whose lines do not state
   * its range gets the range of its rows, which is what "newest report wins" in the facts compares.
   */
  private long loadReport(Handle handle, String table, ReportReader reader) throws ExportException, SQLException {
    List<ColumnSpec> columns = reader.columns();
    replaceTable(handle, table, columns);
    ReportReader.Result result;
    try (RowWriter writer = store.writer(handle, source.name(), table,
        columns.stream().map(ColumnSpec::name).toList())) {
      result = reader.read((line, values) -> writer.write(values));
    }
    if (result.rows() > 0) {
      // literals, not parameters: the store's JDBC driver does not bind LocalDate
      handle.execute("UPDATE " + qualified(table) + " SET \"report_start\" = COALESCE(\"report_start\", DATE "
          + Sql.literal(result.firstDay().toString()) + "), \"report_end\" = COALESCE(\"report_end\", DATE "
          + Sql.literal(result.lastDay().toString()) + ")");
    }
    return result.rows();
  }

  /** A payment or CRM export, in the orders layout. */
  private long loadOrders(Handle handle, Path file, String table, OrderExportReader reader)
      throws ExportException, SQLException {
    List<ColumnSpec> columns = reader.columns();
    replaceTable(handle, table, columns);
    OrderExportReader.Result result;
    try (RowWriter writer = store.writer(handle, source.name(), table,
        columns.stream().map(ColumnSpec::name).toList())) {
      result = reader.read((line, values) -> writer.write(values));
    }
    if (result.notOrders() > 0) {
      LOG.info("{}: {} has {} rows that are not orders (failed payments, further line items, open deals)",
          source.name(), file.getFileName(), result.notOrders());
    }
    return result.orders();
  }

  private static void checkMonth(Path file, long line, List<ColumnSpec> columns, Object[] values)
      throws ExportException {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals("month")) {
        String month = (String) values[i];
        boolean ok = month.length() == 7 && month.charAt(4) == '-';
        if (ok) {
          try {
            YearMonth.parse(month);
          } catch (DateTimeParseException e) {
            ok = false;
          }
        }
        if (!ok) {
          throw ExportException.ofValue(file, line, "month", month, "is not a month written as YYYY-MM");
        }
      }
    }
  }

  private static int[] requiredPositions(InputKind kind, List<ColumnSpec> columns) {
    if (kind == null) {
      return new int[0];
    }
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (kind.required().contains(columns.get(i).name())) {
        positions.add(i);
      }
    }
    return positions.stream().mapToInt(Integer::intValue).toArray();
  }

  /** An empty table of these columns, for the load to fill (on PostgreSQL, the same table emptied where it can). */
  private void replaceTable(Handle handle, String table, List<ColumnSpec> columns) {
    store.replaceTable(handle, source.name(), table, columns.stream().map(ColumnSpec::name).toList(),
        columns.stream().map(ColumnSpec::sqlType).toList());
  }

  private String qualified(String table) {
    return Sql.quote(source.name()) + "." + Sql.quote(table);
  }

  /** Table names stay as they were for known files; new files get a free name from their file name. */
  private Map<String, String> tableNames(List<Path> files, Map<String, LoadState> known) {
    Map<String, String> names = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (LoadState state : known.values()) {
      taken.add(state.tableName());
    }
    for (Path file : files) {
      LoadState state = known.get(key(file));
      if (state != null) {
        names.put(key(file), state.tableName());
      }
    }
    for (Path file : files) {
      if (!names.containsKey(key(file))) {
        String base = Names.tableName(file);
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
          name = base + "_" + n;
        }
        taken.add(name);
        names.put(key(file), name);
      }
    }
    return names;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  /** CRC-32C: a content check, not a security measure; it runs at disk speed. */
  private static String hash(Path file) {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    } catch (IOException e) {
      return "unreadable";
    }
    return hash(crc, size(file));
  }

  private static String hash(CRC32C crc, long size) {
    return Long.toHexString(crc.getValue()) + "-" + size;
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).withNano(0);
  }
}
