"""psycopg 3 on its own and under SQLAlchemy 2.0's postgresql+psycopg dialect, logged in as a user who reads the
schema finance only. Prints one line per check, "name=answer", or "name!error" when the check raised."""
import datetime
import decimal
import os
import sys
import traceback

import psycopg
from psycopg.types import TypeInfo
import sqlalchemy as sa
from sqlalchemy.engine.reflection import ObjectKind

USER, PORT = sys.argv[1], sys.argv[2]
DSN = "host=127.0.0.1 port=%s dbname=marketing user=%s sslmode=disable" % (PORT, USER)


def check(name, answer):
    try:
        print("%s=%s" % (name, answer()), flush=True)
    except Exception as e:  # one line per failed check, the others still run
        print("%s!%s: %s" % (name, type(e).__name__, str(e).strip().replace("\n", " ")), flush=True)
        traceback.print_exc()


print("version=%s|%s" % (psycopg.__version__, sa.__version__))

# SQLAlchemy 2.0's inspector over psycopg 3 (Superset's and pandas' newer path)
engine = sa.create_engine("postgresql+psycopg://%s:%s@127.0.0.1:%s/marketing?sslmode=disable"
                          % (USER, os.environ["PGPASSWORD"], PORT))
inspector = sa.inspect(engine)
ANY = ObjectKind.ANY
check("schemas", lambda: ",".join(inspector.get_schema_names()))
check("tables", lambda: ",".join(inspector.get_table_names(schema="finance")))
check("views", lambda: ",".join(inspector.get_view_names(schema="finance")))
check("multi_columns", lambda: ",".join(sorted(
    "%s.%s" % key for key in inspector.get_multi_columns(schema="finance", kind=ANY))))
check("column", lambda: ["%s|%s|%s|%s" % (c["name"], c["type"], c["nullable"], c.get("comment"))
                         for c in inspector.get_multi_columns(schema="finance", kind=ANY)[("finance", "channel_roi")]
                         if c["name"] == "month_start"][0])
check("multi_pk", lambda: sorted(set(str(v["constrained_columns"]) for v in
                                     inspector.get_multi_pk_constraint(schema="finance", kind=ANY).values())))
check("multi_fk", lambda: sorted(set(str(v) for v in inspector.get_multi_foreign_keys(schema="finance", kind=ANY).values())))
check("multi_indexes", lambda: sorted(set(str(v) for v in inspector.get_multi_indexes(schema="finance", kind=ANY).values())))
check("multi_unique", lambda: sorted(set(str(v) for v in
                                         inspector.get_multi_unique_constraints(schema="finance", kind=ANY).values())))
check("multi_checks", lambda: sorted(set(str(v) for v in
                                         inspector.get_multi_check_constraints(schema="finance", kind=ANY).values())))
check("multi_table_comment", lambda: inspector.get_multi_table_comment(schema="finance", kind=ANY)[
    ("finance", "channel_roi")]["text"])
check("definition", lambda: "select" in inspector.get_view_definition("channel_roi", schema="finance").lower())
check("other_schema_views", lambda: inspector.get_view_names(schema="exports"))


check("foreign_tables", lambda: inspector.get_foreign_table_names(schema="finance"))


def select_star():
    # Superset's preview of a table: its reflected columns, LIMIT 100 (SQLAlchemy 2.0 sends LIMIT $1::INTEGER)
    with engine.connect() as connection:
        catalogs = [row[0] for row in connection.execute(sa.text(
            "SELECT datname FROM pg_database WHERE datistemplate = false"))]
        roi = sa.Table("channel_roi", sa.MetaData(), schema="finance", autoload_with=connection)
        query = sa.select(*[sa.column(c.name) for c in roi.columns]).select_from(
            sa.table("channel_roi", schema="finance")).limit(100).offset(1)
        return "%s|%d columns|%d rows" % (",".join(catalogs), len(roi.columns), len(connection.execute(query).fetchall()))


check("select_star", select_star)


