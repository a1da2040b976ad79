"""psycopg2's server-side (named) cursors: iteration in batches of itersize, and withhold=True past COMMIT.
Prints one line per check."""
import os
import sys

import psycopg2

conn = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="alice", password=os.environ["PGPASSWORD"],
                        dbname="marketing", sslmode="disable")
# DECLARE "named" CURSOR WITHOUT HOLD FOR ... inside the transaction psycopg2 opens, then FETCH FORWARD 2 FROM "named"
with conn.cursor(name="Named") as cur:
    cur.itersize = 2
    cur.execute("select order_id, amount from exports.orders order by order_id")
    print("iterated=" + ",".join(row[0] for row in cur))
conn.commit()
held = conn.cursor(name="held", withhold=True)
held.execute("select order_id from exports.orders order by order_id")
print("before_commit=" + ",".join(row[0] for row in held.fetchmany(2)))
conn.commit()
print("after_commit=" + ",".join(row[0] for row in held.fetchmany(10)))
held.close()
conn.commit()
with conn.cursor() as cur:
    cur.execute("select count(*) from exports.orders")
    print("still_working=%d" % cur.fetchone()[0])
conn.close()
