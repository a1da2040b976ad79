package org.marketingsql.avatica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query's log line comes once, when its last frame goes out, with the rows of every frame. */
class QueryLogTest {
  final QueryLog log = new QueryLog();
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
    return err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("user=")).toList();
  }

  @Test
  void rowsOfEveryFrameAddUpInOneLineAtTheLastFrame() {
    log.started(1, "alice", "select *\n  from finance.channel_roi");
    log.frame(1, Meta.Frame.create(0, false, List.of(new Object[] {1}, new Object[] {2})));
    assertEquals(List.of(), lines());
    log.frame(1, Meta.Frame.create(2, true, List.of(new Object[] {3})));
    assertEquals(1, lines().size(), lines().toString());
    String line = lines().get(0);
    assertTrue(line.contains("user=alice") && line.contains("rows=3") && line.contains("sql=select * from finance.channel_roi"), line);
  }

  @Test
  void aQueryClosedOrExpiredBeforeItsLastFrameIsLoggedWithTheRowsSent() {
    log.started(1, "alice", "select 1");
    log.frame(1, Meta.Frame.create(0, false, List.of(new Object[] {1})));
    log.closed(1);
    log.started(2, "bob", "select 2");
    log.retainOnly(Set.of());
    assertEquals(2, lines().size(), lines().toString());
    assertTrue(lines().get(0).contains("user=alice") && lines().get(0).contains("rows=1"), lines().get(0));
    assertTrue(lines().get(1).contains("user=bob") && lines().get(1).contains("rows=0"), lines().get(1));
  }
}
