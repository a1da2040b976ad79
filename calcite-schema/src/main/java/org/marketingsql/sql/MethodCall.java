package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.schema.FunctionParameter;

/**
 * A SQL function carried out by a Java method: its parameters as Calcite asks for them, and the
 * implementor that calls the method with the SQL arguments (converted to the method's parameter types)
 * and then any constants. The finance functions and the analysts' functions are built this way; the
 * PostgreSQL functions take its parameters and pick among their overloaded and varargs methods themselves.
 */
public final class MethodCall {
  private MethodCall() {
  }

  /** How one SQL argument is turned into the method's argument, before it is converted to the parameter's type. */
  @FunctionalInterface
  public interface Argument {
    Expression adapt(RexCall call, int index, Expression translated, Class<?> parameterType);

    /** The argument as it is; boxed first where the method takes an {@code Object}. */
    Argument AS_IS = (call, index, translated, parameterType) ->
        parameterType == Object.class ? Expressions.box(translated) : translated;
  }

  /**
   * The function's parameters, one per name, all required.
   *
   * @param type the SQL type of the parameter at an ordinal
   */
  public static List<FunctionParameter> parameters(List<String> names,
      BiFunction<RelDataTypeFactory, Integer, RelDataType> type) {
    List<String> copy = List.copyOf(names);
    Objects.requireNonNull(type, "type");
    List<FunctionParameter> parameters = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      int ordinal = i;
      parameters.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return copy.get(ordinal);
        }

        @Override
        public RelDataType getType(RelDataTypeFactory typeFactory) {
          return type.apply(typeFactory, ordinal);
        }

        @Override
        public boolean isOptional() {
          return false;
        }
      });
    }
    return parameters;
  }

  /**
   * The implementor that calls a method with the SQL arguments, then {@code constants}.
   *
   * @param method the method for a number of SQL arguments
   * @param argument how each SQL argument is adapted before it is converted to the parameter's type
   * @param nulls whether a NULL argument makes the result NULL without a call ({@link NullPolicy#STRICT})
   */
  public static CallImplementor implementor(IntFunction<Method> method, List<Object> constants, Argument argument,
      NullPolicy nulls) {
    Objects.requireNonNull(method, "method");
    List<Object> fixed = List.copyOf(constants);
    Objects.requireNonNull(argument, "argument");
    return RexImpTable.createImplementor((translator, call, translated) -> {
      Method target = method.apply(translated.size());
      List<Expression> arguments = new ArrayList<>();
      Class<?>[] types = target.getParameterTypes();
      for (int i = 0; i < translated.size(); i++) {
        arguments.add(EnumUtils.convert(argument.adapt(call, i, translated.get(i), types[i]), types[i]));
      }
      for (Object constant : fixed) {
        arguments.add(Expressions.constant(constant));
      }
      return Expressions.call(target, arguments);
    }, nulls, false);
  }
}
