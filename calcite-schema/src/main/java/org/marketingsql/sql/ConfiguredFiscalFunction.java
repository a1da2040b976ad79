package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * FISCAL_YEAR or FISCAL_QUARTER as parsed, before the fiscal year's first month is known: while the
 * statement is validated, the call is rebound to the function of the month the root schema's function of the
 * same name declares ({@link FiscalYearStart}); month 1, the default, without one.
 */
final class ConfiguredFiscalFunction extends FinanceFunction {
  private final List<FinanceFunction> byStartMonth;

  ConfiguredFiscalFunction(String name, SqlReturnTypeInference returnType, Method method,
      List<FinanceFunction> byStartMonth) {
    super(name, types -> true, SqlFunctionCategory.TIMEDATE, returnType, OperandTypes.DATE, List.of("d"), method,
        List.of(1));
    if (byStartMonth.size() != 12) {
      throw new IllegalArgumentException("one function per month, not " + byStartMonth.size());
    }
    this.byStartMonth = List.copyOf(byStartMonth);
  }

  @Override
  public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    int month = validator.getCatalogReader().getRootSchema().getFunctions(getName(), false).stream()
        .filter(FiscalYearStart.class::isInstance)
        .map(f -> ((FiscalYearStart) f).fiscalYearStartMonth())
        .findFirst().orElse(1);
    return byStartMonth.get(month - 1).createCall(call.getFunctionQuantifier(), call.getParserPosition(),
        call.getOperandList());
  }
}
