"""SQLAlchemy 2.0's inspector (Superset's and pandas' newer path) over psycopg2. Prints one line per check."""
import datetime
import decimal
import os
import sys

import sqlalchemy as sa
from sqlalchemy.engine.reflection import ObjectKind

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
print("unique=%s" % inspector.get_unique_constraints("orders", schema="finance"))
print("checks=%s" % inspector.get_check_constraints("orders", schema="finance"))
print("materialized=%s" % inspector.get_materialized_view_names(schema="finance"))
print("sequences=%s" % inspector.get_sequence_names(schema="finance"))
definition = inspector.get_view_definition("channel_roi", schema="finance")
print("definition=%s" % ("select" in definition.lower()))
# the multi-table calls SQLAlchemy 2.0's reflection of a whole schema makes (MetaData.reflect, Superset's table list)
multi_columns = inspector.get_multi_columns(schema="finance", kind=ObjectKind.ANY)
print("multi_columns=%s" % ",".join(sorted("%s.%s" % key for key in multi_columns)))
roi_columns = multi_columns[("finance", "channel_roi")]
print("multi_comment=%s" % [c.get("comment") for c in roi_columns if c["name"] == "month_start"])
print("multi_pk=%s" % sorted(set(str(v["constrained_columns"]) for v in inspector.get_multi_pk_constraint(schema="finance", kind=ObjectKind.ANY).values())))
print("multi_fk=%s" % sorted(set(str(v) for v in inspector.get_multi_foreign_keys(schema="finance", kind=ObjectKind.ANY).values())))
print("multi_indexes=%s" % sorted(set(str(v) for v in inspector.get_multi_indexes(schema="finance", kind=ObjectKind.ANY).values())))
print("multi_unique=%s" % sorted(set(str(v) for v in inspector.get_multi_unique_constraints(schema="finance", kind=ObjectKind.ANY).values())))
print("multi_checks=%s" % sorted(set(str(v) for v in inspector.get_multi_check_constraints(schema="finance", kind=ObjectKind.ANY).values())))
print("multi_table_comment=%s" % inspector.get_multi_table_comment(schema="finance", kind=ObjectKind.ANY)[("finance", "channel_roi")]["text"])
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
