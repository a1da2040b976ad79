package org.marketingsql.portal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answer when Jetty itself refuses a request (a malformed one, or one the portal's handler did not
 * finish): a short page with the status only, never a message, a stack trace or a server name, and the
 * portal's security headers.
 */
final class PortalErrorHandler extends ErrorHandler {
  PortalErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  @Override
  public void doError(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus() < 400 ? 500 : response.getStatus();
    SecurityHeaders.set(response);
    byte[] body = Pages.error(status, reason(status)).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html; charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    SecurityHeaders.set(fields);
    fields.put("Content-Type", "text/html; charset=UTF-8");
    return ByteBuffer.wrap(Pages.error(status, reason(status)).getBytes(StandardCharsets.UTF_8));
  }

  private static String reason(int status) {
    String reason = HttpStatus.getMessage(status);
    return reason == null ? "Error" : reason;
  }
}
