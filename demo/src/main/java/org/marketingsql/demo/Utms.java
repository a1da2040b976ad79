package org.marketingsql.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The UTM parameters the demo company's checkout records on an order, as a shop's checkout puts them into
 * payment metadata: a customer's first order after an ad click carries the platform's source, medium and the
 * campaign clicked (one active on that day, more likely the more it spends; written by its name, sometimes by
 * its id, now and then by a name the platform does not know, as happens with hand-typed links); newsletter
 * orders carry the newsletter's; repeat, organic and referral orders carry none.
 */
final class Utms {
  /** One order's utm_source, utm_medium and utm_campaign. */
  record Utm(String source, String medium, String campaign) {
    static final Utm NONE = new Utm("", "", "");

    Utm {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(medium, "medium");
      Objects.requireNonNull(campaign, "campaign");
    }
  }

  private static final double BY_ID = 0.10;
  private static final double UNKNOWN = 0.02;
  private static final String UNKNOWN_CAMPAIGN = "spring-test-links";

  private final List<Campaign> campaigns;
  private final DemoRandom random;

  Utms(List<Campaign> campaigns, DemoRandom random) {
    this.campaigns = List.copyOf(campaigns);
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The UTM parameters of an order of a customer acquired by {@code channel}, on {@code day}. */
  Utm of(String channel, LocalDate day, int sequence) {
    if (sequence > 0) {
      return Utm.NONE;
    }
    return switch (channel) {
      case Campaign.GOOGLE -> new Utm("google", "cpc", campaign(channel, day));
      case Campaign.META -> new Utm(random.chance(0.3) ? "instagram" : "facebook", "paid_social", campaign(channel, day));
      case Campaign.LINKEDIN -> new Utm("linkedin", "paid_social", campaign(channel, day));
      case Campaign.MICROSOFT -> new Utm("bing", "cpc", campaign(channel, day));
      case "email" -> new Utm("newsletter", "email", "monthly-newsletter");
      default -> Utm.NONE;
    };
  }

  private String campaign(String platform, LocalDate day) {
    List<Campaign> active = campaigns.stream().filter(c -> c.platform().equals(platform))
        .filter(c -> !day.isBefore(c.start()) && (c.end() == null || !day.isAfter(c.end()))).toList();
    if (active.isEmpty()) {
      return "";
    }
    if (random.chance(UNKNOWN)) {
      return UNKNOWN_CAMPAIGN;
    }
    double total = active.stream().mapToDouble(Campaign::dailySpend).sum();
    double u = random.uniform() * total;
    Campaign chosen = active.get(active.size() - 1);
    for (Campaign c : active) {
      u -= c.dailySpend();
      if (u < 0) {
        chosen = c;
        break;
      }
    }
    return random.chance(BY_ID) ? chosen.campaignId() : Csv.plain(chosen.name());
  }
}
