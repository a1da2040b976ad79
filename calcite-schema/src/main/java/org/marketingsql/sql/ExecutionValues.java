package org.marketingsql.sql;

import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * An execution's context that answers the names {@code answer} knows itself (a value other than null) and every
 * other name, the schema, types and query provider as {@code root} does: how the driver gives the parameters it put
 * in a plan (the session's time, its user) their values for each execution.
 */
public record ExecutionValues(DataContext root, Function<String, Object> answer) implements DataContext {
  public ExecutionValues {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(answer, "answer");
  }

  @Override
  public SchemaPlus getRootSchema() {
    return root.getRootSchema();
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return root.getTypeFactory();
  }

  @Override
  public QueryProvider getQueryProvider() {
    return root.getQueryProvider();
  }

  @Override
  public Object get(String name) {
    Object value = answer.apply(name);
    return value != null ? value : root.get(name);
  }
}
