package org.marketingsql.avatica;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.metrics.MetricsSystem;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.server.AbstractAvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's handler, whose error responses reach the client as one line: Avatica puts the stack of the exception
 * (and of each cause) in an ErrorResponse's {@code exceptions}, and an exception it knows nothing of as its chain of
 * class names and messages in {@code errorMessage}; both name the server's classes. The client gets the SQLSTATE,
 * the error code (the thin driver reconnects on a missing connection's), the severity and the first line of the
 * message, at most {@value GuardedMeta#MAX_MESSAGE} characters; an error without a SQLSTATE is XX000 {@code
 * internal error} naming the error id the server's log holds its detail under. Answers that are not errors pass
 * through as Avatica writes them.
 */
final class OneLineErrors extends AbstractAvaticaHandler {
  private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);
  private final AvaticaProtobufHandler avatica;
  private final ProtobufTranslation protobuf = new ProtobufTranslationImpl();

  OneLineErrors(AvaticaProtobufHandler avatica) {
    this.avatica = Objects.requireNonNull(avatica, "avatica");
    addBean(avatica);
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Held held = new Held(response);
    avatica.handle(target, baseRequest, request, held);
    if (held.error.size() > 0) {
      response.getOutputStream().write(oneLine(held.error.toByteArray(), request.getRemoteAddr()));
    }
  }

  /** The error response {@code sent} as one line; bytes that are not an Avatica response as they are. */
  byte[] oneLine(byte[] sent, String address) throws IOException {
    Service.Response parsed;
    try {
      parsed = protobuf.parseResponse(sent);
    } catch (IOException | RuntimeException notAvatica) {
      return sent; // Avatica's own plain text (a GET answered "This server expects only POST calls.")
    }
    if (!(parsed instanceof ErrorResponse error)) {
      return sent;
    }
    return protobuf.serializeResponse(oneLine(error, address));
  }

  static ErrorResponse oneLine(ErrorResponse error, String address) {
    String state = error.sqlState;
    String message = error.errorMessage;
    boolean known = state != null && !state.equals(ErrorResponse.UNKNOWN_SQL_STATE);
    if (!known && error.errorCode != ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
      String id = ErrorIds.next();
      LOG.warn("error {}: an Avatica request from {} failed: {}\n{}", id, address, message,
          String.join("\n", error.exceptions));
      state = "XX000";
      message = "internal error" + ErrorIds.pointer(id);
    } else if (error.errorCode == ErrorResponse.MISSING_CONNECTION_ERROR_CODE && (message == null || message.isBlank())) {
      message = "connection not found: it was closed, expired or opened on another server";
    } else if (!error.exceptions.isEmpty()) {
      LOG.debug("an Avatica request from {} failed: [{}] {}\n{}", address, state, message,
          String.join("\n", error.exceptions));
    }
    AvaticaSeverity severity = error.severity == null || error.severity == AvaticaSeverity.UNKNOWN
        ? AvaticaSeverity.ERROR : error.severity;
    return new ErrorResponse(List.of(), GuardedMeta.oneLine(message), error.errorCode, state, severity,
        error.rpcMetadata);
  }

  @Override
  public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }

  @Override
  public MetricsSystem getMetrics() {
    return avatica.getMetrics();
  }

  /** The response, whose body is held back when its status is not 200: an error, to be rewritten. */
  private static final class Held extends HttpServletResponseWrapper {
    final ByteArrayOutputStream error = new ByteArrayOutputStream();
    private ServletOutputStream out;

    Held(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (out == null) {
        ServletOutputStream real = super.getOutputStream();
        out = new ServletOutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (getStatus() == HttpServletResponse.SC_OK) {
              real.write(b, off, len);
            } else {
              error.write(b, off, len);
            }
          }

          @Override
          public void flush() throws IOException {
            real.flush();
          }

          @Override
          public boolean isReady() {
            return real.isReady();
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            real.setWriteListener(listener);
          }
        };
      }
      return out;
    }
  }
}
