package org.marketingsql.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a source's {@code billing} key. Accepted shapes:
 * <pre>
 * billing: prepaid
 * billing: { threshold: 500 }
 * billing: { invoice: { day: 1, netDays: 30 } }          # day and netDays default to 1 and 30
 * billing:                                              # by platform or account id (csv-folder)
 *   default: { invoice: { day: 1, netDays: 30 } }
 *   google_ads: { threshold: 500 }
 *   "421-553-2760": prepaid
 * </pre>
 * Problems are reported with their key path, e.g. {@code sources[1].billing.invoice.netDays}.
 */
final class BillingReader {
  private static final Set<String> TERM_KEYS = Set.of("threshold", "invoice");
  private static final Set<String> INVOICE_KEYS = Set.of("day", "netDays");
  private static final String SHAPES = "prepaid, { threshold: AMOUNT } or { invoice: { day: 1, netDays: 30 } }";

  private BillingReader() {
  }

  /** The billing of a source, or {@link SourceBilling#NONE} when {@code value} is null or wrong. */
  static SourceBilling read(Object value, String path, List<ConfigProblem> problems) {
    if (value == null) {
      return SourceBilling.NONE;
    }
    Map<String, Object> map = mapping(value);
    if (map == null || map.isEmpty() || TERM_KEYS.containsAll(map.keySet())) {
      BillingTerms terms = terms(value, path, problems);
      return terms == null ? SourceBilling.NONE : new SourceBilling(terms, Map.of(), Map.of());
    }
    // The platforms of the finance views; other keys of the *_ads form are typos.
    Set<String> platforms = Set.copyOf(SourceType.billedPlatforms());
    int before = problems.size();
    BillingTerms sourceWide = null;
    Map<String, BillingTerms> byPlatform = new LinkedHashMap<>();
    Map<String, BillingTerms> byAccount = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String key = entry.getKey();
      String at = path + "." + key;
      if (TERM_KEYS.contains(key)) {
        problems.add(new ConfigProblem(at, "the source's own terms cannot sit beside platform or account keys;"
            + " write them under default"));
        continue;
      }
      if (key.endsWith("_ads") && !platforms.contains(key)) {
        problems.add(new ConfigProblem(at, "unknown platform '" + key + "'; platforms are "
            + platforms.stream().sorted().toList() + " (any other key is an account id)"));
        continue;
      }
      BillingTerms terms = terms(entry.getValue(), at, problems);
      if (terms == null) {
        continue;
      }
      if (key.equals("default")) {
        sourceWide = terms;
      } else if (platforms.contains(key)) {
        byPlatform.put(key, terms);
      } else {
        byAccount.put(key, terms);
      }
    }
    return problems.size() == before ? new SourceBilling(sourceWide, byPlatform, byAccount) : SourceBilling.NONE;
  }

  private static BillingTerms terms(Object value, String path, List<ConfigProblem> problems) {
    if (value instanceof String text && text.trim().equals("prepaid")) {
      return new BillingTerms.Prepaid();
    }
    Map<String, Object> map = mapping(value);
    if (map == null || map.size() != 1 || !TERM_KEYS.containsAll(map.keySet())) {
      problems.add(new ConfigProblem(path, "must be " + SHAPES + ", found '" + value + "'"));
      return null;
    }
    if (map.containsKey("threshold")) {
      Object amount = map.get("threshold");
      try {
        BigDecimal threshold = amount == null ? null : new BigDecimal(amount.toString().trim());
        if (threshold != null && threshold.signum() > 0) {
          return new BillingTerms.Threshold(threshold);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(new ConfigProblem(path + ".threshold", "must be a positive amount in the account's currency,"
          + " such as 500, found '" + amount + "'"));
      return null;
    }
    Object invoiceValue = map.get("invoice");
    Map<String, Object> invoice = invoiceValue == null ? Map.of() : mapping(invoiceValue);
    if (invoice == null) {
      problems.add(new ConfigProblem(path + ".invoice", "must be a mapping such as { day: 1, netDays: 30 }, found '"
          + invoiceValue + "'"));
      return null;
    }
    int before = problems.size();
    for (String key : invoice.keySet()) {
      if (!INVOICE_KEYS.contains(key)) {
        problems.add(new ConfigProblem(path + ".invoice." + key, "unknown key; known keys are [day, netDays]"));
      }
    }
    Integer day = whole(invoice.getOrDefault("day", 1));
    if (day == null || day < 1 || day > 31) {
      problems.add(new ConfigProblem(path + ".invoice.day", "must be a day of the month 1..31, found '"
          + invoice.get("day") + "'"));
    }
    Integer netDays = whole(invoice.getOrDefault("netDays", 30));
    if (netDays == null || netDays < 0) {
      problems.add(new ConfigProblem(path + ".invoice.netDays", "must be a whole number of days ≥ 0, found '"
          + invoice.get("netDays") + "'"));
    }
    return problems.size() == before ? new BillingTerms.Invoice(day, netDays, false) : null;
  }

  private static Map<String, Object> mapping(Object value) {
    if (!(value instanceof Map<?, ?> raw)) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    raw.forEach((k, v) -> map.put(String.valueOf(k), v));
    return map;
  }

  private static Integer whole(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value.toString().trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
