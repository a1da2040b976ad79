package org.marketingsql.metrics.ltv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.marketingsql.config.LtvTimeUnit;

/** The CDNOW sample of FHL (2005), from lifetimes (MIT, see fixtures/cdnow/README.md). */
final class CdnowFixture {
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final String RESOURCE = "/fixtures/cdnow/CDNOW_sample.txt";

  private CdnowFixture() {}

  /** Columns: customer id, id in sample, yyyymmdd, CDs bought, dollar value. */
  static List<Transaction> transactions() {
    List<Transaction> result = new ArrayList<>();
    try (InputStream in = CdnowFixture.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length != 5) {
          continue;
        }
        result.add(
            new Transaction(
                cols[0],
                LocalDate.parse(cols[2], DateTimeFormatter.BASIC_ISO_DATE),
                new BigDecimal(cols[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /** Calibration-period histories in weeks, the data of FHL (2005) section 4. */
  static List<CustomerHistory> histories() {
    return new RfmSummarizer(CALIBRATION_END, LtvTimeUnit.WEEK).summarize(transactions().stream());
  }
}
