package org.marketingsql.metrics;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The ad platforms' campaigns as the ad spend fact knows them, for matching the campaign an order's UTM
 * parameters or touchpoints name. The rule (docs/finance.md#attribution): within the channel's platform,
 * first a campaign whose id is exactly the reference, then one of whose names (any it had over time)
 * equals the reference trimmed and case-insensitively; several such campaigns: the smallest id.
 */
final class PlatformCampaigns {
  /** A campaign of an ad platform, with its latest name. */
  record Campaign(String platform, String id, String name) {
    Campaign {
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(id, "id");
    }
  }

  /** platform → campaign id → campaign. */
  private final Map<String, Map<String, Campaign>> byId = new HashMap<>();
  /** platform → lower-case trimmed name → campaign ids. */
  private final Map<String, Map<String, TreeSet<String>>> byName = new HashMap<>();

  /** The campaigns of {@code _marketing.ad_spend}, each under the name of its latest day. */
  static PlatformCampaigns load(Handle handle) {
    PlatformCampaigns campaigns = new PlatformCampaigns();
    handle.createQuery("""
            SELECT "platform", "campaign_id", "campaign_name", MAX("date_day")
            FROM "_marketing"."ad_spend"
            GROUP BY "platform", "campaign_id", "campaign_name"
            ORDER BY 4, 3""")
        .map((rs, ctx) -> {
          campaigns.add(rs.getString(1), rs.getString(2), rs.getString(3));
          return null;
        })
        .forEach(ignored -> { });
    return campaigns;
  }

  /** Adds a campaign; a later name of the same id replaces the earlier one, and both stay matchable. */
  void add(String platform, String id, String name) {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(id, "id");
    byId.computeIfAbsent(platform, p -> new TreeMap<>()).put(id, new Campaign(platform, id, name));
    if (name != null && !name.isBlank()) {
      byName.computeIfAbsent(platform, p -> new HashMap<>()).computeIfAbsent(key(name), n -> new TreeSet<>()).add(id);
    }
  }

  /** Whether the channel is an ad platform with campaigns. */
  boolean isPlatform(String channel) {
    return byId.containsKey(channel);
  }

  /** The campaign of {@code platform} that {@code reference} names, by id, then by name. */
  Optional<Campaign> match(String platform, String reference) {
    if (platform == null || reference == null || reference.isBlank() || !byId.containsKey(platform)) {
      return Optional.empty();
    }
    Map<String, Campaign> campaigns = byId.get(platform);
    Campaign exact = campaigns.get(reference.trim());
    if (exact != null) {
      return Optional.of(exact);
    }
    TreeSet<String> named = byName.getOrDefault(platform, Map.of()).get(key(reference));
    return named == null ? Optional.empty() : Optional.of(campaigns.get(named.first()));
  }

  /** The campaign {@code reference} names when it matches on exactly one platform (an order with a campaign but no source). */
  Optional<Campaign> matchOnOnePlatform(String reference) {
    Campaign found = null;
    for (String platform : new TreeSet<>(byId.keySet())) {
      Optional<Campaign> match = match(platform, reference);
      if (match.isPresent()) {
        if (found != null) {
          return Optional.empty();
        }
        found = match.get();
      }
    }
    return Optional.ofNullable(found);
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
