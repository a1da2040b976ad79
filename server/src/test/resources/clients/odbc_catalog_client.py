"""Every catalog function of psqlODBC that pyodbc exposes (SQLTables, SQLColumns, SQLPrimaryKeys, SQLForeignKeys,
SQLStatistics, SQLSpecialColumns, SQLProcedures, SQLProcedureColumns, SQLGetTypeInfo), as Excel's and Power BI's
navigators call them. Prints one line per call: name=count|first values, or name=ERROR|message."""
import os
import sys

import pyodbc

connection = pyodbc.connect("DSN=marketing;UID=fin;PWD=" + os.environ["PGPASSWORD"])
cursor = connection.cursor()
failed = False


def report(name, call, describe):
    global failed
    try:
        rows = list(call())
        print("%s=%d|%s" % (name, len(rows), ",".join(describe(r) for r in rows)))
    except pyodbc.Error as e:
        failed = True
        print("%s=ERROR|%s" % (name, e))


report("schemas", lambda: cursor.tables(catalog="", schema="%", table="", tableType=""), lambda r: r.table_schem)
report("catalogs", lambda: cursor.tables(catalog="%", schema="", table="", tableType=""), lambda r: str(r.table_cat))
report("table_types", lambda: cursor.tables(catalog="", schema="", table="", tableType="%"), lambda r: r.table_type)
report("tables", lambda: cursor.tables(), lambda r: "%s.%s:%s" % (r.table_schem, r.table_name, r.table_type))
report("finance_views", lambda: cursor.tables(schema="finance", tableType="VIEW"),
       lambda r: "%s:%s" % (r.table_name, r.remarks or ""))
report("exports_tables", lambda: cursor.tables(schema="exports"), lambda r: r.table_name)
report("columns", lambda: cursor.columns(table="channel_roi", schema="finance"),
       lambda r: "%s:%s:%s:%s" % (r.ordinal_position, r.column_name, r.type_name, r.remarks or ""))
report("all_columns", lambda: cursor.columns(), lambda r: "%s.%s" % (r.table_schem, r.table_name))
report("exports_columns", lambda: cursor.columns(schema="exports"), lambda r: r.column_name)
report("primary_keys", lambda: cursor.primaryKeys("orders", schema="finance"), lambda r: r.column_name)
report("foreign_keys", lambda: cursor.foreignKeys(table="orders", schema="finance"), lambda r: r.fkcolumn_name)
report("referencing_keys", lambda: cursor.foreignKeys(foreignTable="orders", foreignSchema="finance"),
       lambda r: r.fkcolumn_name)
report("statistics", lambda: cursor.statistics("orders", schema="finance"), lambda r: str(r.index_name))
report("unique_statistics", lambda: cursor.statistics("orders", schema="finance", unique=True), lambda r: str(r.index_name))
report("row_id_columns", lambda: cursor.rowIdColumns("orders", schema="finance"), lambda r: r.column_name)
report("row_version_columns", lambda: cursor.rowVerColumns("orders", schema="finance"), lambda r: r.column_name)
report("procedures", lambda: cursor.procedures(schema="finance"), lambda r: r.procedure_name)
# a function's result column has no name (NULL), as psqlODBC reports it for PostgreSQL's functions too
report("procedure_columns", lambda: cursor.procedureColumns(schema="finance"),
       lambda r: "%s:%s" % (r.column_name or "", r.column_type))
report("type_info", lambda: cursor.getTypeInfo(), lambda r: r.type_name)
report("type_info_integer", lambda: cursor.getTypeInfo(pyodbc.SQL_INTEGER), lambda r: r.type_name)
cursor.execute("select * from finance.channel_roi")
print("preview=%d|%s" % (len(cursor.fetchall()), ",".join(d[0] for d in cursor.description)))
connection.close()
sys.exit(1 if failed else 0)
