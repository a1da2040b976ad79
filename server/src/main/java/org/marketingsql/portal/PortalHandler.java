package org.marketingsql.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.reports.ReportDesigns;
import org.marketingsql.reports.ReportException;
import org.marketingsql.reports.ReportFormat;
import org.marketingsql.reports.ReportParameter;
import org.marketingsql.reports.ReportRenderer;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.PasswordCheck;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's pages: a login form, the list of bundled reports with a form for each one's
 * parameters, and the rendered report (HTML in the page, PDF, XLSX and DOCX as downloads).
 * Reports read the {@code finance} views, so only users whose policy reads that schema log in, and a
 * report renders on a connection with its user's policy, as the users file has it at that moment; the
 * render log has user, client address, report, format, the parameters' names (their values only when
 * asked for), time and size, or the failure.
 *
 * <p>Every request checks its login against the users file again: a user removed, no longer allowed
 * {@code finance}, or given a new password is logged out at the next request. Everything that changes
 * something (log in, log out, render) is a POST whose form token must match: the login's own for a
 * logged-in user, the one of the login form's cookie for logging in. No answer shows an exception.
 */
final class PortalHandler extends AbstractHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);
  static final String COOKIE = "marketing_sql_session";
  /** The login form's token, before there is a login (a request from another site cannot read or send it). */
  static final String LOGIN_COOKIE = "marketing_sql_login";
  /** The schema every bundled report reads: the portal is for the users whose policy reads it. */
  static final String REPORTS_READ = "finance";

  private final String jdbcUrl;
  private final UsersFile users;
  private final List<ReportRenderer.ReportInfo> reports;
  private final PasswordCheck passwords;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final boolean secure;
  private final boolean logParameters;

  PortalHandler(String jdbcUrl, UsersFile users, PasswordCheck passwords, LoginThrottle throttle,
      Sessions sessions, boolean secure, boolean logParameters) {
    this.logParameters = logParameters;
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.users = Objects.requireNonNull(users, "users");
    ReportRenderer renderer = new ReportRenderer(jdbcUrl);
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
    SecurityHeaders.set(response);
    try {
      route(target, request, response);
    } catch (RuntimeException e) {
      // the details go to the log; the browser learns only that it failed
      LOG.error("portal: {} {} failed", request.getMethod(), target, e);
      if (!response.isCommitted()) {
        response.reset();
        SecurityHeaders.set(response);
        page(response, 500, Pages.error(500, "The portal could not answer; the server's log says why"));
      }
    }
  }

  private void route(String target, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String method = request.getMethod();
    if (target.equals("/login") && method.equals("POST")) {
      login(request, response);
      return;
    }
    String token = cookie(request, COOKIE);
    Optional<Sessions.Session> session = sessions.find(token);
    String loggedOut = null;
    if (session.isPresent()) {
      loggedOut = revoked(session.get());
      if (loggedOut != null) {
        LOG.info("portal: {} logged out: {}", session.get().user(), loggedOut);
        sessions.close(token);
        forget(response, COOKIE);
        session = Optional.empty();
      }
    } else if (token != null) {
      forget(response, COOKIE);
      loggedOut = "the login expired";
    }
    if (session.isEmpty()) {
      if ((target.equals("/") || target.equals("/login")) && method.equals("GET")) {
        loginPage(request, response, 200, loggedOut == null ? null : "You were logged out: " + loggedOut + ".");
      } else {
        response.sendRedirect("/");
      }
      return;
    }
    Sessions.Session s = session.get();
    if (method.equals("POST") && !s.formTokenIs(request.getParameter(Pages.FORM_TOKEN))) {
      LOG.warn("portal: a {} to {} for {} from {} without this login's form token was refused", method, target,
          s.user(), request.getRemoteAddr());
      page(response, 403, Pages.message(s.user(), s.formToken(), "Refused",
          "The form did not come from this login's page; open the reports list and try again."));
      return;
    }
    if (target.equals("/logout") && method.equals("POST")) {
      sessions.close(token);
      forget(response, COOKIE);
      response.sendRedirect("/");
    } else if (target.equals("/") && method.equals("GET")) {
      page(response, 200, Pages.index(s.user(), s.formToken(), reports));
    } else if (target.startsWith("/reports/") && method.equals("POST")) {
      report(s, target.substring("/reports/".length()), request, response);
    } else if (target.startsWith("/reports/") || target.equals("/logout")) {
      response.setHeader("Allow", "POST");
      page(response, 405, Pages.message(s.user(), s.formToken(), "Use the form",
          "Reports are opened with their form on the reports list."));
    } else {
      page(response, 404, Pages.message(s.user(), s.formToken(), "Not found", "There is no page " + target + "."));
    }
  }

  /** Why the login no longer holds (the users file changed under it), or null when it does. */
  private String revoked(Sessions.Session session) {
    Optional<User> now = users.find(session.user());
    if (now.isEmpty()) {
      return "the user no longer exists";
    }
    if (!now.get().policy().mayRead(REPORTS_READ)) {
      return "the user may no longer read the finance schema";
    }
    if (!now.get().verifier().equals(session.verifier())) {
      return "the password was changed";
    }
    return null;
  }

  /** The login form, with a form token that is also in a cookie only this site can send. */
  private void loginPage(HttpServletRequest request, HttpServletResponse response, int status, String error)
      throws IOException {
    String token = cookie(request, LOGIN_COOKIE);
    if (token == null || token.length() != 43) {
      token = sessions.newToken();
      response.addCookie(cookie(LOGIN_COOKIE, token));
    }
    page(response, status, Pages.login(error, token));
  }

  private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String address = request.getRemoteAddr();
    String name = String.valueOf(request.getParameter("user")).trim();
    String password = request.getParameter("password");
    String expected = cookie(request, LOGIN_COOKIE);
    String given = request.getParameter(Pages.FORM_TOKEN);
    if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8))) {
      LOG.warn("portal: login of {} from {} refused: the form token is missing or wrong", name, address);
      loginPage(request, response, 403, "The login form had expired; please log in again.");
      return;
    }
    Optional<LoginThrottle.Attempt> attempt = throttle.await(address, name);
    if (attempt.isEmpty()) {
      LOG.warn("portal: login of {} from {} refused: too many failed logins", name, address);
      loginPage(request, response, 429, "Too many failed logins for this user or from your address; try again later.");
      return;
    }
    Optional<User> user;
    try {
      user = password == null ? Optional.empty() : passwords.check(name, password.toCharArray());
    } catch (RuntimeException e) {
      attempt.get().abandoned();
      throw e;
    }
    if (user.isEmpty()) {
      attempt.get().failed();
      LOG.warn("portal: failed login of {} from {}", name, address);
      loginPage(request, response, 401, "Wrong user name or password.");
      return;
    }
    attempt.get().succeeded();
    if (!user.get().policy().mayRead(REPORTS_READ)) {
      LOG.warn("portal: {} logged in from {} but may not read finance", name, address);
      loginPage(request, response, 403, "User " + name + " may not read the finance schema, which the reports use.");
      return;
    }
    sessions.close(cookie(request, COOKIE));
    response.addCookie(cookie(COOKIE, sessions.open(user.get().name(), user.get().verifier())));
    LOG.info("portal: {} logged in from {}", name, address);
    response.sendRedirect("/");
  }

  private void report(Sessions.Session session, String name, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String user = session.user();
    String formToken = session.formToken();
    String address = request.getRemoteAddr();
    Optional<ReportRenderer.ReportInfo> info = reports.stream().filter(r -> r.name().equals(name)).findFirst();
    if (info.isEmpty()) {
      page(response, 404, Pages.message(user, formToken, "No such report", "There is no report " + name + "."));
      return;
    }
    ReportFormat format;
    try {
      format = ReportFormat.of(Optional.ofNullable(request.getParameter("format")).orElse("html"));
    } catch (IllegalArgumentException e) {
      page(response, 400, Pages.message(user, formToken, "Wrong format", e.getMessage()));
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ReportParameter p : info.get().parameters()) {
      String v = request.getParameter(p.name());
      if (v != null && !v.isBlank()) {
        values.put(p.name(), v.trim());
      }
    }
    // the user's grants as the users file has them now, on the connection the report reads through
    AccessPolicy policy = users.find(user).map(User::policy).orElse(AccessPolicy.only(List.of()));
    if (!policy.mayRead(REPORTS_READ)) {
      LOG.warn("portal: user={} address={} report={} refused: may not read {}", user, address, name, REPORTS_READ);
      page(response, 403, Pages.message(user, formToken, "Not allowed", "User " + user + " may not read the "
          + REPORTS_READ + " schema, which the reports use."));
      return;
    }
    long start = System.nanoTime();
    byte[] document;
    try {
      document = new ReportRenderer(jdbcUrl + ";" + AccessPolicy.PROPERTY + "=" + policy.property())
          .render(ReportDesigns.find(name), values, format);
    } catch (ReportException e) {
      LOG.warn("portal: user={} address={} report={} params={} failed: {}", user, address, name, logged(values),
          e.getMessage());
      page(response, 400, Pages.message(user, formToken, "The report could not be rendered", e.getMessage()));
      return;
    }
    LOG.info("portal: user={} address={} report={} format={} params={} ms={} bytes={}", user, address, name, format,
        logged(values), (System.nanoTime() - start) / 1_000_000, document.length);
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

  /** The parameters as the log shows them: their names, and their values only when asked for. */
  private Object logged(Map<String, String> values) {
    return logParameters ? values : values.keySet();
  }

  private void forget(HttpServletResponse response, String name) {
    Cookie gone = cookie(name, "");
    gone.setMaxAge(0);
    response.addCookie(gone);
  }

  /** HttpOnly, SameSite=Strict, and Secure when the portal runs on TLS. */
  private Cookie cookie(String name, String value) {
    Cookie c = new Cookie(name, value);
    c.setHttpOnly(true);
    c.setSecure(secure);
    c.setPath("/");
    c.setComment("__SAME_SITE_STRICT__");
    return c;
  }

  private static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals(name) && !c.getValue().isEmpty()) {
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
