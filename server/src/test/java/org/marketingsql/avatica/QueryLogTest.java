package org.marketingsql.avatica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query's log line comes once, when its last frame goes out, with the rows of every frame. */
class QueryLogTest {
  final QueryLog log = new QueryLog(false);
  final PrintStream stderr = System.err;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    // slf4j-simple writes to System.err as it is at the time of each line
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(stderr);
  }

  List<String> lines() {
    assertTrue(org.marketingsql.audit.QueryLogQueue.queries().drain(java.time.Duration.ofSeconds(10)), "the query log drains");
    return err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("user=")).toList();
  }

  @Test
  void rowsOfEveryFrameAddUpInOneLineAtTheLastFrame() {
    log.started(1, "alice", "10.0.0.7", "select *\n  from finance.channel_roi", List.of());
    log.frame(1, Meta.Frame.create(0, false, List.of(new Object[] {1}, new Object[] {2})));
    assertEquals(List.of(), lines());
    log.frame(1, Meta.Frame.create(2, true, List.of(new Object[] {3})));
    assertEquals(1, lines().size(), lines().toString());
    String line = lines().get(0);
    assertTrue(line.contains("user=alice") && line.contains("address=10.0.0.7") && line.contains("rows=3")
        && line.contains("sql=select * from finance.channel_roi"), line);
  }

  @Test
  void aQueryClosedOrExpiredBeforeItsLastFrameIsLoggedWithTheRowsSent() {
    log.started(1, "alice", "10.0.0.7", "select 1", List.of());
    log.frame(1, Meta.Frame.create(0, false, List.of(new Object[] {1})));
    log.closed(1);
    log.started(2, "bob", "10.0.0.8", "select 2", List.of());
    log.retainOnly(Set.of());
    assertEquals(2, lines().size(), lines().toString());
    assertTrue(lines().get(0).contains("user=alice") && lines().get(0).contains("rows=1"), lines().get(0));
    assertTrue(lines().get(1).contains("user=bob") && lines().get(1).contains("rows=0"), lines().get(1));
  }

  @Test
  void parameterValuesAreLoggedOnlyWhenTheServerIsAskedTo() {
    List<TypedValue> values = List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "secret-customer"));
    log.started(1, "alice", "10.0.0.7", "select * from finance.orders where customer_id = ?", values);
    log.closed(1);
    QueryLog verbose = new QueryLog(true);
    verbose.started(2, "alice", "10.0.0.7", "select * from finance.orders where customer_id = ?", values);
    verbose.closed(2);
    assertEquals(2, lines().size(), lines().toString());
    assertTrue(lines().get(0).contains("customer_id = ?") && !lines().get(0).contains("secret-customer"), lines().get(0));
    assertTrue(lines().get(1).contains("secret-customer"), lines().get(1));
  }

  @Test
  void aRefusalIsLoggedAsRefusedWithItsReason() {
    log.refused("fin", "10.0.0.9", "select * from exports.orders",
        new SQLException("permission denied for schema exports: table exports.orders", "42501"));
    assertEquals(1, lines().size(), lines().toString());
    String line = lines().get(0);
    assertTrue(line.contains("user=fin") && line.contains("address=10.0.0.9")
        && line.contains("refused=[42501] permission denied for schema exports"), line);
  }
}
