package org.marketingsql.metrics.ltv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Distinct (x, u, v) rows with multiplicities. Both likelihoods are sums of one term per customer
 * that depends only on such a triple (for BG/NBD (x, t<sub>x</sub>, T), for Gamma-Gamma
 * (x, m̄<sub>x</sub>)), so customers sharing a triple are evaluated once and weighted by their
 * count. With day-resolution data a million customers collapse to a few hundred thousand rows at
 * most, which is what makes fitting large bases fast.
 */
final class HistoryTable {
  final int[] x;
  final double[] u;
  final double[] v;
  final double[] weight;
  final int maxX;
  final long customers;

  private HistoryTable(int[] x, double[] u, double[] v, double[] weight, long customers) {
    this.x = x;
    this.u = u;
    this.v = v;
    this.weight = weight;
    int max = 0;
    for (int xi : x) {
      max = Math.max(max, xi);
    }
    this.maxX = max;
    this.customers = customers;
  }

  private record Key(int x, double u, double v) {}

  /**
   * Groups histories by the key a model needs.
   *
   * @param key maps a history to (u, v); x is always the frequency
   */
  static HistoryTable of(List<CustomerHistory> histories, Function<CustomerHistory, double[]> key) {
    Objects.requireNonNull(histories, "histories");
    Map<Key, int[]> counts = new HashMap<>();
    for (CustomerHistory h : histories) {
      Objects.requireNonNull(h, "history");
      double[] uv = key.apply(h);
      counts.computeIfAbsent(new Key((int) h.frequency(), uv[0], uv[1]), k -> new int[1])[0]++;
    }
    int n = counts.size();
    int[] x = new int[n];
    double[] u = new double[n];
    double[] v = new double[n];
    double[] w = new double[n];
    int i = 0;
    for (Map.Entry<Key, int[]> e : counts.entrySet()) {
      x[i] = e.getKey().x();
      u[i] = e.getKey().u();
      v[i] = e.getKey().v();
      w[i] = e.getValue()[0];
      i++;
    }
    return new HistoryTable(x, u, v, w, histories.size());
  }

  int rows() {
    return x.length;
  }
}
