package org.marketingsql.portal;

import java.util.List;
import org.marketingsql.reports.ReportFormat;
import org.marketingsql.reports.ReportParameter;
import org.marketingsql.reports.ReportRenderer;

/**
 * The portal's few HTML pages; every value from outside is escaped, and every form that posts carries
 * the form token ({@link #FORM_TOKEN}) the handler checks.
 */
final class Pages {
  /** The name of the hidden field that carries the form token. */
  static final String FORM_TOKEN = "_token";

  private Pages() {
  }

  private static final String STYLE = """
      <style>
      body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
      h1{color:#1F3A5F;font-size:1.5em} h2{color:#1F3A5F;font-size:1.15em;margin-bottom:.2em}
      .report{border-top:1px solid #ddd;padding:.6em 0} .desc{color:#555;margin:.2em 0 .6em}
      label{display:inline-block;min-width:10em} input,select{margin:.15em 0} .help{color:#777;font-size:.85em}
      .error{color:#a00} header{display:flex;justify-content:space-between;align-items:center}
      </style>""";

  static String login(String error, String formToken) {
    return html("Marketing SQL reports", """
        <h1>Marketing SQL reports</h1>
        %s
        <form method="post" action="/login">%s
          <p><label for="user">User</label><input id="user" name="user" autocomplete="username" required></p>
          <p><label for="password">Password</label><input id="password" name="password" type="password"
             autocomplete="current-password" required></p>
          <p><button id="login" type="submit">Log in</button></p>
        </form>
        <p class="help">Users are added by an administrator with <code>marketing-sql users add NAME</code>.</p>
        """.formatted(error == null ? "" : "<p class=\"error\">" + escape(error) + "</p>", hidden(formToken)));
  }

  static String index(String user, String formToken, List<ReportRenderer.ReportInfo> reports) {
    StringBuilder body = new StringBuilder(top(user, formToken, "Reports"));
    for (ReportRenderer.ReportInfo r : reports) {
      body.append("<div class=\"report\" id=\"report-").append(escape(r.name())).append("\"><h2>")
          .append(escape(r.title())).append("</h2><p class=\"desc\">").append(escape(r.description())).append("</p>")
          .append("<form method=\"post\" action=\"/reports/").append(escape(r.name())).append("\">")
          .append(hidden(formToken));
      for (ReportParameter p : r.parameters()) {
        String id = r.name() + "-" + p.name();
        body.append("<p><label for=\"").append(escape(id)).append("\">").append(escape(p.prompt())).append("</label>")
            .append("<input id=\"").append(escape(id)).append("\" name=\"").append(escape(p.name()))
            .append("\" value=\"").append(escape(p.defaultValue())).append("\"> <span class=\"help\">")
            .append(escape(p.help())).append("</span></p>");
      }
      body.append("<p><label for=\"").append(escape(r.name())).append("-format\">Format</label><select id=\"")
          .append(escape(r.name())).append("-format\" name=\"format\">");
      for (ReportFormat f : ReportFormat.values()) {
        body.append("<option value=\"").append(f.extension()).append("\">").append(f.extension().toUpperCase())
            .append(f == ReportFormat.HTML ? " (in the browser)" : " (download)").append("</option>");
      }
      body.append("</select> <button type=\"submit\" id=\"").append(escape(r.name())).append("-open\">Open</button></p>")
          .append("</form></div>");
    }
    return html("Marketing SQL reports", body.toString());
  }

  static String message(String user, String formToken, String title, String text) {
    return html(title, top(user, formToken, title) + "<p class=\"error\">" + escape(text) + "</p><p><a href=\"/\">Back to the reports</a></p>");
  }

  /** A page for an error the portal cannot say more about; the details are in the server's log only. */
  static String error(int status, String reason) {
    return html(reason, "<h1>" + status + " " + escape(reason) + "</h1><p><a href=\"/\">Marketing SQL reports</a></p>");
  }

  private static String hidden(String formToken) {
    return "<input type=\"hidden\" name=\"" + FORM_TOKEN + "\" value=\"" + escape(formToken) + "\">";
  }

  private static String top(String user, String formToken, String title) {
    return "<header><h1>" + escape(title) + "</h1><form method=\"post\" action=\"/logout\">" + hidden(formToken)
        + escape(user)
        + " <button id=\"logout\" type=\"submit\">Log out</button></form></header>";
  }

  private static String html(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
        + STYLE + "</head><body>" + body + "</body></html>";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
