"""Superset's path: SQLAlchemy 1.4 over psycopg2 browses and queries the server. Prints one line per check."""
import datetime
import decimal
import os
import sys

import sqlalchemy as sa

engine = sa.create_engine("postgresql+psycopg2://alice:%s@127.0.0.1:%s/marketing?sslmode=disable"
                          % (os.environ["PGPASSWORD"], sys.argv[1]))
inspector = sa.inspect(engine)
print("schemas=" + ",".join(inspector.get_schema_names()))
print("views=" + ",".join(inspector.get_view_names(schema="finance")))
print("tables=" + ",".join(inspector.get_table_names(schema="exports")))
for column in inspector.get_columns("channel_roi", schema="finance"):
    print("column=%s|%s|%s" % (column["name"], column["type"], column.get("comment")))
# what Superset asks for a table's preview: none of these exist on the views, and none may fail
print("pk=%s" % inspector.get_pk_constraint("orders", schema="finance")["constrained_columns"])
print("indexes=%s" % inspector.get_indexes("orders", schema="finance"))
print("foreign_keys=%s" % inspector.get_foreign_keys("orders", schema="finance"))
print("comment=%s" % inspector.get_table_comment("channel_roi", schema="finance")["text"])
print("unique=%s" % inspector.get_unique_constraints("orders", schema="finance"))
print("checks=%s" % inspector.get_check_constraints("orders", schema="finance"))
print("sequences=%s" % inspector.get_sequence_names(schema="finance"))
definition = inspector.get_view_definition("channel_roi", schema="finance")
print("definition=%s" % ("select" in definition.lower()))
print("has_table=%s|%s" % (inspector.has_table("orders", schema="exports"), inspector.has_table("no_such_table", schema="exports")))
with engine.connect() as connection:
    rows = connection.execute(sa.text(
        "select order_id, order_date, amount_rc from finance.orders where customer_id = :customer order by order_id"),
        {"customer": "c1"}).fetchall()
    for order_id, order_date, amount in rows:
        assert isinstance(order_date, datetime.date), type(order_date)
        assert isinstance(amount, decimal.Decimal), type(amount)
        print("row=%s|%s|%s" % (order_id, order_date.isoformat(), amount))
