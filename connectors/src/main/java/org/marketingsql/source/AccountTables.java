package org.marketingsql.source;

import static org.marketingsql.source.SqlType.VARCHAR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.marketingsql.source.http.ApiException;

/**
 * Reads every ad account of a source with the same tables, in one place for every platform: each table
 * of the source is the union of that table of every account, every row carrying {@code account_id} and
 * {@code account_name} (added as the last columns where a table lacks them), and the source gains an
 * {@code accounts} table, one row per account, that feeds {@code finance.accounts}.
 *
 * <p>An account's failure fails the table, the message naming the account, and keeps its cause (an
 * {@link ApiException} stays one, of the same kind). With one account a table's cursor is that
 * account's; with several it is a JSON object of each account's cursor by account id. A cursor of the
 * other form (a source that went from one account to several) is every account's starting point.
 */
public final class AccountTables {
  /** The name of the table listing the accounts. */
  public static final String ACCOUNTS = "accounts";
  /**
   * Made on first use, not when the class loads: every connection loads the source descriptors, and an ObjectMapper
   * costs a fresh JVM several hundred of Jackson's classes.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
  private static final SourceColumn ACCOUNT_ID = new SourceColumn("account_id", VARCHAR, "The ad account's id.");
  private static final SourceColumn ACCOUNT_NAME = new SourceColumn("account_name", VARCHAR,
      "The ad account's name, as the platform lists it now.");

  /** One account of the source, ready to be read. */
  public interface Reader {
    /** The account as the platform describes it (an API call the first time). */
    AdAccount account();

    /** The account's tables: the same names and columns for every account of the source. */
    List<ApiTable> tables();
  }

  /** The {@code accounts} table every ad platform source has, as declared, for the registry and the docs. */
  public static final TableDefinition<AdAccount> DEFINITION = TableDefinition.<AdAccount>table(ACCOUNTS,
          "One row per ad account the source reads, as the platform describes it now. Feeds finance.accounts.")
      .column("id", VARCHAR, "The row's key: the ad account's id.", AdAccount::id)
      .column("account_id", VARCHAR, "The ad account's id, as every table of the source writes it.", AdAccount::id)
      .column("account_name", VARCHAR, "The ad account's name.", AdAccount::name)
      .column("currency", VARCHAR, "The account's currency, ISO 4217: the currency of its spend.", AdAccount::currency)
      .column("time_zone", VARCHAR, "The IANA time zone the platform reports the account's days in.",
          a -> a.timeZone().getId())
      .build();

  private final String api;
  private final String platform;
  private final Supplier<List<Reader>> list;
  private List<Reader> accounts;

  private AccountTables(String api, String platform, Supplier<List<Reader>> list) {
    this.api = Objects.requireNonNull(api, "api");
    this.platform = Objects.requireNonNull(platform, "platform");
    this.list = Objects.requireNonNull(list, "list");
  }

  /**
   * The source's tables: each table of {@code shapes} read for every account, then the {@code accounts} table.
   *
   * @param api the API as messages name it, e.g. {@code google-ads}
   * @param platform the platform as the finance views name it, e.g. {@code google_ads}
   * @param shapes the tables of any one account (only their names, columns, feeds and date columns are used)
   * @param accounts lists the accounts, once (it may call the API, as for a manager's client accounts)
   */
  public static List<ApiTable> of(String api, String platform, List<ApiTable> shapes, Supplier<List<Reader>> accounts) {
    AccountTables all = new AccountTables(api, platform, accounts);
    List<ApiTable> tables = new ArrayList<>();
    for (ApiTable shape : shapes) {
      if (shape.name().equals(ACCOUNTS)) {
        throw new IllegalArgumentException("table " + ACCOUNTS + " of " + api + " is the accounts' own");
      }
      tables.add(all.everyAccount(shape));
    }
    tables.add(all.accountsTable());
    return List.copyOf(tables);
  }

  /** The declared tables of a source with every row's account columns, and the {@code accounts} table last. */
  public static List<TableDefinition<?>> definitions(List<TableDefinition<?>> tables) {
    List<TableDefinition<?>> all = new ArrayList<>();
    for (TableDefinition<?> table : tables) {
      all.add(withAccountColumns(table));
    }
    all.add(DEFINITION);
    return List.copyOf(all);
  }

