package org.marketingsql.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.marketingsql.demo.DemoCompany;

/**
 * Large ad-spend files for benchmarks, in the ad_spend.csv format of {@link DemoCompany} but in
 * USD only and without any story: ~1000 campaigns over the four platforms, rows spread over the
 * two years in date order. Speed matters more than realism here (10 million rows are about a
 * gigabyte), so rows are assembled as bytes in a reused buffer with no per-row objects, formatting
 * or locale lookups.
 */
public final class BenchData {
  private static final int CAMPAIGNS = 1000;
  private static final int DAYS =
      (int) ChronoUnit.DAYS.between(DemoCompany.FIRST_DAY, DemoCompany.LAST_DAY) + 1;
  private static final List<String> NAMES = List.of("Brand - Search US", "Non-Brand - Search US",
      "Shopping - Hardware US", "PMax - All Products US", "Retargeting - Website Visitors US",
      "Prospecting - Lookalike US", "Sponsored Content - IT Decision Makers",
      "Display - Remarketing US");
  private static final int BUFFER = 1 << 16;

  private BenchData() {}

  /**
   * Writes {@code rows} data rows (plus the header) to {@code file}, replacing it. The same
   * {@code rows} and {@code seed} always give the same bytes.
   *
   * @return bytes written, header included
   */
  public static long writeAdSpend(Path file, long rows, long seed) throws IOException {
    Objects.requireNonNull(file, "file");
    if (rows < 0 || rows > Long.MAX_VALUE / DAYS) {
      throw new IllegalArgumentException("rows out of range: " + rows);
    }
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] dates = new byte[DAYS][];
    for (int d = 0; d < DAYS; d++) {
      dates[d] = ascii(DemoCompany.FIRST_DAY.plusDays(d) + ",");
    }
    // per campaign: the constant middle of the row, and its typical spend, CPM and CTR
    byte[][] prefixes = new byte[CAMPAIGNS][];
    long[] baseCents = new long[CAMPAIGNS];
    long[] cpmCents = new long[CAMPAIGNS];
    long[] ctrPerMille = new long[CAMPAIGNS];
    for (int c = 0; c < CAMPAIGNS; c++) {
      String platform = DemoCompany.PLATFORMS.get(c % DemoCompany.PLATFORMS.size());
      String account = "bench-" + (c % 8 < 4 ? 1 : 2);
      String name = NAMES.get((c / 4) % NAMES.size()) + " " + c;
      prefixes[c] = ascii(platform + ',' + account + ',' + (1_000_000 + c) + ',' + name + ',');
      baseCents[c] = 2_000 + (random.nextLong() >>> 1) % 100_000; // $20 .. $1,020 a day
      cpmCents[c] = 300 + (random.nextLong() >>> 1) % 4_000;
      ctrPerMille[c] = 2 + (random.nextLong() >>> 1) % 80;
    }
    byte[] usd = ascii(",USD,");

    try (OutputStream out = Files.newOutputStream(file)) {
      Sink sink = new Sink(out);
      sink.put(ascii(DemoCompany.AD_SPEND_HEADER + "\n"));
      for (long i = 0; i < rows; i++) {
        int c = (int) (i % CAMPAIGNS);
        long r = random.nextLong();
        // spend 0.5x..1.5x of the campaign's base; the other random bits drive the funnel
        long spend = baseCents[c] * (512 + (r & 1023)) >>> 10;
        long impressions = spend * 1000 / cpmCents[c];
        long clicks = impressions * ctrPerMille[c] * (800 + ((r >>> 10) & 511)) / 1_000_000;
        long conversionHundredths = clicks * (1 + ((r >>> 19) & 15)); // 1-16% CVR
        long valueCents = conversionHundredths * (5_000 + ((r >>> 23) & 16_383)) / 100;
        sink.put(dates[(int) (i * DAYS / rows)]);
        sink.put(prefixes[c]);
        sink.number(impressions);
        sink.comma();
        sink.number(clicks);
        sink.comma();
        sink.decimal2(spend);
        sink.put(usd);
        sink.decimal2(conversionHundredths);
        sink.comma();
        sink.decimal2(valueCents);
        sink.newline();
      }
      sink.flush();
      return sink.written;
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A byte buffer in front of the stream; cheaper than BufferedOutputStream's synchronized writes. */
  private static final class Sink {
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private final byte[] digits = new byte[20];
    private int position;
    private long written;

    Sink(OutputStream out) {
      this.out = out;
    }

    void put(byte[] bytes) throws IOException {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, position, bytes.length);
      position += bytes.length;
    }

    void comma() throws IOException {
      ensure(1);
      buffer[position++] = ',';
    }

    void newline() throws IOException {
      ensure(1);
      buffer[position++] = '\n';
    }

    /** A non-negative integer in decimal. */
    void number(long value) throws IOException {
      int n = 0;
      do {
        digits[n++] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value != 0);
      ensure(n);
      while (n > 0) {
        buffer[position++] = digits[--n];
      }
    }

    /** A non-negative amount in hundredths, as units with exactly two decimals. */
    void decimal2(long hundredths) throws IOException {
      number(hundredths / 100);
      ensure(3);
      int fraction = (int) (hundredths % 100);
      buffer[position++] = '.';
      buffer[position++] = (byte) ('0' + fraction / 10);
      buffer[position++] = (byte) ('0' + fraction % 10);
    }

    private void ensure(int bytes) throws IOException {
      if (position + bytes > buffer.length) {
        flush();
      }
    }

    void flush() throws IOException {
      out.write(buffer, 0, position);
      written += position;
      position = 0;
    }
  }
}
