package org.marketingsql.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.marketingsql.store.StoreFolder;

/**
 * {@code sync._state.refresh_failure}: the last refresh's failure, if it failed, as a row in the shape of
 * {@code sync.sync_status} (source {@code (refresh)}, table {@code (snapshot)}, its time as the last attempt),
 * which adds it. A failed
 * refresh publishes nothing, so its error lives beside the snapshot pointer, not in a snapshot.
 */
final class RefreshFailureTable extends AbstractTable implements ScannableTable {
  static final String SCHEMA = "_state";
  static final String NAME = "refresh_failure";
  private final List<Object[]> rows;

  RefreshFailureTable(Optional<StoreFolder.Failure> failure) {
    Objects.requireNonNull(failure, "failure");
    this.rows = failure.<List<Object[]>>map(f -> List.<Object[]>of(new Object[] {"(refresh)", "(snapshot)", null, null,
        f.message() + " (at " + f.at() + ")", f.at().toEpochMilli()})).orElse(List.of());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataType text = factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), true);
    return factory.builder()
        .add("source_name", text)
        .add("table_name", text)
        .add("last_success", factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.TIMESTAMP), true))
        .add("row_count", factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), true))
        .add("last_error", text)
        .add("last_attempt", factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.TIMESTAMP), true))
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows);
  }
}
