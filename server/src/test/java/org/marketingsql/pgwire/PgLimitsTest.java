package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The limits' values: how they are written, checked and counted. */
class PgLimitsTest {
  @Test
  void durationsAreReadAndShownAsPostgresqlWritesThem() {
    assertEquals(Duration.ofSeconds(5), SettingDuration.parse("5s", "ms"));
    assertEquals(Duration.ofSeconds(5), SettingDuration.parse(" 5 s ", "ms"));
    assertEquals(Duration.ofMillis(250), SettingDuration.parse("250", "ms"));
    assertEquals(Duration.ofSeconds(60), SettingDuration.parse("60", "s"));
    assertEquals(Duration.ofMinutes(2), SettingDuration.parse("2min", "ms"));
    assertEquals(Duration.ofHours(1), SettingDuration.parse("1h", "ms"));
    assertEquals(Duration.ZERO, SettingDuration.parse("0", "ms"));
    assertEquals("0", SettingDuration.format(Duration.ZERO));
    assertEquals("250ms", SettingDuration.format(Duration.ofMillis(250)));
    assertEquals("90s", SettingDuration.format(Duration.ofSeconds(90)));
    assertEquals("1h", SettingDuration.format(Duration.ofMinutes(60)));
    assertEquals("2d", SettingDuration.format(Duration.ofDays(2)));
  }

  @Test
  void aDurationThatIsNotOneOrLongerThanPostgresqlAllowsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SettingDuration.parse("soon", "ms"));
    assertThrows(IllegalArgumentException.class, () -> SettingDuration.parse("-1", "ms"));
    assertThrows(IllegalArgumentException.class, () -> SettingDuration.parse("5 weeks", "ms"));
    assertThrows(IllegalArgumentException.class, () -> SettingDuration.parse("25d", "ms"));
  }

  @Test
  void limitsOutOfRangeAreRefusedNamingTheLimit() {
    PgLimits d = PgLimits.defaults();
    assertEquals("maxConnections must be at least 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> d.withMaxConnections(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withMaxMessageBytes(9_999));
    assertThrows(IllegalArgumentException.class, () -> d.withAuthenticationTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> d.withStatementTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> d.withIdleSessionTimeout(Duration.ofDays(30)));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxPortals(0));
  }

  @Test
  void theDefaultsArePostgresqlsWhereItHasOne() {
    PgLimits d = PgLimits.defaults();
    assertEquals(100, d.maxConnections());
    assertEquals(Duration.ofSeconds(60), d.authenticationTimeout());
    assertEquals(Duration.ZERO, d.statementTimeout());
    assertEquals(10_000, PgLimits.MAX_STARTUP_MESSAGE_BYTES);
  }

  @Test
  void aSlotIsCountedInAllAndPerUserAndGivenBackOnceHoweverOftenItIsClosed() throws Exception {
    ConnectionSlots slots = new ConnectionSlots(3, 2);
    ConnectionSlots.Slot a = slots.acquire("alice");
    ConnectionSlots.Slot b = slots.acquire("alice");
    assertEquals("53300", assertThrows(PgException.class, () -> slots.acquire("alice")).sqlState());
    ConnectionSlots.Slot c = slots.acquire("bob");
    PgException full = assertThrows(PgException.class, () -> slots.acquire("carol"));
    assertEquals("sorry, too many clients already", full.getMessage());
    a.close();
    a.close();
    assertEquals(2, slots.inUse());
    slots.acquire("alice").close();
    b.close();
    c.close();
    assertEquals(0, slots.inUse());
  }

  @Test
  void aBoundedCacheKeepsTheMostRecentlyUsedEntriesUpToItsCapacity() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(3);
    for (int i = 0; i < 10; i++) {
      cache.get(i, String::valueOf);
    }
    assertEquals(3, cache.size());
    int[] computed = {0};
    cache.get(9, k -> {
      computed[0]++;
      return "x";
    });
    assertEquals(0, computed[0], "a cached entry is not computed again");
  }

  @Test
  void statementTimeoutIsSetResetAndShownAndIdleSessionTimeoutOnlyShown() throws Exception {
    SessionTimeouts t = new SessionTimeouts(Duration.ZERO, Duration.ofHours(1));
    assertEquals("SET", t.answer("SET statement_timeout = '5s'").orElseThrow().tag());
    assertEquals(Duration.ofSeconds(5), t.statementTimeout());
    t.answer("set session statement_timeout to 100;");
    assertEquals(Duration.ofMillis(100), t.statementTimeout());
    assertEquals("100ms", t.answer("show statement_timeout").orElseThrow().rows().get(0).get(0));
    t.answer("SET statement_timeout TO DEFAULT");
    assertEquals(Duration.ZERO, t.statementTimeout());
    assertEquals("1h", t.answer("SHOW idle_session_timeout").orElseThrow().rows().get(0).get(0));
    assertEquals("55P02", assertThrows(PgException.class, () -> t.answer("set idle_session_timeout = 0")).sqlState());
    assertEquals("22023", assertThrows(PgException.class, () -> t.answer("set statement_timeout = 'x'")).sqlState());
    assertEquals(Optional.empty(), t.answer("set search_path to finance"));
  }
}
