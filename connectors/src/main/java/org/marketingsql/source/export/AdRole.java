package org.marketingsql.source.export;

/** What a column of a platform's ad report means, whatever the platform calls it. */
enum AdRole {
  DATE, ACCOUNT_ID, ACCOUNT_NAME, CAMPAIGN_ID, CAMPAIGN_NAME, AD_GROUP, IMPRESSIONS, CLICKS, SPEND, CURRENCY,
  CONVERSIONS, CONVERSION_VALUE,
  /** A conversion action's name, in a report segmented by conversion action. */
  CONVERSION_ACTION,
  /** Its id, when the report has one. */
  CONVERSION_ACTION_ID,
  /** Conversions of every action, primary or not (Google's {@code All conv.}). */
  ALL_CONVERSIONS,
  ALL_CONVERSION_VALUE,
  VIEW_THROUGH_CONVERSIONS,
  /**
   * Conversions read where the {@link #CONVERSIONS} column leaves a row empty: Microsoft's deprecated
   * {@code Conversions} beside its {@code ConversionsQualified}.
   */
  CONVERSIONS_FALLBACK
}
