package org.marketingsql.avatica;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;

/**
 * Which user opened which Avatica connection, and which connection each statement belongs to, with the
 * SQL it was prepared from. Avatica connection and statement ids come from the client, and
 * {@code JdbcMeta} keeps them in caches shared by everybody, so without this check one user could run
 * or fetch on another's connection by guessing an id.
 */
final class Owners {
  /** Avatica's error code for a refused request (its own codes are below 100). */
  private static final int REFUSED = 403;

  record Statement(String connectionId, String sql) {
  }

  private final Map<String, String> connections = new ConcurrentHashMap<>();
  private final Map<Integer, Statement> statements = new ConcurrentHashMap<>();

  /** Call after the connection is in JdbcMeta's cache, so {@link #retainOnly} sees it. */
  synchronized void opened(String connectionId, String user) {
    connections.put(connectionId, user);
  }

  void closed(String connectionId) {
    connections.remove(connectionId);
    statements.values().removeIf(s -> s.connectionId().equals(connectionId));
  }

  /** Call after the statement is in JdbcMeta's cache, so {@link #retainOnly} sees it. */
  synchronized void statement(int statementId, String connectionId, String sql) {
    statements.put(statementId, new Statement(connectionId, sql));
  }

  void statementClosed(int statementId) {
    statements.remove(statementId);
  }

  /**
   * Throws unless {@code user} opened {@code connectionId}. An id nobody opened (or that expired) gets
   * Avatica's "no such connection", on which the thin driver opens a new one.
   */
  void checkConnection(String connectionId, String user) {
    String owner = connections.get(connectionId);
    if (owner == null) {
      throw new NoSuchConnectionException(connectionId);
    }
    if (!owner.equals(user)) {
      throw refused("connection " + connectionId + " belongs to another user");
    }
  }

  /**
   * Throws unless {@code user} owns the statement's connection and the statement belongs to it;
   * returns what was recorded about the statement, null for one this server does not know (the caller
   * then answers "no such statement", never touching a statement it cannot place).
   */
  Statement checkStatement(String connectionId, int statementId, String user) {
    checkConnection(connectionId, user);
    Statement s = statements.get(statementId);
    if (s != null && !s.connectionId().equals(connectionId)) {
      throw refused("statement " + statementId + " belongs to another connection");
    }
    return s;
  }

  /** Forgets connections and statements the caches have expired (the suppliers read the caches now). */
  synchronized void retainOnly(Supplier<Set<String>> liveConnections, Supplier<Set<Integer>> liveStatements) {
    connections.keySet().retainAll(liveConnections.get());
    statements.keySet().retainAll(liveStatements.get());
  }

  static AvaticaRuntimeException refused(String message) {
    return new AvaticaRuntimeException(message, REFUSED, "42501", AvaticaSeverity.ERROR);
  }
}