  /**
   * The account ids a source lists: {@code many} (a YAML list or a comma-separated string), then the
   * single {@code one}, trimmed, blanks left out, each once; empty when it lists none.
   */
  public static List<String> listed(org.marketingsql.config.SourceConfig config, String many, String one) {
    List<String> ids = new ArrayList<>();
    Object value = config.settings().get(many);
    if (value != null) {
      List<?> items = value instanceof List<?> l ? l : java.util.Arrays.asList(String.valueOf(value).split(","));
      for (Object item : items) {
        if (item != null && !String.valueOf(item).isBlank() && !ids.contains(String.valueOf(item).trim())) {
          ids.add(String.valueOf(item).trim());
        }
      }
    }
    String single = config.setting(one);
    if (single != null && !single.isBlank() && !ids.contains(single.trim())) {
      ids.add(single.trim());
    }
    return List.copyOf(ids);
  }

  private static <R> TableDefinition<R> withAccountColumns(TableDefinition<R> table) {
    List<TableDefinition.Field<R>> fields = new ArrayList<>(table.fields());
    List<String> names = table.columns().stream().map(SourceColumn::name).toList();
    if (!names.contains(ACCOUNT_ID.name())) {
      fields.add(new TableDefinition.Field<>(ACCOUNT_ID, r -> null));
    }
    if (!names.contains(ACCOUNT_NAME.name())) {
      fields.add(new TableDefinition.Field<>(ACCOUNT_NAME, r -> null));
    }
    return new TableDefinition<>(table.name(), table.description(), fields);
  }

  private synchronized List<Reader> accounts() {
    if (accounts == null) {
      List<Reader> listed = List.copyOf(list.get());
      if (listed.isEmpty()) {
        throw ApiException.of(ApiException.Kind.REJECTED, "accounts", 0, api + " lists no ad account to read");
      }
      accounts = listed;
    }
    return accounts;
  }

  private ApiTable accountsTable() {
    return new ApiTable(ACCOUNTS, DEFINITION.columns(), (cursor, progress) -> {
      List<Object[]> rows = new ArrayList<>();
      for (Reader reader : accounts()) {
        rows.add(DEFINITION.row(describe(reader, ACCOUNTS)));
      }
      progress.page(1, rows.size());
      return new Batch(rows, Optional.empty(), 1, true);
    }, accountsFeed());
  }

