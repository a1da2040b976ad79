/**
 * Who may read what: the {@link org.marketingsql.access.AccessPolicy} of a driver connection, and its
 * enforcement on what each statement reads once validated, never on the statement's text. Every port
 * of the server gives its connections the policy of the user who opened them, and every catalog it
 * answers is filtered by that same policy.
 */
package org.marketingsql.access;
