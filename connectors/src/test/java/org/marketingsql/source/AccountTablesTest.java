package org.marketingsql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.marketingsql.source.http.ApiException;

/** Every table of a source read for every account, in one place. */
class AccountTablesTest {
  private static final List<SourceColumn> COLUMNS = List.of(new SourceColumn("id", SqlType.VARCHAR, "The key."),
      new SourceColumn("date", SqlType.DATE, "The day."));

  /** An account whose one table answers a row per call, remembering the cursor it was asked from. */
  private static final class Account implements AccountTables.Reader {
    final AdAccount account;
    final List<Optional<String>> asked = new ArrayList<>();
    RuntimeException failure;

    Account(String id, String name) {
      this.account = new AdAccount(id, name, "USD", ZoneId.of("UTC"));
    }

    @Override
    public AdAccount account() {
      return account;
    }

    @Override
    public List<ApiTable> tables() {
      return List.of(new ApiTable("daily", COLUMNS, (cursor, progress) -> {
        asked.add(cursor);
        if (failure != null) {
          throw failure;
        }
        return new Batch(List.<Object[]>of(new Object[] {account.id() + "|1", LocalDate.of(2026, 11, 20)}),
            Optional.of("2026-11-2" + account.id().length()), 1, false,
            Optional.of(new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20 + account.id().length()))));
      }, null).withRanges("date", (range, progress) -> new Batch(List.of(), Optional.empty(), 1, false, Optional.of(range))));
    }
  }

  private static List<ApiTable> tables(Account... accounts) {
    return AccountTables.of("test-ads", "test_ads", accounts[0].tables(), () -> List.of(accounts));
  }

  @Test
  void everyRowGainsItsAccountsIdAndNameAsTheLastColumns() {
    Account one = new Account("1", "One");
    Account two = new Account("22", "Two");
    ApiTable daily = tables(one, two).get(0);
    assertEquals(List.of("id", "date", "account_id", "account_name"), daily.columns().stream().map(SourceColumn::name).toList());
    Batch batch = daily.fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(List.of("[1|1, 2026-11-20, 1, One]", "[22|1, 2026-11-20, 22, Two]"),
        batch.rows().stream().map(Arrays::toString).toList());
    assertEquals(Optional.of(new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 21))), batch.covered(),
        "the days every account covered");
  }

  @Test
  void severalAccountsKeepACursorEachAndAnOldPlainCursorStartsThemAll() {
    Account one = new Account("1", "One");
    Account two = new Account("22", "Two");
    ApiTable daily = tables(one, two).get(0);
    Batch first = daily.fetcher().fetch(Optional.of("2026-11-10"), ApiTable.Progress.NONE);
    assertEquals(List.of(Optional.of("2026-11-10")), one.asked);
    assertEquals(List.of(Optional.of("2026-11-10")), two.asked);
    assertEquals(Optional.of("{\"1\":\"2026-11-21\",\"22\":\"2026-11-22\"}"), first.cursor());
    daily.fetcher().fetch(Optional.of("{\"22\":\"2026-11-22\"}"), ApiTable.Progress.NONE);
    assertEquals(Optional.empty(), one.asked.get(1), "an account the cursor does not know is read from the start");
    assertEquals(Optional.of("2026-11-22"), two.asked.get(1));
  }

  @Test
  void oneAccountKeepsItsPlainCursor() {
    Account one = new Account("1", "One");
    Batch batch = tables(one).get(0).fetcher().fetch(Optional.of("2026-11-10"), ApiTable.Progress.NONE);
    assertEquals(Optional.of("2026-11-21"), batch.cursor());
  }

  @Test
  void anAccountsFailureNamesItKeepsItsKindAndItsCause() {
    Account one = new Account("1", "One");
    Account two = new Account("22", "Two");
    two.failure = ApiException.of(ApiException.Kind.UNAUTHORIZED, "GET /x", 403, "test-ads GET /x was refused");
    ApiException e = assertThrows(ApiException.class,
        () -> tables(one, two).get(0).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE));
    assertEquals("account 22: test-ads GET /x was refused", e.getMessage());
    assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
    assertSame(two.failure, e.getCause());
  }

  @Test
  void theAccountsTableListsEveryAccountAndFeedsFinanceAccounts() {
    List<ApiTable> tables = tables(new Account("1", "One"), new Account("22", "Two"));
    ApiTable accounts = tables.get(tables.size() - 1);
    assertEquals(Feed.Input.ACCOUNTS, accounts.feed().input());
    assertEquals(List.of("[1, 1, One, USD, UTC]", "[22, 22, Two, USD, UTC]"),
        accounts.fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows().stream().map(Arrays::toString).toList());
  }
}
