package org.marketingsql.sql;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;

/**
 * An operator the store's dialect writes as a SQL template, each {@code {i}} the call's i-th operand in
 * parentheses; it exists only while the store's SQL is written.
 */
final class StoreTemplate extends SqlSpecialOperator {
  private static final Pattern OPERAND = Pattern.compile("\\{(\\d)}");
  private final String template;

  StoreTemplate(String name, String template) {
    super(Objects.requireNonNull(name, "name"), SqlKind.OTHER_FUNCTION);
    this.template = Objects.requireNonNull(template, "template");
  }

  @Override
  public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    Matcher m = OPERAND.matcher(template);
    int last = 0;
    while (m.find()) {
      writer.print(template.substring(last, m.start()));
      writer.print("(");
      call.operand(Integer.parseInt(m.group(1))).unparse(writer, 0, 0);
      writer.print(")");
      last = m.end();
    }
    writer.print(template.substring(last));
    writer.endList(frame);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreTemplate t && t.getName().equals(getName()) && t.template.equals(template);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getName(), template);
  }
}
