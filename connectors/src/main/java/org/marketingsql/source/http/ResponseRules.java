package org.marketingsql.source.http;

import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * What an API says beyond its HTTP status, for {@link ApiHttpClient}: some APIs report a rate limit
 * as HTTP 400 with an error code (Meta's 17, 80000, 80004), a refused token as 400 (Meta's 190), or a
 * request too big to ever succeed as 500; some report in headers how much of their quota is spent.
 * The default follows the status alone and never pauses.
 */
public interface ResponseRules {
  /** How to treat an answer that is not 2xx. */
  enum Verdict {
    /** As its status says: 429 and 5xx retried, 401/403 refused credential, other 4xx rejected. */
    BY_STATUS,
    /** A rate limit or passing failure, whatever the status: retry with back-off. */
    RETRY,
    /** The API refused the credential, whatever the status: fail at once naming its reference. */
    UNAUTHORIZED,
    /** The request itself cannot succeed as sent, whatever the status: fail at once. */
    REJECTED
  }

  /** @param body the answer's body as text, for the API's own error code */
  Verdict classify(int status, String body);

  /**
   * How long to wait after this answer before calling again, because the API reports its quota all
   * but spent; null when there is no need. A retried answer waits at least this long (within the
   * policy's cap); a successful one waits before it is returned, so the next call does not hit the limit.
   */
  Duration pause(int status, HttpHeaders headers);

  /** By status alone, no pauses. */
  ResponseRules BY_STATUS = new ResponseRules() {
    @Override
    public Verdict classify(int status, String body) {
      return Verdict.BY_STATUS;
    }

    @Override
    public Duration pause(int status, HttpHeaders headers) {
      return null;
    }
  };
}
