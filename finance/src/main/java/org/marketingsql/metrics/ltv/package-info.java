/**
 * Predictive customer lifetime value: RFM summaries of transaction logs, the BG/NBD purchase
 * model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way", Marketing Science
 * 24(2)) and the Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4)), both fitted by maximum likelihood.
 *
 * <p>Entry points: {@link org.marketingsql.metrics.ltv.RfmSummarizer},
 * {@link org.marketingsql.metrics.ltv.BgNbdModel} and
 * {@link org.marketingsql.metrics.ltv.GammaGammaModel}.
 */
package org.marketingsql.metrics.ltv;
