package org.marketingsql.pgwire;

/**
 * The texts a session found to be plain queries: statements that none of the session's own tests takes for one it
 * answers or handles itself (a transaction or cursor statement, SET, SHOW, RESET, a backend signal, EXPLAIN, a locally
 * answered {@code SELECT}, a query that may name a catalog …), so that the driver or a straight read from the store
 * answers them. Each of those tests finds a statement plain from its text alone, never from the session's state, so a
 * text found plain once is plain whenever it is sent again, and a dashboard sends the same few texts again and again:
 * the tests are skipped for it. Nothing else is: the read-only rule and the access policy are applied to it as before.
 * Texts longer than {@link SqlSession#LONGEST_TRANSLATION_KEPT} are tested each time, so that a session holds little.
 */
final class PlainQueries {
  /** Texts kept per session, as many as translations. */
  static final int KEPT = SqlSession.TRANSLATIONS_KEPT;
  /** Whether texts found plain are remembered: off only in a test that compares the two ways in one JVM. */
  private static volatile boolean used = true;
  private final BoundedCache<String, Boolean> texts = new BoundedCache<>(KEPT);

  /** Remembers texts found plain or not, for a test that measures both ways on the same server. */
  static void use(boolean use) {
    used = use;
  }

  /** Whether {@code sql} was found plain before, so that the tests that found it so need not run again. */
  boolean known(String sql) {
    return used && texts.find(sql) != null;
  }

  /** Remembers {@code sql}, which the session's tests have just found plain. */
  void found(String sql) {
    if (used && sql.length() <= SqlSession.LONGEST_TRANSLATION_KEPT) {
      texts.put(sql, Boolean.TRUE);
    }
  }
}
