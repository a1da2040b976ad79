package org.marketingsql.source.export;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The touch data an order export knows of an order, for attribution: its {@code utm_source}, {@code utm_medium}
 * and {@code utm_campaign}, each null when unknown.
 */
record TouchFields(String source, String medium, String campaign) {
  static final TouchFields NONE = new TouchFields(null, null, null);
  /** Second-level labels under which a country's domains sit (google.co.uk): the name is one label further left. */
  private static final List<String> GENERIC_SECOND_LEVEL = List.of("co", "com", "org", "net", "ac", "gov", "ne", "or");

  /**
   * From the page an order's visit landed on and the site that referred it: the landing page's {@code utm_*}
   * query parameters; without a {@code utm_source} there, the referring site's name (www.google.com →
   * google) as the source, with medium {@code referral}.
   */
  static TouchFields of(String landingSite, String referringSite) {
    String source = parameter(landingSite, "utm_source");
    String medium = parameter(landingSite, "utm_medium");
    String campaign = parameter(landingSite, "utm_campaign");
    if (source == null) {
      source = siteName(referringSite);
      if (source != null && medium == null) {
        medium = "referral";
      }
    }
    return new TouchFields(source, medium, campaign);
  }

  /** A query parameter of a URL or path ({@code /?utm_source=google&…}), decoded; null when absent or empty. */
  static String parameter(String url, String name) {
    if (url == null) {
      return null;
    }
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    String rest = url.substring(query + 1);
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    for (String pair : rest.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equalsIgnoreCase(name) && eq >= 0) {
        String value = pair.substring(eq + 1);
        try {
          value = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          // a malformed %-escape: the value as written is the best there is
        }
        value = value.trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The name of a site from its URL or host: https://www.google.com/ → google; null for none. */
  static String siteName(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String host = url.trim().toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    host = host.split("[/?#]", 2)[0];
    host = host.split(":", 2)[0];
    String[] labels = host.split("\\.");
    if (labels.length < 2) {
      return host.isEmpty() ? null : host;
    }
    int at = labels.length - 2;
    if (labels.length >= 3 && GENERIC_SECOND_LEVEL.contains(labels[at])) {
      at--;
    }
    return labels[at].isEmpty() ? null : labels[at];
  }
}
