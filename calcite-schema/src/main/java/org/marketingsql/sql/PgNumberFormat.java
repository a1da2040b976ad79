package org.marketingsql.sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A PostgreSQL {@code to_char} template for numbers ({@code 'FM999,999,990.00'}, {@code '9.99EEEE'},
 * {@code 'S9999'} …), formatting a value as PostgreSQL's {@code formatting.c} does in the C locale: {@code D} is
 * {@code .}, {@code G} is {@code ,}, {@code L} (the currency symbol, empty in that locale) is a space.
 */
record PgNumberFormat(List<Element> elements, Layout layout) {
  /** Keywords, longest first; upper or lower case alike except {@code TH}/{@code th}. */
  private static final List<String> KEYWORDS = List.of("EEEE", "FM", "MI", "PL", "PR", "RN", "SG", "SP", "TH", ",", ".",
      "0", "9", "B", "C", "D", "G", "L", "S", "V");
  /** Digits a double keeps ({@code DBL_DIG}). */
  private static final int DOUBLE_DIGITS = 15;

  PgNumberFormat {
    elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    Objects.requireNonNull(layout, "layout");
  }

  /** A keyword (upper case; {@code th} for the lower-case suffix) or literal text. */
  record Element(String keyword, String text) {
    boolean isLiteral() {
      return keyword == null;
    }

    /** {@code RN} or {@code rn}: the number in roman numerals, upper or lower case. */
    boolean isRoman() {
      return "RN".equals(keyword) || "rn".equals(keyword);
    }
  }

  /** What the template's keywords say together: digits before and after the point, signs, fill mode. */
  record Layout(int pre, int post, int multi, int zeroStart, int zeroEnd, boolean decimal, boolean zero, boolean fill,
      boolean minus, boolean plus, boolean bracket, boolean lsign, boolean lsignPost, int preLsignNum, boolean eeee) {
  }

  static PgNumberFormat parse(String template) {
    Objects.requireNonNull(template, "template");
    List<Element> out = new ArrayList<>();
    int pre = 0;
    int post = 0;
    int multi = 0;
    int zeroStart = 0;
    int zeroEnd = 0;
    boolean decimal = false;
    boolean zero = false;
    boolean fill = false;
    boolean minus = false;
    boolean plus = false;
    boolean bracket = false;
    boolean lsign = false;
    boolean lsignPost = false;
    int preLsignNum = 0;
    boolean eeee = false;
    boolean isMulti = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '"') {
        int end = i + 1;
        while (end < template.length() && template.charAt(end) != '"') {
          if (template.charAt(end) == '\\' && end + 1 < template.length()) {
            end++;
          }
          out.add(new Element(null, String.valueOf(template.charAt(end))));
          end++;
        }
        i = Math.min(end + 1, template.length());
        continue;
      }
      String keyword = keywordAt(template, i);
      if (keyword == null) {
        out.add(new Element(null, String.valueOf(c)));
        i++;
        continue;
      }
      i += keyword.length();
      String id = keyword.equals("th") || keyword.equals("rn") ? keyword : keyword.toUpperCase(Locale.ROOT);
      switch (id) {
        case "9" -> {
          refuseAfterBracket(bracket, "9");
          if (isMulti) {
            multi++;
          } else if (decimal) {
            post++;
          } else {
            pre++;
          }
        }
        case "0" -> {
          refuseAfterBracket(bracket, "0");
          if (!zero && !decimal) {
            zero = true;
            zeroStart = pre + 1;
          }
          if (decimal) {
            post++;
          } else {
            pre++;
          }
          zeroEnd = pre + post;
        }
        case ".", "D" -> {
          if (decimal) {
            throw invalid("multiple decimal points");
          }
          if (isMulti) {
            throw invalid("cannot use \"V\" and decimal point together");
          }
          decimal = true;
        }
        case "FM" -> fill = true;
        case "S" -> {
          if (lsign) {
            throw invalid("cannot use \"S\" twice");
          }
          if (plus || minus || bracket) {
            throw invalid("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
          }
          lsign = true;
          lsignPost = decimal;
          preLsignNum = pre;
        }
        case "MI", "PL", "SG" -> {
          if (lsign) {
            throw invalid("cannot use \"S\" and \"" + id + "\" together");
          }
          minus |= !id.equals("PL");
          plus |= !id.equals("MI");
        }
        case "PR" -> {
          if (lsign || plus || minus) {
            throw invalid("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
          }
          bracket = true;
        }
        case "V" -> {
          if (decimal) {
            throw invalid("cannot use \"V\" and decimal point together");
          }
          isMulti = true;
        }
        case "EEEE" -> {
          if (eeee) {
            throw invalid("cannot use \"EEEE\" twice");
          }
          if (fill || lsign || bracket || minus || plus || isMulti) {
            throw invalid("\"EEEE\" is incompatible with other formats");
          }
          eeee = true;
        }
        default -> { } // , G L TH th B C SP RN rn: written where they stand
      }
      out.add(new Element(id, null));
    }
    return new PgNumberFormat(out, new Layout(pre, post, multi, zeroStart, zeroEnd, decimal, zero, fill, minus, plus,
        bracket, lsign, lsignPost, preLsignNum, eeee));
  }

