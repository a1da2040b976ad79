package org.marketingsql.source.export;

/** What a column of a platform's ad report means, whatever the platform calls it. */
enum AdRole {
  DATE, ACCOUNT_ID, ACCOUNT_NAME, CAMPAIGN_ID, CAMPAIGN_NAME, AD_GROUP, IMPRESSIONS, CLICKS, SPEND, CURRENCY,
  CONVERSIONS, CONVERSION_VALUE
}