  private Feed accountsFeed() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String column : Feed.Input.ACCOUNTS.columns()) {
      columns.put(column, column.equals("platform") ? "'" + platform + "'" : "\"" + column + "\"");
    }
    return new Feed(Feed.Input.ACCOUNTS, columns, "TRUE");
  }

  private AdAccount describe(Reader reader, String table) {
    try {
      return reader.account();
    } catch (RuntimeException e) {
      throw failure(e, table, "describing an account");
    }
  }

  /** The table {@code shape} read for every account. */
  private ApiTable everyAccount(ApiTable shape) {
    List<SourceColumn> columns = new ArrayList<>(shape.columns());
    int idColumn = indexOf(columns, ACCOUNT_ID.name());
    if (idColumn < 0) {
      columns.add(ACCOUNT_ID);
      idColumn = columns.size() - 1;
    }
    int nameColumn = indexOf(columns, ACCOUNT_NAME.name());
    if (nameColumn < 0) {
      columns.add(ACCOUNT_NAME);
      nameColumn = columns.size() - 1;
    }
    Shape out = new Shape(shape.name(), columns.size(), idColumn, nameColumn);
    ApiTable table = new ApiTable(shape.name(), columns, (cursor, progress) -> fetch(out, cursor, progress),
        shape.feed());
    return shape.readsRanges()
        ? table.withRanges(shape.dateColumn(), (range, progress) -> fetchRange(out, range, progress))
        : table;
  }

  /** Where a table's rows get their account columns. */
  private record Shape(String name, int width, int idColumn, int nameColumn) {
  }

  private Batch fetch(Shape shape, Optional<String> cursor, ApiTable.Progress progress) {
    List<Reader> readers = accounts();
    Map<String, String> cursors = cursors(cursor, readers.size());
    List<Object[]> rows = new ArrayList<>();
    Map<String, String> next = new LinkedHashMap<>();
    int pages = 0;
    boolean complete = true;
    Optional<DateRange> covered = null;
    List<String> notes = new ArrayList<>();
    for (Reader reader : readers) {
      AdAccount account = describe(reader, shape.name());
      Optional<String> own = cursors == null ? cursor : Optional.ofNullable(cursors.get(account.id()));
      int before = pages;
      int already = rows.size();
      Batch batch;
      try {
        batch = table(reader, shape.name()).fetcher().fetch(own,
            (p, r) -> progress.page(before + p, already + r));
      } catch (RuntimeException e) {
        throw failure(e, shape.name(), "account " + account.id());
      }
      add(rows, batch, shape, account);
      pages += batch.pages();
      complete &= batch.complete();
      batch.cursor().ifPresent(c -> next.put(account.id(), c));
      covered = covered == null ? batch.covered() : intersect(covered, batch.covered());
      if (batch.note() != null) {
        notes.add(readers.size() == 1 ? batch.note() : "account " + account.id() + ": " + batch.note());
      }
    }
    Optional<String> cursorOut;
    if (readers.size() == 1) {
      cursorOut = next.isEmpty() ? Optional.empty() : Optional.of(next.values().iterator().next());
    } else {
      cursorOut = next.isEmpty() ? Optional.empty() : Optional.of(write(next));
    }
    return new Batch(rows, cursorOut, pages, complete, covered == null ? Optional.empty() : covered,
        notes.isEmpty() ? null : String.join("; ", notes));
  }

  private Batch fetchRange(Shape shape, DateRange range, ApiTable.Progress progress) {
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (Reader reader : accounts()) {
      AdAccount account = describe(reader, shape.name());
      int before = pages;
      int already = rows.size();
      Batch batch;
      try {
        batch = table(reader, shape.name()).ranged().fetchRange(range,
            (p, r) -> progress.page(before + p, already + r));
      } catch (RuntimeException e) {
        throw failure(e, shape.name(), "account " + account.id());
      }
      add(rows, batch, shape, account);
      pages += batch.pages();
    }
    return new Batch(rows, Optional.empty(), pages, false, Optional.of(range));
  }

  /** An account's rows with its id and name where the API left none. */
  private static void add(List<Object[]> rows, Batch batch, Shape shape, AdAccount account) {
    for (Object[] row : batch.rows()) {
      Object[] out = row.length == shape.width() ? row.clone() : java.util.Arrays.copyOf(row, shape.width());
      if (out[shape.idColumn()] == null) {
        out[shape.idColumn()] = account.id();
      }
      if (out[shape.nameColumn()] == null) {
        out[shape.nameColumn()] = account.name();
      }
      rows.add(out);
    }
  }

  private static ApiTable table(Reader reader, String name) {
    return reader.tables().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("an account of the source has no table " + name));
  }

  /** The days every account covered; none when one of them covered none. */
  private static Optional<DateRange> intersect(Optional<DateRange> a, Optional<DateRange> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    var from = a.get().from().isAfter(b.get().from()) ? a.get().from() : b.get().from();
    var to = a.get().to().isBefore(b.get().to()) ? a.get().to() : b.get().to();
    return from.isAfter(to) ? Optional.empty() : Optional.of(new DateRange(from, to));
  }

  /** Each account's cursor, or null when {@code cursor} is every account's (one account, or an old plain cursor). */
  private Map<String, String> cursors(Optional<String> cursor, int accounts) {
    if (accounts == 1 || cursor.isEmpty() || !cursor.get().startsWith("{")) {
      return accounts == 1 || cursor.isPresent() ? null : Map.of();
    }
    try {
      return Json.MAPPER.readValue(cursor.get(), new TypeReference<LinkedHashMap<String, String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(api + ": the stored cursor " + cursor.get() + " is not one cursor per account", e);
    }
  }

  private static String write(Map<String, String> cursors) {
    try {
      return Json.MAPPER.writeValueAsString(cursors);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the accounts' cursors", e);
    }
  }

  /** {@code e} with the account named in its message, of the same kind, its cause kept. */
  private RuntimeException failure(RuntimeException e, String table, String account) {
    String message = account + ": " + e.getMessage();
    if (e instanceof ApiException a) {
      return ApiException.of(a.kind(), a.endpoint(), a.status(), message, e);
    }
    return new IllegalStateException(message, e);
  }

  private static int indexOf(List<SourceColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
