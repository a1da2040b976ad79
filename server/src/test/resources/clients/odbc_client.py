"""Excel's and Power BI's path: psqlODBC through unixODBC with a DSN (ODBCSYSINI/ODBCINI point at it)."""
import datetime
import decimal
import os

import pyodbc

connection = pyodbc.connect("DSN=marketing;UID=alice;PWD=" + os.environ["PGPASSWORD"])
cursor = connection.cursor()
cursor.execute("select order_id, order_date, amount_rc from finance.orders where customer_id = ? order by order_id", "c1")
for order_id, order_date, amount in cursor.fetchall():
    assert isinstance(order_date, datetime.date), type(order_date)
    assert isinstance(amount, decimal.Decimal), type(amount)
    print("row=%s|%s|%s" % (order_id, order_date.isoformat(), amount))
print("views=" + ",".join(t.table_name for t in cursor.tables(schema="finance", tableType="VIEW")))
print("columns=" + ",".join("%s:%s" % (c.column_name, c.type_name) for c in cursor.columns(table="orders", schema="finance")))
connection.close()
