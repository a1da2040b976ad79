package org.marketingsql.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.marketingsql.reports.ReportDesigns;
import org.marketingsql.reports.ReportException;
import org.marketingsql.reports.ReportFormat;
import org.marketingsql.reports.ReportParameter;
import org.marketingsql.reports.ReportRenderer;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.PasswordCheck;
import org.marketingsql.users.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's pages: a login form, the list of bundled reports with a form for each one's
 * parameters, and the rendered report (HTML in the page, PDF, XLSX and DOCX as downloads).
 * Reports read the {@code finance} views, so only users allowed that schema see them.
 */
final class PortalHandler extends AbstractHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);
  static final String COOKIE = "marketing_sql_session";

  private final ReportRenderer renderer;
  private final List<ReportRenderer.ReportInfo> reports;
  private final PasswordCheck passwords;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final boolean secure;

  PortalHandler(ReportRenderer renderer, PasswordCheck passwords, LoginThrottle throttle,
      Sessions sessions, boolean secure) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.secure = secure;
    this.reports = ReportDesigns.bundled().stream().map(n -> renderer.info(ReportDesigns.find(n))).toList();
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    base.setHandled(true);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    String method = request.getMethod();
    if (target.equals("/login") && method.equals("POST")) {
      login(request, response);
      return;
    }
    Optional<String> user = sessions.user(token(request));
    if (user.isEmpty()) {
      if (target.equals("/") || target.equals("/login")) {
        page(response, 200, Pages.login(null));
      } else {
        response.sendRedirect("/");
      }
      return;
    }
    if (target.equals("/logout") && method.equals("POST")) {
      sessions.close(token(request));
      Cookie gone = cookie("");
      gone.setMaxAge(0);
      response.addCookie(gone);
      response.sendRedirect("/");
    } else if (target.equals("/") && method.equals("GET")) {
      page(response, 200, Pages.index(user.get(), reports));
    } else if (target.startsWith("/reports/") && method.equals("GET")) {
      report(user.get(), target.substring("/reports/".length()), request, response);
    } else {
      page(response, 404, Pages.message(user.get(), "Not found", "There is no page " + target + "."));
    }
  }

  private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String address = request.getRemoteAddr();
    String name = String.valueOf(request.getParameter("user")).trim();
    String password = request.getParameter("password");
    if (!throttle.allows(address)) {
      LOG.warn("portal: login of {} from {} refused: too many failed logins", name, address);
      page(response, 429, Pages.login("Too many failed logins from your address; wait a minute and try again."));
      return;
    }
    Optional<User> user = password == null ? Optional.empty() : passwords.check(name, password.toCharArray());
    if (user.isEmpty()) {
      throttle.failed(address);
      LOG.warn("portal: failed login of {} from {}", name, address);
      page(response, 401, Pages.login("Wrong user name or password."));
      return;
    }
    throttle.succeeded(address);
    if (!user.get().mayRead("finance")) {
      LOG.warn("portal: {} logged in from {} but may not read finance", name, address);
      page(response, 403, Pages.login("User " + name + " may not read the finance schema, which the reports use."));
      return;
    }
    response.addCookie(cookie(sessions.open(user.get().name())));
    LOG.info("portal: {} logged in from {}", name, address);
    response.sendRedirect("/");
  }

  private void report(String user, String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ReportRenderer.ReportInfo> info = reports.stream().filter(r -> r.name().equals(name)).findFirst();
    if (info.isEmpty()) {
      page(response, 404, Pages.message(user, "No such report", "There is no report " + name + "."));
      return;
    }
    ReportFormat format;
    try {
      format = ReportFormat.of(Optional.ofNullable(request.getParameter("format")).orElse("html"));
    } catch (IllegalArgumentException e) {
      page(response, 400, Pages.message(user, "Wrong format", e.getMessage()));
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ReportParameter p : info.get().parameters()) {
      String v = request.getParameter(p.name());
      if (v != null && !v.isBlank()) {
        values.put(p.name(), v.trim());
      }
    }
    long start = System.nanoTime();
    byte[] document;
    try {
      document = renderer.render(ReportDesigns.find(name), values, format);
    } catch (ReportException e) {
      LOG.warn("portal: {} rendering {} failed: {}", user, name, e.getMessage());
      page(response, 400, Pages.message(user, "The report could not be rendered", e.getMessage()));
      return;
    }
    LOG.info("portal: user={} report={} format={} params={} ms={} bytes={}", user, name, format, values,
        (System.nanoTime() - start) / 1_000_000, document.length);
    response.setStatus(200);
    response.setContentType(format.mediaType());
    if (format != ReportFormat.HTML) {
      String file = name + values.values().stream().map(v -> "-" + v.replaceAll("[^A-Za-z0-9_.-]", "_"))
          .reduce("", String::concat) + "." + format.extension();
      response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"; filename*=UTF-8''"
          + URLEncoder.encode(file, StandardCharsets.UTF_8));
    }
    response.setContentLength(document.length);
    response.getOutputStream().write(document);
  }

  private Cookie cookie(String value) {
    Cookie c = new Cookie(COOKIE, value);
    c.setHttpOnly(true);
    c.setSecure(secure);
    c.setPath("/");
    c.setComment("__SAME_SITE_STRICT__");
    return c;
  }

  private static String token(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals(COOKIE) && !c.getValue().isEmpty()) {
          return c.getValue();
        }
      }
    }
    return null;
  }

  private static void page(HttpServletResponse response, int status, String html) throws IOException {
    response.setStatus(status);
    response.setContentType("text/html; charset=UTF-8");
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
