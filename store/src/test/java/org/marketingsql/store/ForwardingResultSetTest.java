package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ResultSet that hands every call to another, with a hook for what a failure is thrown as. */
class ForwardingResultSetTest {
  /** A ResultSet that records each call it gets. */
  private static ResultSet recording(List<String> calls) {
    return (ResultSet) Proxy.newProxyInstance(ForwardingResultSetTest.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
          calls.add(method.getName() + Arrays.toString(method.getParameterTypes()));
          return PRIMITIVES.get(method.getReturnType());
        });
  }

  /** A value of each primitive type (a boxed one cannot be null); null for the other types. */
  private static final Map<Class<?>, Object> PRIMITIVES = Map.of(boolean.class, false, byte.class, (byte) 1,
      short.class, (short) 1, int.class, 1, long.class, 1L, float.class, 1f, double.class, 1d);

  private static Object sample(Class<?> type) {
    return PRIMITIVES.get(type);
  }

  @Test
  void everyMethodOfResultSetReachesTheSameMethodOfTheWrappedRows() throws Exception {
    List<String> calls = new ArrayList<>();
    ResultSet forwarding = new ForwardingResultSet(recording(calls));
    int checked = 0;
    for (Method method : ResultSet.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers()) || method.getName().equals("unwrap")
          || method.getName().equals("isWrapperFor")) {
        continue;
      }
      calls.clear();
      Object[] args = Arrays.stream(method.getParameterTypes()).map(ForwardingResultSetTest::sample).toArray();
      method.invoke(forwarding, args);
      assertEquals(List.of(method.getName() + Arrays.toString(method.getParameterTypes())), calls, method.toString());
      checked++;
    }
    assertEquals(ResultSet.class.getMethods().length - 2, checked);
  }

  @Test
  void itUnwrapsToItselfWhereItIsWhatIsAskedFor() throws SQLException {
    ResultSet forwarding = new ForwardingResultSet(recording(new ArrayList<>()));
    assertSame(forwarding, forwarding.unwrap(ResultSet.class));
    assertEquals(true, forwarding.isWrapperFor(ForwardingResultSet.class));
  }

  @Test
  void aFailureOfTheWrappedRowsIsThrownAsTheHookSays() {
    ResultSet failing = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("the store's reader failed");
        });
    ResultSet plain = new ForwardingResultSet(failing);
    assertThrows(IllegalStateException.class, plain::next, "unchanged by default");
    ResultSet translating = new ForwardingResultSet(failing) {
      @Override
      protected Exception failure(Exception e) {
        return new SQLException("reading a row failed: " + e.getMessage(), "XX000", e);
      }
    };
    SQLException thrown = assertThrows(SQLException.class, () -> translating.getString(1));
    assertEquals("XX000", thrown.getSQLState());
    assertEquals("reading a row failed: the store's reader failed", thrown.getMessage());
  }
}
