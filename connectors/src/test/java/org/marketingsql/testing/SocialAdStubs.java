package org.marketingsql.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.LocalDate;

/**
 * Recorded Meta and LinkedIn ads answers served by a local WireMock (fixtures under {@code meta-ads/}
 * and {@code linkedin-ads/}), so no test reaches the internet.
 */
public final class SocialAdStubs {
  public static final String META_TOKEN = "EAAGm0PX4ZCpsBAmetaaccesstoken0123456789";
  public static final String META_ACCOUNT = "act_1234567890";
  public static final String META = "/v26.0/";
  public static final String LINKEDIN_CLIENT_ID = "86abcdef1234xy";
  public static final String LINKEDIN_SECRET = "WPL_AP1.linkedin-client-secret.0123";
  public static final String LINKEDIN_REFRESH = "AQWlinkedin-refresh-token-value-0123456789";
  public static final String LINKEDIN_ACCOUNT = "507404993";
  public static final String LINKEDIN_TOKEN_PATH = "/oauth/v2/accessToken";

  private SocialAdStubs() {
  }

  /**
   * Meta: the account, campaign insights in two pages and ad set and ad insights in one, both directly
   * and through report runs 6001 (campaign), 6002 (ad set) and 6003 (ad); the campaigns edge.
   */
  public static void meta(WireMockServer server) {
    server.stubFor(metaGet(META + META_ACCOUNT).willReturn(ApiStubs.json("meta-ads/account.json")));
    String insights = META + META_ACCOUNT + "/insights";
    server.stubFor(metaGet(insights).withQueryParam("level", equalTo("campaign")).withQueryParam("after", absent())
        .willReturn(ApiStubs.json("meta-ads/insights_campaign_page1.json")));
    server.stubFor(metaGet(insights).withQueryParam("level", equalTo("campaign")).withQueryParam("after", equalTo("MQZDZD"))
        .willReturn(ApiStubs.json("meta-ads/insights_campaign_page2.json")));
    server.stubFor(metaGet(insights).withQueryParam("level", equalTo("adset"))
        .willReturn(ApiStubs.json("meta-ads/insights_adset.json")));
    server.stubFor(metaGet(insights).withQueryParam("level", equalTo("ad"))
        .willReturn(ApiStubs.json("meta-ads/insights_ad.json")));
    String[][] runs = {{"campaign", "6001"}, {"adset", "6002"}, {"ad", "6003"}};
    for (String[] run : runs) {
      server.stubFor(post(urlPathEqualTo(insights)).withHeader("Authorization", equalTo("Bearer " + META_TOKEN))
          .withRequestBody(containing("level=" + run[0] + "&"))
          .willReturn(aResponse().withStatus(200).withBody("{\"report_run_id\": \"" + run[1] + "\"}")));
      server.stubFor(metaGet(META + run[1]).willReturn(ApiStubs.json("meta-ads/report_completed.json")));
    }
    server.stubFor(metaGet(META + "6001/insights").withQueryParam("after", absent())
        .willReturn(ApiStubs.json("meta-ads/insights_campaign_page1.json")));
    server.stubFor(metaGet(META + "6001/insights").withQueryParam("after", equalTo("MQZDZD"))
        .willReturn(ApiStubs.json("meta-ads/insights_campaign_page2.json")));
    server.stubFor(metaGet(META + "6002/insights").willReturn(ApiStubs.json("meta-ads/insights_adset.json")));
    server.stubFor(metaGet(META + "6003/insights").willReturn(ApiStubs.json("meta-ads/insights_ad.json")));
    server.stubFor(metaGet(META + META_ACCOUNT + "/campaigns").willReturn(ApiStubs.json("meta-ads/campaigns.json")));
  }

  public static MappingBuilder metaGet(String path) {
    return get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + META_TOKEN));
  }

  /**
   * LinkedIn: the token endpoint, the account, campaigns in two pages, campaign groups, and
   * adAnalytics answering {@code analytics} (and, by campaign and conversion, {@code conversion_statistics.json})
   * for the window that ends on {@code lastDay} and no elements for any other window.
   */
  public static void linkedin(WireMockServer server, String analytics, LocalDate lastDay) {
    server.stubFor(post(urlPathEqualTo(LINKEDIN_TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(ApiStubs.json("linkedin-ads/token.json")));
    server.stubFor(linkedinGet("/rest/adAccounts/" + LINKEDIN_ACCOUNT).willReturn(ApiStubs.json("linkedin-ads/account.json")));
    String campaigns = "/rest/adAccounts/" + LINKEDIN_ACCOUNT + "/adCampaigns";
    server.stubFor(linkedinGet(campaigns).withQueryParam("q", equalTo("search")).withQueryParam("pageToken", absent())
        .willReturn(ApiStubs.json("linkedin-ads/campaigns_page1.json")));
    server.stubFor(linkedinGet(campaigns).withQueryParam("q", equalTo("search"))
        .withQueryParam("pageToken", equalTo("DgGC0AM4yKgIAAAABAAA")).willReturn(ApiStubs.json("linkedin-ads/campaigns_page2.json")));
    server.stubFor(linkedinGet("/rest/adAccounts/" + LINKEDIN_ACCOUNT + "/adCampaignGroups")
        .withQueryParam("q", equalTo("search")).willReturn(ApiStubs.json("linkedin-ads/campaign_groups.json")));
    server.stubFor(linkedinGet("/rest/adAnalytics").atPriority(10)
        .willReturn(aResponse().withStatus(200).withBody("{\"paging\": {\"start\": 0, \"count\": 10, \"links\": []}, \"elements\": []}")));
    server.stubFor(linkedinGet("/rest/adAnalytics").atPriority(1).withQueryParam("q", equalTo("analytics"))
        .withQueryParam("dateRange", containing("end:(year:" + lastDay.getYear() + ",month:" + lastDay.getMonthValue()
            + ",day:" + lastDay.getDayOfMonth() + "))"))
        .willReturn(ApiStubs.json("linkedin-ads/" + analytics)));
    server.stubFor(linkedinGet("/rest/adAnalytics").atPriority(1).withQueryParam("q", equalTo("statistics"))
        .withQueryParam("pivots", equalTo("List(CAMPAIGN,CONVERSION)"))
        .withQueryParam("dateRange", containing("end:(year:" + lastDay.getYear() + ",month:" + lastDay.getMonthValue()
            + ",day:" + lastDay.getDayOfMonth() + "))"))
        .willReturn(ApiStubs.json("linkedin-ads/conversion_statistics.json")));
  }

  /** A GET carrying the access token of {@code token.json} and LinkedIn's version headers. */
  public static MappingBuilder linkedinGet(String path) {
    return get(urlPathEqualTo(path))
        .withHeader("Authorization", equalTo("Bearer AQXdSP_W41_UPs5ioT_t8HESyODB4FqbkJ8LrV_5mff4gPODzOYR"))
        .withHeader("LinkedIn-Version", equalTo("202606")).withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"));
  }
}