  private static String keywordAt(String template, int at) {
    for (String k : KEYWORDS) {
      if (template.startsWith(k, at)) {
        return k;
      }
      String lower = k.toLowerCase(Locale.ROOT);
      if (!k.equals("TH") && template.startsWith(lower, at)) {
        return lower;
      }
      if (k.equals("TH") && template.startsWith("th", at)) {
        return "th";
      }
    }
    return null;
  }

  private static void refuseAfterBracket(boolean bracket, String digit) {
    if (bracket) {
      throw invalid("\"" + digit + "\" must be ahead of \"PR\"");
    }
  }

  private static PgSqlException invalid(String message) {
    return new PgSqlException("42601", message);
  }

  /** {@code to_char(numeric, format)}: the exact value rounded half away from zero, as PostgreSQL's numeric. */
  String format(BigDecimal value) {
    Objects.requireNonNull(value, "value");
    if (isRoman()) {
      BigDecimal whole = value.setScale(0, RoundingMode.HALF_UP);
      if (whole.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
          || whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        throw new PgSqlException("22003", "integer out of range");
      }
      return roman(whole.intValue());
    }
    Layout l = layout;
    if (l.eeee()) {
      return scientific(value);
    }
    BigDecimal shifted = l.multi() > 0 ? value.movePointRight(l.multi()) : value;
    BigDecimal rounded = shifted.setScale(l.post(), RoundingMode.HALF_UP);
    return digits(rounded.signum() < 0, rounded.abs().toPlainString(), l.pre() + l.multi(), l.post());
  }

