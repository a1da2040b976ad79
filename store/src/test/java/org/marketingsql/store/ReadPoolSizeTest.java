package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadPoolSizeTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(ReadPoolSize.SESSIONS_PROPERTY);
    System.clearProperty(ReadPoolSize.PASS_PROPERTY);
  }

  @Test
  void theReadQueuesPassBoundIs250MsUnlessItsPropertySaysOtherwiseAndZeroServesInTurn() {
    assertEquals(Duration.ofMillis(250), ReadPoolSize.passBound());
    System.setProperty(ReadPoolSize.PASS_PROPERTY, "0");
    assertEquals(Duration.ZERO, ReadPoolSize.passBound());
    System.setProperty(ReadPoolSize.PASS_PROPERTY, "-1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ReadPoolSize::passBound);
    assertTrue(e.getMessage().contains(ReadPoolSize.PASS_PROPERTY), e.getMessage());
  }

  @Test
  void theConfigurationsPoolSetsTheSessionsAndWithoutItTheDefaultStands() {
    assertEquals(32, ReadPoolSize.configured(32).sessions());
    assertEquals(ReadPoolSize.DEFAULT_SESSIONS, ReadPoolSize.configured(null).sessions());
    assertEquals(ReadPoolSize.DEFAULT_SESSIONS, ReadPoolSize.configured().sessions());
    assertEquals(ReadPoolSize.DEFAULT_WAIT, ReadPoolSize.configured(32).maxWait());
  }

  @Test
  void theSystemPropertyOverridesTheConfigurationsPool() {
    System.setProperty(ReadPoolSize.SESSIONS_PROPERTY, "8");
    assertEquals(8, ReadPoolSize.configured(32).sessions());
    assertEquals(8, ReadPoolSize.configured(null).sessions());
  }

  @Test
  void aPoolWithoutASessionIsRefusedNamingBothWaysToSetIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReadPoolSize(0, Duration.ofSeconds(20)));
    assertTrue(e.getMessage().contains("store.pool") && e.getMessage().contains(ReadPoolSize.SESSIONS_PROPERTY),
        e.getMessage());
  }
}
