package org.marketingsql.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Recorded API answers (Stripe, HubSpot, Google Ads, Microsoft Advertising) served by a local WireMock, so no test reaches the internet. */
public final class ApiStubs {
  public static final String STRIPE_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
  public static final String HUBSPOT_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
  public static final String GOOGLE_DEVELOPER_TOKEN = "gAdsDevToken-AbCdEf1234567890";
  public static final String GOOGLE_CLIENT_SECRET = "GOCSPX-test-client-secret-value";
  public static final String GOOGLE_REFRESH_TOKEN = "1//0gTestRefreshToken-value";
  public static final String GOOGLE_ACCESS_TOKEN = "ya29.a0AfB_test-access-token";
  /** The searchStream path of the fixtures' customer 123-456-7890. */
  public static final String GOOGLE_STREAM = "/v26/customers/1234567890/googleAds:searchStream";
  /** The {@code startDate} the Google Ads tests configure: the recorded days follow it. */
  /** The manager account of {@link #googleAdsManager}, digits only. */
  public static final String GOOGLE_MANAGER = "9876543210";
  /** The second client account under that manager (EUR, Europe/Berlin). */
  public static final String GOOGLE_SECOND_CUSTOMER = "2345678901";
  public static final String GOOGLE_FIRST_DAY = "2026-11-19";
  public static final String MICROSOFT_DEVELOPER_TOKEN = "BBD37VB98-test-developer-token";
  public static final String MICROSOFT_CLIENT_SECRET = "msads~test-client-secret-value";
  public static final String MICROSOFT_REFRESH_TOKEN = "M.C5_BAY.0.U.-test-refresh-token";
  public static final String MICROSOFT_ACCESS_TOKEN = "EwBIA8l6BAAU-test-access-token";
  public static final String MICROSOFT_SUBMIT = "/Reporting/v13/GenerateReport/Submit";
  public static final String MICROSOFT_POLL = "/Reporting/v13/GenerateReport/Poll";
  /** The id {@code microsoft-ads/submit.json} gives the campaign report. */
  public static final String MICROSOFT_CAMPAIGN_REPORT = "30000001234567890";
  /** Campaign Management's GetConversionGoalsByIds in its REST form. */
  public static final String MICROSOFT_GOALS = "/CampaignManagement/v13/ConversionGoals/QueryByIds";
  /** The id {@code microsoft-ads-conversions/submit.json} gives the conversion report. */
  public static final String MICROSOFT_CONVERSION_REPORT = "30000001234567891";

  private ApiStubs() {
  }

