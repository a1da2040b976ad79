package org.marketingsql.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stubbed API for a test: a local WireMock on a free port, started before each test (or once, when
 * the field is static) with the recorded answers asked for, and stopped after it. It is the WireMock
 * server itself, so a test stubs and verifies on it as on any:
 * <pre>
 * &#64;RegisterExtension
 * final ApiStub server = ApiStub.recorded("stripe");
 * </pre>
 * The recordings are those of {@link ApiStubs} and {@link SocialAdStubs}: {@code stripe}, {@code hubspot},
 * {@code google-ads}, {@code google-ads-manager}, {@code microsoft-ads}, {@code meta-ads}.
 */
public final class ApiStub extends WireMockServer
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final Map<String, Consumer<WireMockServer>> RECORDINGS = Map.of(
      "stripe", ApiStubs::stripe,
      "stripe-subscriptions", ApiStubs::stripeSubscriptions,
      "hubspot", ApiStubs::hubspot,
      "google-ads", ApiStubs::googleAds,
      "google-ads-manager", ApiStubs::googleAdsManager,
      "microsoft-ads", ApiStubs::microsoftAds,
      "meta-ads", SocialAdStubs::meta);

  private final List<String> recordings;
  private boolean perClass;

  private ApiStub(List<String> recordings) {
    super(options().dynamicPort());
    for (String name : recordings) {
      if (!RECORDINGS.containsKey(name)) {
        throw new IllegalArgumentException("no recorded API " + name + "; there are " + RECORDINGS.keySet());
      }
    }
    this.recordings = List.copyOf(recordings);
  }

  /** A server that answers nothing until the test stubs it. */
  public static ApiStub empty() {
    return new ApiStub(List.of());
  }

  /** A server answering with the recorded responses of these APIs, e.g. {@code recorded("stripe", "hubspot")}. */
  public static ApiStub recorded(String... apis) {
    return new ApiStub(List.of(apis));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    begin();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      begin();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void begin() {
    start();
    recordings.forEach(name -> RECORDINGS.get(name).accept(this));
  }
}
