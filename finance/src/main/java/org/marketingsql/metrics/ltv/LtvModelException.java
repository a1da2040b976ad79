package org.marketingsql.metrics.ltv;

/**
 * The data cannot identify a lifetime-value model, the fit did not converge, or a prediction is
 * undefined for the fitted parameters. The message says what is missing.
 */
public class LtvModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LtvModelException(String message) {
    super(message);
  }

  public LtvModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
