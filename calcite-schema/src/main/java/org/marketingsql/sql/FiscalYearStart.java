package org.marketingsql.sql;

/**
 * Implemented by the root schema's FISCAL_YEAR and FISCAL_QUARTER functions to tell the configured fiscal
 * year's first month, which the operators bound while parsing take from them.
 */
public interface FiscalYearStart {
  /** 1 (January) to 12. */
  int fiscalYearStartMonth();
}
