package org.marketingsql.source;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One ad account of a source as the platform describes it: what {@code finance.accounts} lists.
 *
 * @param id the account's id as the platform's tables write it (digits for every platform)
 * @param name the account's name; null when the platform gives none
 * @param currency the account's currency, ISO 4217; null when the platform gives none
 * @param timeZone the zone the platform reports the account's days in
 */
public record AdAccount(String id, String name, String currency, ZoneId timeZone) {
  public AdAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timeZone, "timeZone");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an ad account needs an id");
    }
  }
}