  /** {@code to_char(double precision, format)}: at most 15 significant digits, rounded as C's printf rounds. */
  String format(double value) {
    if (isRoman()) {
      // C's (int) of a double past the integers (or not a number) is INT_MIN on the machines PostgreSQL runs on
      double whole = Math.rint(value);
      return roman(Double.isNaN(whole) || whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE
          ? Integer.MIN_VALUE : (int) whole);
    }
    Layout l = layout;
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      if (l.eeee()) {
        StringBuilder hashes = new StringBuilder(" " + "#".repeat(l.pre() + l.post() + 5));
        hashes.setCharAt(l.pre() + 1, '.');
        return hashes.toString();
      }
      // C's printf writes NaN and Infinity as words, which PostgreSQL lays out as digits
      return digits(value < 0, Double.isNaN(value) ? "NaN" : "Infinity", l.pre() + l.multi(), l.post());
    }
    if (l.eeee()) {
      BigDecimal exact = new BigDecimal(value);
      return scientific(exact.round(new MathContext(l.post() + 1, RoundingMode.HALF_EVEN)), l.post());
    }
    BigDecimal exact = new BigDecimal(value);
    if (l.multi() > 0) {
      exact = new BigDecimal(value * Math.pow(10, l.multi()));
    }
    int preDigits = exact.abs().setScale(0, RoundingMode.HALF_EVEN).toPlainString().length();
    int post = preDigits >= DOUBLE_DIGITS ? 0 : Math.min(l.post(), DOUBLE_DIGITS - preDigits);
    BigDecimal rounded = exact.setScale(post, RoundingMode.HALF_EVEN);
    boolean negative = exact.signum() < 0 || exact.signum() == 0 && 1 / value < 0;
    return digits(negative, rounded.abs().toPlainString(), l.pre() + l.multi(), post);
  }

  private boolean isRoman() {
    return elements.stream().anyMatch(Element::isRoman);
  }

  /**
   * {@code RN}: the whole number in roman numerals, right-aligned in 15 characters (as they are with {@code FM}),
   * lower case for {@code rn}; a number outside 1 to 3999 is 15 {@code #}. Text in the template is written where
   * it stands; the template's other keywords are refused, since PostgreSQL lays out no digits beside the numerals.
   */
  private String roman(int number) {
    String numerals = number < 1 || number > 3999 ? "#".repeat(15) : romanNumerals(number);
    boolean fill = layout.fill();
    StringBuilder out = new StringBuilder();
    for (Element e : elements) {
      if (e.isLiteral()) {
        out.append(e.text());
      } else if (e.isRoman()) {
        String written = fill ? numerals : String.format(Locale.ROOT, "%15s", numerals);
        out.append(e.keyword().equals("rn") ? written.toLowerCase(Locale.ROOT) : written);
      } else if (!e.keyword().equals("FM")) {
        throw new PgSqlException("0A000", "to_char's roman numerals (RN) are taken with FM and text only, not with \""
            + e.keyword() + "\"");
      }
    }
    return out.toString();
  }

  private static String romanNumerals(int number) {
    String[][] digits = {
        {"", "M", "MM", "MMM"},
        {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"},
        {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"},
        {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}};
    return digits[0][number / 1000] + digits[1][number / 100 % 10] + digits[2][number / 10 % 10] + digits[3][number % 10];
  }

  /**
   * {@code EEEE}: the sign or a space, then {@code d.ddde+XX} with as many decimals as the template has. A numeric's
   * exponent is taken before its mantissa is rounded, so 99.995 with two decimals is {@code 10.00e+01}, as in
   * PostgreSQL; a double is rounded first, as C's printf does.
   */
  private String scientific(BigDecimal value) {
    return scientific(value, layout.post());
  }

  private static String scientific(BigDecimal value, int post) {
    int exponent = value.signum() == 0 ? 0 : value.precision() - value.scale() - 1;
    BigDecimal mantissa = value.movePointLeft(exponent).setScale(post, RoundingMode.HALF_UP);
    String sign = value.signum() < 0 ? "-" : " ";
    String e = String.format(Locale.ROOT, "%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    return sign + mantissa.abs().toPlainString() + "e" + e;
  }

  private static String overflow(int pre, int post, int extra) {
    StringBuilder s = new StringBuilder("#".repeat(pre + post + extra));
    s.setCharAt(pre, '.');
    return s.toString();
  }

  /** The number's digits ({@code 123.40}, no sign) laid out on the template, as PostgreSQL's NUM_processor. */
  private String digits(boolean negative, String number, int pre, int post) {
    int dot = number.indexOf('.');
    int numberPre = dot < 0 ? number.length() : dot;
    int outPreSpaces = 0;
    if (numberPre < pre) {
      outPreSpaces = pre - numberPre;
    } else if (numberPre > pre) {
      number = overflow(pre, post, 1);
    }
    return new Processor(layout, number, negative ? '-' : '+', outPreSpaces, pre, post).run(elements);
  }

  /** One run of the template over one number: PostgreSQL's state, field by field. */
  private static final class Processor {
    private final String number;
    private final char sign;
    private final int outPreSpaces;
    private final int post;
    private final boolean fill;
    private final boolean zero;
    private final boolean decimal;
    private final int zeroStart;
    private boolean bracket;
    private boolean lsignPost;
    private final boolean lsign;
    private boolean signWrote;
    private int numCount;
    private int lastRelevant = -1;
    private boolean numIn;
    private int numCurr;
    private int at;
    /** Where the text ends when the template asks for more digits than the number has; -1 when it does not. */
    private int cut = -1;
    private final StringBuilder out = new StringBuilder();

    Processor(Layout l, String number, char sign, int outPreSpaces, int pre, int post) {
      this.number = number;
      this.sign = sign;
      this.outPreSpaces = outPreSpaces;
      this.post = post;
      this.fill = l.fill();
      this.zero = l.zero();
      this.decimal = l.decimal();
      this.zeroStart = l.zeroStart() > 0 ? l.zeroStart() - 1 : 0;
      this.bracket = l.bracket();
      this.lsign = l.lsign();
      this.lsignPost = l.lsignPost();
      if (l.plus() || l.minus()) {
        signWrote = !(l.plus() && !l.minus());
      } else {
        if (sign != '-' && fill) {
          bracket = false;
        }
        signWrote = sign == '+' && fill && !lsign;
        if (lsign && !lsignPost && pre == l.preLsignNum()) {
          lsignPost = true;
        }
      }
      numCount = post + pre - 1;
      if (fill && decimal) {
        lastRelevant = lastRelevantDecimal(number);
        if (lastRelevant >= 0 && l.zeroEnd() > outPreSpaces) {
          int lastZero = Math.min(number.length() - 1, l.zeroEnd() - outPreSpaces);
          lastRelevant = Math.max(lastRelevant, lastZero);
        }
      }
      if (!signWrote && outPreSpaces == 0) {
        numCount++;
      }
    }

    private static int lastRelevantDecimal(String number) {
      int dot = number.indexOf('.');
      if (dot < 0) {
        return -1;
      }
      int result = dot;
      for (int p = dot + 1; p < number.length(); p++) {
        if (number.charAt(p) != '0') {
          result = p;
        }
      }
      return result;
    }

    private char current() {
      return at < number.length() ? number.charAt(at) : '\0';
    }

    private boolean lastRelevantIsDot() {
      return lastRelevant >= 0 && number.charAt(lastRelevant) == '.';
    }

    private boolean predecimalSpace() {
      return !zero && at == 0 && !number.isEmpty() && number.charAt(0) == '0' && post != 0;
    }

    String run(List<Element> elements) {
      for (Element e : elements) {
        if (e.isLiteral()) {
          out.append(e.text());
          continue;
        }
        switch (e.keyword()) {
          case "9", "0", ".", "D" -> numberPart(e.keyword());
          case ",", "G" -> {
            if (numIn) {
              out.append(',');
            } else if (!fill) {
              out.append(' ');
            }
          }
          case "L" -> out.append(' ');
          case "TH", "th" -> {
            if (number.startsWith("#") || sign == '-' || decimal) {
              continue;
            }
            String suffix = ordinal(number);
            out.append(e.keyword().equals("th") ? suffix : suffix.toUpperCase(Locale.ROOT));
          }
          case "MI" -> {
            if (sign == '-') {
              out.append('-');
            } else if (!fill) {
              out.append(' ');
            }
          }
          case "PL" -> {
            if (sign == '+') {
              out.append('+');
            } else if (!fill) {
              out.append(' ');
            }
          }
          case "SG" -> out.append(sign);
          default -> { } // FM S PR V B C SP EEEE write nothing where they stand
        }
      }
      return cut < 0 ? out.toString() : out.substring(0, cut);
    }

    private static String ordinal(String number) {
      int n = number.length();
      if (n > 1 && number.charAt(n - 2) == '1') {
        return "th";
      }
      return switch (number.charAt(n - 1)) {
        case '1' -> "st";
        case '2' -> "nd";
        case '3' -> "rd";
        default -> "th";
      };
    }

    private void numberPart(String id) {
      if (!signWrote && (numCurr >= outPreSpaces || zero && zeroStart == numCurr)
          && (!predecimalSpace() || lastRelevantIsDot())) {
        if (lsign) {
          if (!lsignPost) {
            out.append(sign == '-' ? '-' : '+');
            signWrote = true;
          }
        } else if (bracket) {
          out.append(sign == '+' ? ' ' : '<');
          signWrote = true;
        } else if (sign == '+') {
          if (!fill) {
            out.append(' ');
          }
          signWrote = true;
        } else {
          out.append('-');
          signWrote = true;
        }
      }
      if (numCurr < outPreSpaces && (zeroStart > numCurr || !zero)) {
        if (!fill) {
          out.append(' ');
        }
      } else if (zero && numCurr < outPreSpaces && zeroStart <= numCurr) {
        out.append('0');
        numIn = true;
      } else {
        if (current() == '.') {
          if (!lastRelevantIsDot() || fill) {
            out.append('.');
          }
        } else if (lastRelevant >= 0 && at > lastRelevant && !id.equals("0")) {
          // fill mode drops trailing zeros after the point
        } else if (predecimalSpace()) {
          if (!fill) {
            out.append(' ');
          } else if (lastRelevantIsDot()) {
            out.append('0');
          }
        } else {
          if (current() == '\0') {
            // PostgreSQL copies the end of the number, a NUL, which ends its text there
            cut = cut < 0 ? out.length() : cut;
          } else {
            out.append(current());
          }
          numIn = true;
        }
        if (at < number.length()) {
          at++;
        }
      }
      int end = numCount + (outPreSpaces > 0 ? 1 : 0) + (decimal ? 1 : 0);
      if (lastRelevant >= 0 && lastRelevant == at) {
        end = numCurr;
      }
      if (numCurr + 1 == end) {
        if (signWrote && bracket) {
          out.append(sign == '+' ? ' ' : '>');
        } else if (lsign && lsignPost) {
          out.append(sign == '-' ? '-' : '+');
        }
      }
      numCurr++;
    }
  }
}
