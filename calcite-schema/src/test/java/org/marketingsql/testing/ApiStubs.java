package org.marketingsql.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recorded Stripe and HubSpot pages served by a local WireMock, so no test reaches the internet. */
public final class ApiStubs {
  public static final String STRIPE_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
  public static final String HUBSPOT_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

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

  /** Stripe's charges in two pages; refunds, customers, invoices and subscriptions in one each. */
  public static void stripe(WireMockServer server) {
    server.stubFor(list("/v1/charges").withQueryParam("starting_after", absent()).willReturn(json("stripe/charges_page1.json")));
    server.stubFor(list("/v1/charges").withQueryParam("starting_after", equalTo("ch_3PaB2"))
        .willReturn(json("stripe/charges_page2.json")));
    server.stubFor(list("/v1/refunds").willReturn(json("stripe/refunds.json")));
    server.stubFor(list("/v1/customers").willReturn(json("stripe/customers.json")));
    server.stubFor(list("/v1/invoices").willReturn(json("stripe/invoices.json")));
    server.stubFor(list("/v1/subscriptions").withQueryParam("status", equalTo("all"))
        .willReturn(json("stripe/subscriptions.json")));
  }

  /** HubSpot's deals in two pages, contacts in one. */
  public static void hubspot(WireMockServer server) {
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("after", absent())
        .willReturn(json("hubspot/deals_page1.json")));
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("after", equalTo("102"))
        .willReturn(json("hubspot/deals_page2.json")));
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(json("hubspot/contacts.json")));
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
