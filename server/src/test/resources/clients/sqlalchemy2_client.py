"""SQLAlchemy 2.0's inspector (Superset's and pandas' newer path) over psycopg2. Prints one line per check."""
import datetime
import decimal
import os
import sys

import sqlalchemy as sa

assert sa.__version__.startswith("2."), sa.__version__
print("version=" + sa.__version__)
engine = sa.create_engine("postgresql+psycopg2://alice:%s@127.0.0.1:%s/marketing?sslmode=disable"
                          % (os.environ["PGPASSWORD"], sys.argv[1]))
inspector = sa.inspect(engine)
print("schemas=" + ",".join(inspector.get_schema_names()))
print("views=" + ",".join(inspector.get_view_names(schema="finance")))
print("tables=" + ",".join(inspector.get_table_names(schema="exports")))
for column in inspector.get_columns("channel_roi", schema="finance"):
    print("column=%s|%s|%s" % (column["name"], column["type"], column.get("comment")))
print("pk=%s" % inspector.get_pk_constraint("orders", schema="finance")["constrained_columns"])
print("indexes=%s" % inspector.get_indexes("orders", schema="finance"))
print("foreign_keys=%s" % inspector.get_foreign_keys("orders", schema="finance"))
print("comment=%s" % inspector.get_table_comment("channel_roi", schema="finance")["text"])
print("has_table=%s|%s" % (inspector.has_table("orders", schema="exports"),
                           inspector.has_table("no_such_table", schema="exports")))
with engine.connect() as connection:
    rows = connection.execute(sa.text(
        "select order_id, order_date, amount_rc from finance.orders where customer_id = :customer order by order_id"),
        {"customer": "c1"}).fetchall()
    for order_id, order_date, amount in rows:
        assert isinstance(order_date, datetime.date), type(order_date)
        assert isinstance(amount, decimal.Decimal), type(amount)
        print("row=%s|%s|%s" % (order_id, order_date.isoformat(), amount))
    # a table reflected with SQLAlchemy's Table, then queried through its expression language
    orders = sa.Table("orders", sa.MetaData(), schema="finance", autoload_with=connection)
    total = connection.execute(sa.select(sa.func.sum(orders.c.amount_rc))).scalar_one()
    print("total=%s" % total)
