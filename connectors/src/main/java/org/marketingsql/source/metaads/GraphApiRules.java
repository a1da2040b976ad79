package org.marketingsql.source.metaads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ResponseRules;

/**
 * How Meta's Graph API reports trouble beyond the status (its "Rate Limiting" and "Error codes" pages):
 * rate limits come as HTTP 400 with error codes 4 (app), 17 (ad account user), 613, 80000 (ads insights
 * business use case) or 80004 (ads management), so they are retried; code 190 is a refused token; code 1
 * with subcode 1487534 ("reduce the amount of data") will never succeed as sent, so it is not retried
 * and the caller turns to an asynchronous report. The headers {@code x-fb-ads-insights-throttle}
 * ({@code app_id_util_pct}, {@code acc_id_util_pct}) and {@code x-business-use-case-usage}
 * ({@code call_count}, {@code total_cputime}, {@code total_time}, {@code estimated_time_to_regain_access}
 * in minutes) ask for a pause at 95 % or more.
 */
final class GraphApiRules implements ResponseRules {
  /** Error subcode of "Please reduce the amount of data you're asking for, then retry your request". */
  static final int TOO_MUCH_DATA = 1487534;
  private static final Set<Integer> RATE_LIMITED = Set.of(4, 17, 613, 80000, 80004);
  private static final int INVALID_TOKEN = 190;
  private static final double NEARLY_SPENT = 95.0;
  private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Verdict classify(int status, String body) {
    Optional<JsonNode> error = error(body);
    if (error.isEmpty()) {
      return Verdict.BY_STATUS;
    }
    int code = error.get().path("code").asInt(-1);
    int subcode = error.get().path("error_subcode").asInt(-1);
    if (RATE_LIMITED.contains(code)) {
      return Verdict.RETRY;
    }
    if (code == INVALID_TOKEN) {
      return Verdict.UNAUTHORIZED;
    }
    if (code == 1 && subcode == TOO_MUCH_DATA) {
      return Verdict.REJECTED;
    }
    return Verdict.BY_STATUS;
  }

  @Override
  public Duration pause(int status, HttpHeaders headers) {
    double spent = 0;
    long regainMinutes = 0;
    Optional<JsonNode> insights = headers.firstValue("x-fb-ads-insights-throttle").flatMap(GraphApiRules::parse);
    if (insights.isPresent()) {
      spent = Math.max(insights.get().path("app_id_util_pct").asDouble(0), insights.get().path("acc_id_util_pct").asDouble(0));
    }
    Optional<JsonNode> usage = headers.firstValue("x-business-use-case-usage").flatMap(GraphApiRules::parse);
    if (usage.isPresent()) {
      for (JsonNode business : usage.get()) {
        for (JsonNode entry : business) {
          spent = Math.max(spent, Math.max(entry.path("call_count").asDouble(0),
              Math.max(entry.path("total_cputime").asDouble(0), entry.path("total_time").asDouble(0))));
          regainMinutes = Math.max(regainMinutes, entry.path("estimated_time_to_regain_access").asLong(0));
        }
      }
    }
    if (spent < NEARLY_SPENT) {
      return null;
    }
    return regainMinutes > 0 ? Duration.ofMinutes(regainMinutes) : DEFAULT_PAUSE;
  }

  /**
   * Whether a failed call was Meta's "reduce the amount of data" (code 1, subcode 1487534), which
   * {@link #classify} fails at once: the exception's message carries the start of Meta's error body.
   */
  static boolean tooMuchData(ApiException e) {
    return e.kind() == ApiException.Kind.REJECTED && e.getMessage() != null
        && e.getMessage().contains(String.valueOf(TOO_MUCH_DATA));
  }

  private static Optional<JsonNode> error(String body) {
    return parse(body).map(n -> n.get("error")).filter(JsonNode::isObject);
  }

  private static Optional<JsonNode> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
