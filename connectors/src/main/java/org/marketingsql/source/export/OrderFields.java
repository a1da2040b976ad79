package org.marketingsql.source.export;

/**
 * One order as a platform's export row states it, still as text: the shared reader parses the numbers and
 * dates in the file's conventions.
 *
 * @param orderId the order's id, not null
 * @param customerId who bought, or null
 * @param date the order's day (a date or timestamp as written)
 * @param gross what the customer was charged
 * @param refunded what was given back since, or null for none
 * @param currency the currency code as written
 * @param status the platform's status of the order, kept for the user
 * @param cancelled whether the order was cancelled: it then brings no revenue, whatever was charged
 */
record OrderFields(String orderId, String customerId, String date, String gross, String refunded, String currency,
    String status, boolean cancelled) {}
