package org.marketingsql.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code billing} terms of one source, which may differ by platform and account: a
 * {@code csv-folder} holds exports of several platforms and accounts. The terms of an account are,
 * in this order of precedence, those under its account id, those under its platform
 * ({@code google_ads}, …), the source's own (plain terms, or those under {@code default}), and
 * else {@link BillingTerms#DEFAULT}.
 *
 * @param sourceWide the source's own terms, or null
 * @param byPlatform terms by platform name
 * @param byAccount terms by account id as the platform writes it
 */
public record SourceBilling(BillingTerms sourceWide, Map<String, BillingTerms> byPlatform,
    Map<String, BillingTerms> byAccount) {
  /** A source that configures no billing. */
  public static final SourceBilling NONE = new SourceBilling(null, Map.of(), Map.of());

  public SourceBilling {
    byPlatform = Map.copyOf(byPlatform);
    byAccount = Map.copyOf(byAccount);
  }

  /** The terms of one account of one platform; {@code accountId} may be null. */
  public BillingTerms termsFor(String platform, String accountId) {
    Objects.requireNonNull(platform, "platform");
    if (accountId != null && byAccount.containsKey(accountId)) {
      return byAccount.get(accountId);
    }
    if (byPlatform.containsKey(platform)) {
      return byPlatform.get(platform);
    }
    return sourceWide != null ? sourceWide : BillingTerms.DEFAULT;
  }

  /** A stable text of every setting, for the facts' fingerprint. */
  public String describe() {
    StringBuilder text = new StringBuilder(sourceWide == null ? "-" : sourceWide.describe());
    new TreeMap<>(byPlatform).forEach((k, v) -> text.append(';').append(k).append('=').append(v.describe()));
    new TreeMap<>(byAccount).forEach((k, v) -> text.append(";#").append(k).append('=').append(v.describe()));
    return text.toString();
  }
}
