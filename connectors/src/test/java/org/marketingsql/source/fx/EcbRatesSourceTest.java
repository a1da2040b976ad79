package org.marketingsql.source.fx;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.registry.SourceRegistry;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;

class EcbRatesSourceTest {
  /** A Sunday: the last publication day was Friday the 20th. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  static final String ALL = EcbClient.PATH + "D..EUR.SP00.A";
  @RegisterExtension
  final ApiStub server = ApiStub.empty();

  static SourceConfig config(String endpoint, Integer lookbackDays, Map<String, Object> settings) {
    return new SourceConfig("ecb", EcbRatesSource.TYPE, null, null, null, lookbackDays, null, Map.of(), endpoint, null,
        false, settings);
  }

  static RetryPolicy fast() {
    return new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  private ApiTable table(Integer lookbackDays, Map<String, Object> settings) {
    return new EcbRatesSource(config(server.baseUrl(), lookbackDays, settings), fast(), d -> { }, CLOCK).tables().get(0);
  }

  private void stubRates(String path) {
    server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/csv").withBody(ApiStubs.fixture("ecb/exr_daily.csv"))));
  }

  @Test
  void theRatesAreThePublishedUnitsPerEuroKeptExactlyAndDaysWithoutAValueAreLeftOut() {
    stubRates(ALL);
    Batch batch = table(null, Map.of()).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "[GBP|2026-11-19, 2026-11-19, EUR, GBP, 0.8795]",
            "[GBP|2026-11-20, 2026-11-20, EUR, GBP, 0.88025]",
            "[JPY|2026-11-19, 2026-11-19, EUR, JPY, 178.42]",
            "[JPY|2026-11-20, 2026-11-20, EUR, JPY, 179.1]",
            "[USD|2026-11-19, 2026-11-19, EUR, USD, 1.1562]",
            "[USD|2026-11-20, 2026-11-20, EUR, USD, 1.1598]"),
        batch.rows().stream().map(Arrays::toString).toList());
    assertEquals(new BigDecimal("0.88025"), batch.rows().get(1)[4]);
    assertEquals(Optional.of("2026-11-22"), batch.cursor(), "today in Frankfurt");
    assertEquals(Optional.of(new DateRange(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 22))), batch.covered());
  }

  @Test
  void anIncrementalSyncAsksFromTheCursorMinusTheWeeksLookBackWithoutAnyCredential() {
    stubRates(ALL);
    table(null, Map.of()).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo(ALL)).withQueryParam("startPeriod", equalTo("2026-11-13"))
        .withQueryParam("endPeriod", equalTo("2026-11-22")).withQueryParam("format", equalTo("csvdata"))
        .withQueryParam("detail", equalTo("dataonly")));
    server.verify(1, getRequestedFor(anyUrl()));
    server.verify(1, getRequestedFor(anyUrl()).withHeader("Authorization", absent()));
  }

  @Test
  void aFirstSyncStartsAtStartDateAndReadsOnlyTheConfiguredCurrencies() {
    String key = EcbClient.PATH + "D.USD+GBP.EUR.SP00.A";
    stubRates(key);
    table(3, Map.of("startDate", "2026-01-01", "currencies", List.of("usd", "GBP"))).fetcher()
        .fetch(Optional.empty(), ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo(key)).withQueryParam("startPeriod", equalTo("2026-01-01")));
  }

  @Test
  void aRangeWithoutPublicationDayIsAnsweredNotFoundAndReadAsNoRates() {
    server.stubFor(get(urlPathEqualTo(ALL)).willReturn(aResponse().withStatus(404).withBody("No results found.")));
    DateRange weekend = new DateRange(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22));
    Batch batch = table(null, Map.of()).ranged().fetchRange(weekend, ApiTable.Progress.NONE);
    assertEquals(0, batch.rows().size());
    assertEquals(Optional.of(weekend), batch.covered());
  }

  @Test
  void aRateThatIsNotANumberFailsNamingTheEndpointAndLineAndKeepsTheCause() {
    server.stubFor(get(urlPathEqualTo(ALL)).willReturn(aResponse().withStatus(200).withBody(
        "KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE\n"
            + "EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-11-20,1.1598\n"
            + "EXR.D.GBP.EUR.SP00.A,D,GBP,EUR,SP00,A,2026-11-20,n/a\n")));
    ApiException e = assertThrows(ApiException.class,
        () -> table(null, Map.of()).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE));
    assertEquals("fx GET /service/data/EXR/D..EUR.SP00.A answered without a day and a positive rate on line 3:"
        + " '2026-11-20' and 'n/a'", e.getMessage());
    assertTrue(e.getCause() instanceof NumberFormatException);
  }

  @Test
  void theTableFeedsTheReferenceRatesAndTheSourceIsRegisteredOnceWithAWeeksLookBack() {
    assertEquals(Feed.Input.FX_REFERENCE, table(null, Map.of()).feed().input());
    assertEquals(1, SourceRegistry.all().stream().filter(d -> d.type().key().equals("fx")).count());
    assertEquals(7, EcbRatesSource.TYPE.defaultLookbackDays());
    assertTrue(SourceRegistry.isApi(EcbRatesSource.TYPE));
  }

  @Test
  void checkAsksForTheLatestDollarRate() {
    stubRates(EcbClient.PATH + "D.USD.EUR.SP00.A");
    new EcbRatesSource(config(server.baseUrl(), null, Map.of()), fast(), d -> { }, CLOCK).probe();
    server.verify(getRequestedFor(urlPathEqualTo(EcbClient.PATH + "D.USD.EUR.SP00.A"))
        .withQueryParam("lastNObservations", equalTo("1")));
  }

  @Test
  void aCurrencyThatIsNotAnIsoCodeIsRefusedNamingTheSource() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EcbRatesSource.currencies("ecb", "USD, dollars"));
    assertEquals("source ecb: currencies names 'DOLLARS', which is not an ISO 4217 code such as USD", e.getMessage());
  }
}
