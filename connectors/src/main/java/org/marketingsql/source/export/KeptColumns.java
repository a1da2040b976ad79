package org.marketingsql.source.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a platform export's table: the layout's core columns, then every export column no
 * core column took, kept as text under its own name (a kept column named like a core one, a
 * "Platform" column say, gets {@code _original} appended).
 *
 * @param specs the table's columns, core first
 * @param kept the 0-based export columns kept, in table order after the core
 */
record KeptColumns(List<ColumnSpec> specs, int[] kept) {
  KeptColumns {
    specs = List.copyOf(specs);
    kept = kept.clone();
  }

  static KeptColumns of(List<ColumnSpec> core, List<String> names, Set<Integer> mapped) {
    Set<String> taken = new HashSet<>();
    List<ColumnSpec> all = new ArrayList<>(core);
    core.forEach(c -> taken.add(c.name()));
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!mapped.contains(i)) {
        String name = names.get(i);
        while (!taken.add(name)) {
          name = name + "_original";
        }
        all.add(new ColumnSpec(name, Kind.VARCHAR, 0));
        keep.add(i);
      }
    }
    return new KeptColumns(all, keep.stream().mapToInt(Integer::intValue).toArray());
  }
}
