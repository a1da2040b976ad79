package org.marketingsql.source.http;

/**
 * A call to an API failed. The message names the API and endpoint (never a credential), says what
 * went wrong and, for the user's part, what to do; the cause is kept.
 */
public final class ApiException extends RuntimeException {
  /** Whose fault, in Trino's sense: what the user must fix, what the API did, or a bug here. */
  public enum Kind {
    /** The credential was refused (401/403): a revoked or wrong token, a missing scope. */
    UNAUTHORIZED,
    /** The API kept failing or was unreachable (429, 5xx, network, timeout) after every retry. */
    UNAVAILABLE,
    /** The API answered with something other than the documented JSON. */
    MALFORMED,
    /** The API refused the request itself (other 4xx). */
    REJECTED
  }

  private final Kind kind;
  private final String endpoint;
  private final int status;

  ApiException(Kind kind, String endpoint, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.endpoint = endpoint;
    this.status = status;
  }

  /**
   * A failure a source finds itself beyond one HTTP call (a report run that failed or never finished,
   * an answer naming an unknown time zone); the message names the API and endpoint, never a credential.
   */
  public static ApiException of(Kind kind, String endpoint, int status, String message, Throwable cause) {
    return new ApiException(kind, endpoint, status, message, cause);
  }

  /** A response that parsed as JSON but lacks what the API documents (a list without {@code data}, a row without an id). */
  public static ApiException malformed(String api, String endpoint, String what) {
    return new ApiException(Kind.MALFORMED, endpoint, 200, api + " " + endpoint + " answered without " + what, null);
  }

  /**
   * A failure an API reported in its own way rather than by HTTP status: Google Ads' error at the end
   * of a stream answered 200, Microsoft Advertising's report that ended in {@code Error}.
   *
   * @param message names the API and endpoint and says what went wrong; never a credential
   */
  public static ApiException of(Kind kind, String endpoint, int status, String message) {
    return new ApiException(kind, endpoint, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The method and URL path called, without query string or credentials. */
  public String endpoint() {
    return endpoint;
  }

  /** The last HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}
