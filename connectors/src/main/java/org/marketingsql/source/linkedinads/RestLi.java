package org.marketingsql.source.linkedinads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Rest.li 2.0 query values as LinkedIn's "Protocol Version 2.0" page writes them: the structure
 * ({@code (…)}, {@code :}, {@code ,}, {@code List(…)}) stays unencoded, while each value inside is
 * URL-encoded, so a URN becomes {@code urn%3Ali%3AsponsoredAccount%3A123}.
 */
final class RestLi {
  private RestLi() {
  }

  /** An encoded value (a URN, a name) to place inside the structure. */
  static String value(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code List(a,b)} of encoded values. */
  static String list(String... raw) {
    StringBuilder out = new StringBuilder("List(");
    for (int i = 0; i < raw.length; i++) {
      out.append(i == 0 ? "" : ",").append(value(raw[i]));
    }
    return out.append(')').toString();
  }

  /** {@code (start:(year:2025,month:1,day:1),end:(year:2025,month:1,day:31))}, both ends inclusive. */
  static String dateRange(LocalDate start, LocalDate end) {
    return "(start:" + date(start) + ",end:" + date(end) + ")";
  }

  private static String date(LocalDate d) {
    return "(year:" + d.getYear() + ",month:" + d.getMonthValue() + ",day:" + d.getDayOfMonth() + ")";
  }
}