def search_path_option():
    # Superset's schema of a connection: the search_path in the startup packet's options
    with psycopg.connect(DSN + " options=-csearch_path=finance", password=os.environ["PGPASSWORD"]) as connection:
        return "%s|%s" % (connection.execute("show search_path").fetchone()[0],
                          connection.execute("select count(*) from orders").fetchone()[0] > 0)


check("search_path_option", search_path_option)


def streamed():
    # a server-side cursor: SQLAlchemy's stream_results is psycopg 3's named cursor (DECLARE ... FETCH)
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, max_row_buffer=2).execute(sa.text(
            "select order_id, order_date, amount_rc from finance.orders order by order_id"))
        rows = []
        for order_id, order_date, amount in result:
            assert isinstance(order_date, datetime.date), type(order_date)
            assert isinstance(amount, decimal.Decimal), type(amount)
            rows.append("%s|%s|%s" % (order_id, order_date.isoformat(), amount))
        plain = connection.execute(sa.text(
            "select order_id, order_date, amount_rc from finance.orders order by order_id")).fetchall()
        assert rows == ["%s|%s|%s" % (o, d.isoformat(), a) for o, d, a in plain], (rows, plain)
        return "%d rows, first %s" % (len(rows), rows[0])


check("streamed", streamed)


def with_connection(answer):
    with psycopg.connect(DSN, password=os.environ["PGPASSWORD"]) as connection:
        return answer(connection)


def binary(connection):
    # every value in binary transfer: the server answers each column in the format asked for
    with connection.cursor(binary=True) as cursor:
        cursor.execute("select order_id, order_date, amount_rc from finance.orders where customer_id = %s"
                       " order by order_id", ["c1"])
        return ",".join("%s|%s|%s" % (o, d.isoformat(), a) for o, d, a in cursor.fetchall())


check("binary", lambda: with_connection(binary))


def prepared(connection):
    # prepare=True: psycopg 3 names the statement on the server and sends only Bind/Execute the later times
    answers = []
    for customer in ["c1", "c1", "c2"]:
        row = connection.execute("select count(*) from finance.orders where customer_id = %s", [customer],
                                 prepare=True).fetchone()
        answers.append(str(row[0]))
    return ",".join(answers)


check("prepared", lambda: with_connection(prepared))


def bound_limits(connection):
    # LIMIT and OFFSET bound as parameters, a null one meaning none, as in PostgreSQL
    two = connection.execute("select order_id from finance.orders order by order_id limit %s offset %s", [2, None])
    every = connection.execute("select count(*) from (select order_id from finance.orders limit %s) o", [None])
    return "%s|%s" % (",".join(row[0] for row in two.fetchall()), every.fetchone()[0])


check("bound_limits", lambda: with_connection(bound_limits))


def named_cursor(connection):
    with connection.transaction():
        with connection.cursor(name="orders_cursor") as cursor:
            cursor.itersize = 1
            cursor.execute("select order_id from finance.orders order by order_id")
            return ",".join(row[0] for row in cursor)


check("named_cursor", lambda: with_connection(named_cursor))


def copy_out(connection):
    try:
        with connection.cursor() as cursor:
            with cursor.copy("COPY (select order_id from finance.orders) TO STDOUT") as copy:
                return "copied " + "".join(bytes(block).decode() for block in copy)
    except psycopg.Error as e:
        answer = "%s|%s" % (e.sqlstate, str(e).strip().splitlines()[0])
    # the refusal failed the transaction only: after its rollback the connection goes on
    connection.rollback()
    return answer + "|" + str(connection.execute("select 1").fetchone()[0])


check("copy", lambda: with_connection(copy_out))


def type_info(connection):
    answers = []
    for name in ["numeric", "date", "text", "int8", "timestamptz", "_text", "no_such_type"]:
        info = TypeInfo.fetch(connection, name)
        answers.append("%s:%s" % (name, None if info is None else "%s/%s" % (info.oid, info.array_oid)))
    return ",".join(answers)


check("type_info", lambda: with_connection(type_info))
