"""psqlODBC's catalog functions as pyodbc calls them, for comparing two servers. Prints per call the result's columns
(CALL.columns=name:Python type,...) and its rows as JSON (CALL.rows=...), without the columns the fourth argument
names and with the database's own name written as <catalog>, or CALL.error=message; then the median time of
listing one view's columns (columns_ms=...). Arguments: the DSN, the user, the database and the columns left out
(comma-separated); the password is PGPASSWORD."""
import json
import os
import sys
import time

import pyodbc

dsn, user, database = sys.argv[1], sys.argv[2], sys.argv[3]
left_out = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else set()
connection = pyodbc.connect("DSN=%s;UID=%s;PWD=%s" % (dsn, user, os.environ["PGPASSWORD"]))
cursor = connection.cursor()


def text(value):
    if value is None:
        return None
    value = str(value)
    return "<catalog>" if value == database else value


def report(name, call):
    try:
        result = call()
        kept = [i for i, d in enumerate(result.description) if d[0] not in left_out]
        rows = [[text(row[i]) for i in kept] for row in result.fetchall()]
        print("%s.columns=%s" % (name, ",".join("%s:%s" % (d[0], d[1].__name__) for d in result.description)))
        print("%s.rows=%s" % (name, json.dumps(rows)))
    except pyodbc.Error as e:
        print("%s.error=%s" % (name, e))


report("schemas", lambda: cursor.tables(catalog="", schema="%", table="", tableType=""))
report("catalogs", lambda: cursor.tables(catalog="%", schema="", table="", tableType=""))
report("table_types", lambda: cursor.tables(catalog="", schema="", table="", tableType="%"))
report("all_tables", lambda: cursor.tables())
report("exports_tables", lambda: cursor.tables(schema="exports"))
report("all_procedures", lambda: cursor.procedures())
report("finance_tables", lambda: cursor.tables(schema="finance"))
report("finance_views", lambda: cursor.tables(schema="finance", tableType="VIEW"))
report("finance_tables_only", lambda: cursor.tables(schema="finance", tableType="TABLE"))
report("escaped_table", lambda: cursor.tables(table="channel\\_roi", schema="finance"))
report("pattern_table", lambda: cursor.tables(table="channel%roi", schema="fin%"))
report("mixed_case_table", lambda: cursor.tables(table="Channel_ROI", schema="finance"))
report("upper_case_schema", lambda: cursor.tables(schema="FINANCE"))
report("empty_catalog_table", lambda: cursor.tables(catalog="", table="channel_roi", schema="finance"))
report("columns", lambda: cursor.columns(table="channel_roi", schema="finance"))
report("escaped_columns", lambda: cursor.columns(table="channel\\_roi", schema="finance", column="spend\\_rc"))
report("mixed_case_columns", lambda: cursor.columns(table="Channel_Roi", schema="finance"))
report("finance_columns", lambda: cursor.columns(schema="finance"))
report("primary_keys", lambda: cursor.primaryKeys("orders", schema="finance"))
report("foreign_keys", lambda: cursor.foreignKeys(table="orders", schema="finance"))
report("referencing_keys", lambda: cursor.foreignKeys(foreignTable="orders", foreignSchema="finance"))
report("statistics", lambda: cursor.statistics("orders", schema="finance"))
report("unique_statistics", lambda: cursor.statistics("orders", schema="finance", unique=True))
report("row_id_columns", lambda: cursor.rowIdColumns("orders", schema="finance"))
report("row_version_columns", lambda: cursor.rowVerColumns("orders", schema="finance"))
report("procedures", lambda: cursor.procedures(schema="finance"))
report("procedure_columns", lambda: cursor.procedureColumns(schema="finance"))
report("type_info", lambda: cursor.getTypeInfo())
for name in ["SQL_INTEGER", "SQL_BIGINT", "SQL_NUMERIC", "SQL_VARCHAR", "SQL_WVARCHAR", "SQL_TYPE_DATE",
             "SQL_TYPE_TIMESTAMP", "SQL_BIT", "SQL_DOUBLE"]:
    report("type_info_" + name, lambda: cursor.getTypeInfo(getattr(pyodbc, name)))

cursor.columns(table="channel_roi", schema="finance").fetchall()
times = []
for _ in range(7):
    start = time.perf_counter()
    cursor.columns(table="channel_roi", schema="finance").fetchall()
    times.append((time.perf_counter() - start) * 1000)
print("columns_ms=%.1f" % sorted(times)[len(times) // 2])
connection.close()
