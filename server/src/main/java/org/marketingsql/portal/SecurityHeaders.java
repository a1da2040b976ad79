package org.marketingsql.portal;

import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every portal answer carries: no other site may frame it (clickjacking), browsers take
 * the content type as sent, and nothing is cached (reports hold finance figures).
 */
final class SecurityHeaders {
  static final String CSP = "frame-ancestors 'none'";

  private SecurityHeaders() {
  }

  static void set(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  static void set(HttpFields fields) {
    fields.put("Content-Security-Policy", CSP);
    fields.put("X-Frame-Options", "DENY");
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put("Cache-Control", "no-store");
    fields.put("Referrer-Policy", "no-referrer");
  }
}
