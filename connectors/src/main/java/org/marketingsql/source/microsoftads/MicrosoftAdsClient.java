package org.marketingsql.source.microsoftads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Sleeper;

/**
 * Microsoft Advertising's Reporting service v13 over REST: submit a report request, poll until the
 * report is {@code Success} (waiting between polls, a bounded number of times), then download the
 * ZIP the poll names and take out its one CSV file.
 */
final class MicrosoftAdsClient {
  static final String SUBMIT = "/Reporting/v13/GenerateReport/Submit";
  static final String POLL = "/Reporting/v13/GenerateReport/Poll";
  private static final String API = "microsoft-ads";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiHttpClient http;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final int maxPolls;

  /**
   * @param pollInterval wait before each poll
   * @param maxPolls polls before giving up on a report still {@code Pending}
   */
  MicrosoftAdsClient(ApiHttpClient http, Sleeper sleeper, Duration pollInterval, int maxPolls) {
    this.http = Objects.requireNonNull(http, "http");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    if (maxPolls < 1) {
      throw new IllegalArgumentException("maxPolls must be at least 1, not " + maxPolls);
    }
    this.maxPolls = maxPolls;
  }

  /** What a report run gave: the CSV (none when the range has no data) and the requests it took. */
  record Report(Optional<Path> csv, int requests) {
  }

  /**
   * Runs one report: submit, poll, download, unzip into {@code folder}.
   *
   * @param reportRequest the {@code ReportRequest} object, with its {@code Type}
   */
  Report run(ObjectNode reportRequest, Path folder) {
    ObjectNode submit = JSON.createObjectNode();
    submit.set("ReportRequest", reportRequest);
    JsonNode id = http.post(SUBMIT, Map.of(), submit).get("ReportRequestId");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw ApiException.malformed(API, "POST " + SUBMIT, "a ReportRequestId");
    }
    ObjectNode poll = JSON.createObjectNode().put("ReportRequestId", id.asText());
    for (int polls = 1; polls <= maxPolls; polls++) {
      pause();
      JsonNode status = http.post(POLL, Map.of(), poll).path("ReportRequestStatus");
      String state = status.path("Status").asText("");
      switch (state) {
        case "Success" -> {
          JsonNode url = status.get("ReportDownloadUrl");
          if (url == null || url.isNull() || url.asText().isBlank()) {
            return new Report(Optional.empty(), polls + 1); // Microsoft's way of saying: no data in the range
          }
          return new Report(Optional.of(unzip(http.download(URI.create(url.asText()), false), folder)), polls + 2);
        }
        case "Pending" -> {
          // not ready yet
        }
        case "Error" -> throw ApiException.of(ApiException.Kind.REJECTED, "POST " + POLL, 200, API + " POST " + POLL
            + ": Microsoft Advertising could not build report " + id.asText() + " (status Error); try the sync again,"
            + " and if it keeps failing, check the account's access to reports");
        default -> throw ApiException.malformed(API, "POST " + POLL, "a ReportRequestStatus.Status of Pending,"
            + " Success or Error");
      }
    }
    throw ApiException.of(ApiException.Kind.UNAVAILABLE, "POST " + POLL, 200, API + " POST " + POLL + ": report "
        + id.asText() + " was still Pending after " + maxPolls + " polls " + pollInterval.toSeconds()
        + " s apart; try the sync again later");
  }

  private void pause() {
    try {
      sleeper.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.of(ApiException.Kind.UNAVAILABLE, "POST " + POLL, 0, API + " POST " + POLL
          + " was interrupted");
    }
  }

  /** The one CSV in the report's ZIP. */
  static Path unzip(byte[] zip, Path folder) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (!entry.isDirectory()) {
          Path csv = folder.resolve("report.csv");
          Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
          return csv;
        }
      }
    } catch (IOException e) {
      throw ApiException.of(ApiException.Kind.MALFORMED, "GET report download", 200, API
          + " report download is not a readable ZIP file (" + e.getMessage() + ")");
    }
    throw ApiException.malformed(API, "GET report download", "a file in the report's ZIP");
  }

  /**
   * Microsoft's error bodies: {@code {"OperationErrors": [{"Code", "ErrorCode", "Message"}], "BatchErrors",
   * "TrackingId"}} (ApiFaultDetail), {@code {"Errors": [...]}} (AdApiFaultDetail), and the identity
   * platform's {@code {"error": "invalid_grant", "error_description"}}.
   */
  static String explainBody(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        return null;
      }
      if (node.path("error").isTextual()) {
        String description = node.path("error_description").asText("");
        int cut = description.indexOf("\r\n");
        return node.get("error").asText() + (description.isEmpty() ? ""
            : ": " + (cut > 0 ? description.substring(0, cut) : description));
      }
      StringBuilder out = new StringBuilder();
      for (String list : new String[] {"OperationErrors", "Errors", "BatchErrors"}) {
        for (JsonNode error : node.path(list)) {
          out.append(out.length() == 0 ? "" : "; ").append(error.path("ErrorCode").asText("error")).append(' ')
              .append(error.path("Code").asText("")).append(": ").append(error.path("Message").asText(""));
        }
      }
      if (out.length() == 0) {
        return null;
      }
      if (node.hasNonNull("TrackingId")) {
        out.append(" [tracking ").append(node.get("TrackingId").asText()).append(']');
      }
      return out.toString();
    } catch (IOException e) {
      return null;
    }
  }
}
