// The server as Node.js clients see it: node-postgres ("pg") and postgres.js ("postgres"), each scenario
// printing key=value lines for NodeClientsTest. Usage: node node_clients.js SCENARIO PORT (password in PGPASSWORD).
const scenario = process.argv[2];
const port = Number(process.argv[3]);
const settings = { host: '127.0.0.1', port, user: 'alice', password: process.env.PGPASSWORD, database: 'marketing' };

async function nodePostgres() {
  const { Client } = require('pg');
  const client = new Client(settings);
  await client.connect(); // SCRAM-SHA-256
  const simple = await client.query("SELECT order_id, amount_rc FROM finance.orders WHERE order_id IN ('o1', 'o2') ORDER BY order_id");
  for (const r of simple.rows) console.log(`simple=${r.order_id}|${r.amount_rc}`);
  // typed values: a date, a numeric as text (as pg sends them), and a null
  const typed = await client.query(
    'SELECT order_id, order_date FROM finance.orders WHERE order_date >= $1 AND amount_rc > $2 AND $3::text IS NULL ORDER BY order_id',
    [new Date(Date.UTC(2025, 1, 1)), '60.00', null]);
  for (const r of typed.rows) console.log(`typed=${r.order_id}|${r.order_date.toISOString().slice(0, 10)}`);
  const tables = await client.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'finance' ORDER BY table_name");
  console.log(`tables=${tables.rows.map(r => r.table_name).join(',')}`);
  const byId = { name: 'order-by-id', text: 'SELECT amount_rc FROM finance.orders WHERE order_id = $1' };
  for (const id of ['o3', 'o5']) {
    const r = await client.query({ ...byId, values: [id] }); // parsed once, then reused by name
    console.log(`prepared=${id}|${r.rows[0].amount_rc}`);
  }
  const series = await client.query('SELECT i FROM generate_series(1, 3) AS i');
  console.log(`series=${series.rows.map(r => r.i).join(',')}`);
  const days = await client.query(
    "SELECT d::date AS d FROM generate_series(DATE '2025-01-01', DATE '2025-01-03', interval '1 day') AS d");
  console.log(`days=${days.rows.length}`);
  try {
    await client.query('SELECT * FROM finance.no_such_view');
  } catch (e) {
    console.log(`error=${e.code}`);
  }
  const after = await client.query('SELECT 1 AS one');
  console.log(`after_error=${after.rows[0].one}`);
  await client.end();
}

async function postgresJs() {
  const loaded = require('postgres');
  const postgres = loaded.default || loaded;
  // default options: extended protocol with prepared statements, and the array types fetched on connect
  const sql = postgres({ ...settings, max: 1, idle_timeout: 1, connect_timeout: 20 });
  const id = 'o1';
  const one = await sql`SELECT order_id, order_date, amount_rc FROM finance.orders WHERE order_id = ${id}`;
  console.log(`tagged=${one[0].order_id}|${one[0].amount_rc}`);
  for (const min of [100, 60]) {
    const rows = await sql`SELECT count(*) AS n FROM finance.orders WHERE amount_rc > ${min}`;
    console.log(`count=${min}|${rows[0].n}`);
  }
  const nulls = await sql`SELECT ${null}::text IS NULL AS is_null, ${'2025-01-16'}::date AS d`;
  console.log(`null=${nulls[0].is_null}`);
  const series = await sql`SELECT i FROM generate_series(1, ${3}) AS i`;
  console.log(`series=${series.map(r => r.i).join(',')}`);
  const agg = await sql`SELECT string_agg(order_id, ',' ORDER BY order_id) AS ids FROM finance.orders`;
  console.log(`string_agg=${agg[0].ids}`);
  try {
    await sql`SELECT make_date(${'x'}::date, 1, 1)`;
  } catch (e) {
    console.log(`error=${e.code}`);
  }
  await sql.end({ timeout: 5 });
}

(scenario === 'pg' ? nodePostgres() : postgresJs()).catch(e => {
  console.error(e);
  process.exit(1);
});
