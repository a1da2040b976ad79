package org.marketingsql.access;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which schemas a connection's statements may read and its catalogs may show: every schema, or the
 * ones named. A schema whose name starts with {@code _} holds the store's internal tables: no policy
 * lets a statement read it or a catalog show it; the views that use those tables read them for the user.
 *
 * <p>A server hands the policy to the driver as the connection property {@link #PROPERTY}; the driver
 * keeps it for the connection's life and can only narrow what a connection reads with it.
 */
public final class AccessPolicy {
  /** The connection property naming the readable schemas: a comma list, or {@code *} for all. */
  public static final String PROPERTY = "readableSchemas";
  /** The SQLSTATE of a refusal: insufficient privilege. */
  public static final String REFUSED = "42501";
  private static final AccessPolicy ALL = new AccessPolicy(null);

  /** Lower-case schema names; null for every schema. */
  private final Set<String> schemas;

  private AccessPolicy(Set<String> schemas) {
    this.schemas = schemas;
  }

  /** Every schema but the internal ones: a connection nobody restricted. */
  public static AccessPolicy all() {
    return ALL;
  }

  /** The named schemas; {@code *} among them means every schema. */
  public static AccessPolicy only(Collection<String> schemas) {
    Objects.requireNonNull(schemas, "schemas");
    Set<String> names = new TreeSet<>();
    for (String schema : schemas) {
      Objects.requireNonNull(schema, "a schema name");
      String name = schema.strip();
      if (name.equals("*")) {
        return ALL;
      }
      if (!name.isEmpty()) {
        names.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return new AccessPolicy(Set.copyOf(names));
  }

  /** The policy a {@link #PROPERTY} value names; absent (null) is every schema. */
  public static AccessPolicy parse(String property) {
    return property == null ? ALL : only(List.of(property.split(",")));
  }

  /** Whether {@code name} is a schema of the store's internal tables, which nobody reads directly. */
  public static boolean isInternal(String name) {
    return name != null && name.startsWith("_");
  }

  /** Whether statements may read the top-level schema {@code schema}, and catalogs show it. */
  public boolean mayRead(String schema) {
    if (schema == null || isInternal(schema)) {
      return false;
    }
    return schemas == null || schemas.contains(schema.toLowerCase(Locale.ROOT));
  }

  /** Whether this policy reads every schema (but the internal ones). */
  public boolean readsEverything() {
    return schemas == null;
  }

  /** What both allow: a connection given a policy by its opener can only be narrowed further. */
  public AccessPolicy narrowedBy(AccessPolicy other) {
    Objects.requireNonNull(other, "other");
    if (schemas == null) {
      return other;
    }
    if (other.schemas == null) {
      return this;
    }
    Set<String> both = new TreeSet<>(schemas);
    both.retainAll(other.schemas);
    return new AccessPolicy(Set.copyOf(both));
  }

  /** This policy plus {@code more} schemas (a server's own catalogs, say). */
  public AccessPolicy plus(Collection<String> more) {
    if (schemas == null) {
      return this;
    }
    Set<String> names = new TreeSet<>(schemas);
    more.forEach(s -> names.add(s.toLowerCase(Locale.ROOT)));
    return new AccessPolicy(Set.copyOf(names));
  }

  /** The value of {@link #PROPERTY} that gives this policy. */
  public String property() {
    return schemas == null ? "*" : String.join(",", new TreeSet<>(schemas));
  }

  /** The refusal of reading {@code what} (a table or function, by its qualified name) in {@code schema}. */
  public AccessDeniedException refusal(String schema, String what) {
    return new AccessDeniedException(schema, what, "permission denied for schema " + schema + ": " + what
        + " is in a schema this connection may not read (it may read " + describe() + ")");
  }

  /** The schemas readable, for messages. */
  public String describe() {
    return schemas == null ? "every schema" : schemas.isEmpty() ? "no schema" : String.join(", ", new TreeSet<>(schemas));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessPolicy p && Objects.equals(schemas, p.schemas);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(schemas);
  }

  @Override
  public String toString() {
    return "AccessPolicy[" + property() + "]";
  }
}