  /** A fixture file's text, e.g. {@code stripe/charges_page1.json}. */
  public static String fixture(String name) {
    try (InputStream in = ApiStubs.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON 200 response with a fixture's body. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String fixture) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
  }

  /**
   * Stripe's charges in two pages; refunds, customers, invoices and subscriptions in one each; no
   * refund events (an incremental sync asks for them).
   */
  public static void stripe(WireMockServer server) {
    server.stubFor(list("/v1/charges").withQueryParam("starting_after", absent()).willReturn(json("stripe/charges_page1.json")));
    server.stubFor(list("/v1/charges").withQueryParam("starting_after", equalTo("ch_3PaB2"))
        .willReturn(json("stripe/charges_page2.json")));
    server.stubFor(list("/v1/refunds").willReturn(json("stripe/refunds.json")));
    server.stubFor(list("/v1/customers").willReturn(json("stripe/customers.json")));
    server.stubFor(list("/v1/invoices").willReturn(json("stripe/invoices.json")));
    server.stubFor(list("/v1/subscriptions").withQueryParam("status", equalTo("all"))
        .willReturn(json("stripe/subscriptions.json")));
    server.stubFor(list("/v1/events").willReturn(json("stripe/events_none.json")));
  }

  /**
   * A Stripe account with subscriptions only (fixtures/stripe-subscriptions, whose NOTICE tells their story):
   * the subscriptions in two pages with their discounts expanded, sub_A1's items in two pages, and no
   * charges, refunds, customers, invoices or events.
   */
  public static void stripeSubscriptions(WireMockServer server) {
    server.stubFor(list("/v1/subscriptions").withQueryParam("status", equalTo("all"))
        .withQueryParam("expand[]", equalTo("data.discounts")).withQueryParam("starting_after", absent())
        .willReturn(json("stripe-subscriptions/subscriptions_page1.json")));
    server.stubFor(list("/v1/subscriptions").withQueryParam("status", equalTo("all"))
        .withQueryParam("expand[]", equalTo("data.discounts")).withQueryParam("starting_after", equalTo("sub_C1"))
        .willReturn(json("stripe-subscriptions/subscriptions_page2.json")));
    server.stubFor(list("/v1/subscriptions").withQueryParam("status", equalTo("all"))
        .withQueryParam("expand[]", absent()).willReturn(json("stripe/empty_list.json")));
    server.stubFor(list("/v1/subscription_items").withQueryParam("subscription", equalTo("sub_A1"))
        .withQueryParam("starting_after", absent())
        .willReturn(json("stripe-subscriptions/subscription_items_A1_page1.json")));
    server.stubFor(list("/v1/subscription_items").withQueryParam("subscription", equalTo("sub_A1"))
        .withQueryParam("starting_after", equalTo("si_A1"))
        .willReturn(json("stripe-subscriptions/subscription_items_A1_page2.json")));
    for (String object : new String[] {"charges", "refunds", "customers", "invoices", "events"}) {
      server.stubFor(list("/v1/" + object).willReturn(json("stripe/empty_list.json")));
    }
  }

  /**
   * HubSpot's deals in two pages, contacts in one; for an incremental sync, a search finding deal 102
   * won and a new deal 104 (with their contacts from the associations read) and no changed contact.
   */
  public static void hubspot(WireMockServer server) {
    server.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/search")).willReturn(json("hubspot/deals_search.json")));
    server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
        .willReturn(json("hubspot/contacts_search_none.json")));
    server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
        .willReturn(json("hubspot/deals_contacts_associations.json")));
    server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/read"))
        .willReturn(json("hubspot/contacts_batch_read.json")));
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("after", absent())
        .willReturn(json("hubspot/deals_page1.json")));
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("after", equalTo("102"))
        .willReturn(json("hubspot/deals_page2.json")));
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(json("hubspot/contacts.json")));
  }

  /**
   * Google Ads: the token endpoint at {@code /google/token} and one recorded stream per query: the
   * customer, campaigns, ad groups, and campaign (two batches), ad group and keyword days; the conversion actions
   * and the campaign days by conversion action (two batches).
   */
  public static void googleAds(WireMockServer server) {
    server.stubFor(post(urlPathEqualTo("/google/token")).willReturn(json("google-ads/token.json")));
    server.stubFor(googleQuery(".* FROM customer( LIMIT 1)?").willReturn(json("google-ads/customer.json")));
    server.stubFor(googleQuery(".* FROM campaign").willReturn(json("google-ads/campaigns.json")));
    server.stubFor(googleQuery(".* FROM ad_group").willReturn(json("google-ads/ad_groups.json")));
    for (String[] daily : new String[][] {{"campaign", "campaign_daily"}, {"ad_group", "ad_group_daily"},
        {"keyword_view", "keyword_daily"}}) {
      // the recorded days for the window starting GOOGLE_FIRST_DAY; any other window has no rows
      server.stubFor(googleQuery(".* FROM " + daily[0] + " WHERE .*").atPriority(10)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
      server.stubFor(googleQuery(".* FROM " + daily[0] + " WHERE segments.date BETWEEN '" + GOOGLE_FIRST_DAY + "' AND .*")
          .atPriority(1).willReturn(json("google-ads/" + daily[1] + ".json")));
    }
    server.stubFor(googleQuery(".* FROM conversion_action").willReturn(json("google-ads/conversion_actions.json")));
    // Conversions by action are read FROM campaign too: these later stubs of equal priority win over the
    // campaign days' for the queries that segment by conversion action.
    server.stubFor(googleQuery(".*segments\\.conversion_action, .* FROM campaign WHERE .*").atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
    server.stubFor(googleQuery(".*segments\\.conversion_action, .* FROM campaign WHERE segments.date BETWEEN '"
        + GOOGLE_FIRST_DAY + "' AND .*").atPriority(1).willReturn(json("google-ads/campaign_conversions_daily.json")));
  }

  /**
   * Google Ads through a manager: {@link #googleAds} for the client 1234567890, the manager
   * {@value #GOOGLE_MANAGER}'s {@code customer_client} list naming it and {@value #GOOGLE_SECOND_CUSTOMER},
   * and that second client's customer row, campaign and campaign days (EUR, Europe/Berlin); its ad group,
   * keyword, conversion action and conversions-by-action streams are empty.
   */
  public static void googleAdsManager(WireMockServer server) {
    googleAds(server);
    server.stubFor(googleQuery(GOOGLE_MANAGER, ".* FROM customer_client WHERE .*")
        .willReturn(json("google-ads-manager/customer_clients.json")));
    String second = GOOGLE_SECOND_CUSTOMER;
    server.stubFor(googleQuery(second, ".* FROM customer( LIMIT 1)?").willReturn(json("google-ads-manager/customer.json")));
    server.stubFor(googleQuery(second, ".* FROM campaign").willReturn(json("google-ads-manager/campaigns.json")));
    server.stubFor(googleQuery(second, ".* FROM (ad_group|keyword_view|ad_group WHERE .*|keyword_view WHERE .*)")
        .willReturn(json("google-ads-manager/empty.json")));
    server.stubFor(googleQuery(second, ".* FROM campaign WHERE .*").atPriority(10)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
    server.stubFor(googleQuery(second, ".* FROM campaign WHERE segments.date BETWEEN '" + GOOGLE_FIRST_DAY + "' AND .*")
        .atPriority(1).willReturn(json("google-ads-manager/campaign_daily.json")));
    // the second client has no conversion actions, so no conversions by action either (these later stubs win
    // over its campaign days' for the queries that segment by conversion action)
    server.stubFor(googleQuery(second, ".* FROM conversion_action").willReturn(json("google-ads-manager/empty.json")));
    server.stubFor(googleQuery(second, ".*segments\\.conversion_action, .* FROM campaign WHERE .*").atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
  }

  /** A searchStream call of {@code customer} whose GAQL matches {@code regex} (the whole query). */
  public static MappingBuilder googleQuery(String customer, String regex) {
    return post(urlPathEqualTo("/v26/customers/" + customer + "/googleAds:searchStream"))
        .withRequestBody(matchingJsonPath("$.query", matching(regex)));
  }

  /** A searchStream call whose GAQL matches {@code regex} (the whole query). */
  public static MappingBuilder googleQuery(String regex) {
    return post(urlPathEqualTo(GOOGLE_STREAM)).withRequestBody(matchingJsonPath("$.query", matching(regex)));
  }

  /**
   * Microsoft Advertising: the token endpoint at {@code /microsoft/token}, a report submitted, polled
   * once Pending then Success, its ZIP at {@code /download/report.zip} holding
   * {@code microsoft-ads/campaign_performance.csv}, and Customer Management's User/Query and
   * Account/Query (GetAccount: the account in Pacific time). A ConversionPerformanceReportRequest is
   * submitted as report {@link #MICROSOFT_CONVERSION_REPORT}, Success at its first poll, its ZIP at
   * {@code /download/conversions.zip} holding {@code microsoft-ads-conversions/conversion_performance.csv};
   * a test's own stubs of priority 1 answer for both reports.
   */
  public static void microsoftAds(WireMockServer server) {
    // Campaign Management's GetConversionGoalsByIds (REST): every goal's ExcludeFromBidding
    server.stubFor(post(urlPathEqualTo("/microsoft/token")).willReturn(json("microsoft-ads/token.json")));
    server.stubFor(post(urlPathEqualTo(MICROSOFT_SUBMIT)).willReturn(json("microsoft-ads/submit.json")));
    server.stubFor(post(urlPathEqualTo(MICROSOFT_POLL)).inScenario("report")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(json("microsoft-ads/poll_pending.json")).willSetStateTo("ready"));
    server.stubFor(post(urlPathEqualTo(MICROSOFT_POLL)).inScenario("report").whenScenarioStateIs("ready")
        .willReturn(microsoftPollSuccess(server)));
    server.stubFor(get(urlPathEqualTo("/download/report.zip")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-zip-compressed")
        .withBody(zip("campaign_daily.csv", fixture("microsoft-ads/campaign_performance.csv")))));
    server.stubFor(post(urlPathEqualTo(MICROSOFT_SUBMIT)).atPriority(4).withRequestBody(
            matchingJsonPath("$.ReportRequest.Type", equalTo("ConversionPerformanceReportRequest")))
        .willReturn(json("microsoft-ads-conversions/submit.json")));
    server.stubFor(post(urlPathEqualTo(MICROSOFT_POLL)).atPriority(4)
        .withRequestBody(matchingJsonPath("$.ReportRequestId", equalTo(MICROSOFT_CONVERSION_REPORT)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(fixture("microsoft-ads/poll_success.json").replace("{{download}}",
                server.baseUrl() + "/download/conversions.zip"))));
    server.stubFor(get(urlPathEqualTo("/download/conversions.zip")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-zip-compressed").withBody(zip("conversion_performance.csv",
            fixture("microsoft-ads-conversions/conversion_performance.csv")))));
    server.stubFor(post(urlPathEqualTo("/CustomerManagement/v13/User/Query")).willReturn(json("microsoft-ads/user.json")));
    server.stubFor(post(urlPathEqualTo("/CustomerManagement/v13/Account/Query"))
        .willReturn(json("microsoft-ads/account.json")));
    server.stubFor(post(urlPathEqualTo(MICROSOFT_GOALS))
        .willReturn(json("microsoft-ads-conversions/conversion_goals.json")));
  }

  /** The poll answer naming this server's download URL. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder microsoftPollSuccess(
      WireMockServer server) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(fixture("microsoft-ads/poll_success.json").replace("{{download}}",
            server.baseUrl() + "/download/report.zip"));
  }

  /** A ZIP file holding one file, as Microsoft Advertising delivers reports. */
  public static byte[] zip(String name, String content) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MappingBuilder list(String path) {
    return get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + STRIPE_KEY))
        .withQueryParam("limit", equalTo("100"));
  }

  /** Writes a secret to a file for a {@code ${file:…}} reference and returns the reference. */
  public static String secretFile(Path folder, String name, String value) {
    try {
      Path file = folder.resolve(name);
      Files.writeString(file, value);
      return "${file:" + file.toString().replace("\\", "/") + "}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
