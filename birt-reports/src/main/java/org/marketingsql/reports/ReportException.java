package org.marketingsql.reports;

/** A report could not be rendered: the message names the report and says why; the cause is kept. */
public final class ReportException extends RuntimeException {
  ReportException(String message, Throwable cause) {
    super(message, cause);
  }

  ReportException(String message) {
    super(message);
  }
}
