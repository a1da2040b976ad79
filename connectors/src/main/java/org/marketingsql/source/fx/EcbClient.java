package org.marketingsql.source.fx;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;

/**
 * The ECB Data Portal's SDMX data API for the euro reference rates: {@code GET
 * /service/data/EXR/D.<currencies>.EUR.SP00.A?startPeriod=…&endPeriod=…&format=csvdata&detail=dataonly}
 * answers one CSV line per currency and publication day, columns found by their names
 * ({@code CURRENCY}, {@code CURRENCY_DENOM}, {@code TIME_PERIOD}, {@code OBS_VALUE}). A range without
 * publication day is answered with HTTP 404 ("No results found"), read here as no rates.
 */
final class EcbClient {
  static final String PATH = "/service/data/EXR/";
  private static final String API = "fx";

  /** One published rate: {@code rate} units of {@code currency} per one {@code base} (the euro). */
  record Observation(LocalDate date, String base, String currency, BigDecimal rate) {
    Observation {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(rate, "rate");
      if (rate.signum() <= 0) {
        throw new IllegalArgumentException("a reference rate must be positive: " + currency + " " + date + " " + rate);
      }
    }
  }

  private final ApiHttpClient http;
  private final URI root;
  private final String seriesKey;

  /**
   * @param root the host root the client calls
   * @param currencies the currencies to read; empty for all
   */
  EcbClient(ApiHttpClient http, URI root, List<String> currencies) {
    this.http = Objects.requireNonNull(http, "http");
    this.root = Objects.requireNonNull(root, "root");
    this.seriesKey = "D." + String.join("+", currencies) + ".EUR.SP00.A";
  }

  /** The series key asked for, e.g. {@code D..EUR.SP00.A} (every currency) or {@code D.USD+GBP.EUR.SP00.A}. */
  String seriesKey() {
    return seriesKey;
  }

  /** Every rate published in a range of days. */
  List<Observation> rates(DateRange range) {
    return get(seriesKey, "startPeriod=" + range.from() + "&endPeriod=" + range.to());
  }

  /** The US dollar's latest rate, for {@code check}. */
  List<Observation> latest() {
    return get("D.USD.EUR.SP00.A", "lastNObservations=1");
  }

  private List<Observation> get(String key, String query) {
    String path = PATH + key;
    URI url = URI.create(root.toString().replaceAll("/+$", "") + path + "?" + query
        + "&format=csvdata&detail=dataonly");
    byte[] body;
    try {
      body = http.download(url, false);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return List.of(); // the ECB's "No results found": no publication day in the range
      }
      throw e;
    }
    return parse(new String(body, StandardCharsets.UTF_8), "GET " + path);
  }

  /**
   * The observations of an SDMX-CSV answer. Days without a value (a currency the ECB stopped publishing)
   * are left out; a value that is not a positive number fails, naming the endpoint and line.
   */
  static List<Observation> parse(String csv, String endpoint) {
    List<Observation> rates = new ArrayList<>();
    if (csv.isBlank()) {
      return rates;
    }
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(csv)) {
      for (NamedCsvRecord row : reader) {
        String value = row.findField("OBS_VALUE").orElse("").trim();
        String period = row.findField("TIME_PERIOD").orElse("").trim();
        String currency = row.findField("CURRENCY").orElse("").trim().toUpperCase(Locale.ROOT);
        String base = row.findField("CURRENCY_DENOM").orElse("").trim().toUpperCase(Locale.ROOT);
        if (period.isEmpty() || currency.isEmpty() || base.isEmpty()) {
          throw ApiException.malformed(API, endpoint, "CURRENCY, CURRENCY_DENOM and TIME_PERIOD on every line (line "
              + row.getStartingLineNumber() + ")");
        }
        if (value.isEmpty() || value.equalsIgnoreCase("NaN")) {
          continue;
        }
        try {
          rates.add(new Observation(LocalDate.parse(period), base, currency, new BigDecimal(value)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
          throw ApiException.of(ApiException.Kind.MALFORMED, endpoint, 200, API + " " + endpoint
              + " answered without a day and a positive rate on line " + row.getStartingLineNumber() + ": '" + period
              + "' and '" + value + "'", e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the answer of " + API + " " + endpoint, e);
    }
    return rates;
  }
}
