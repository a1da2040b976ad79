-- PgNumericParityTest's statements, one a line (a line that begins with blanks continues the one before it),
-- each answered on the port and on PostgreSQL 15 and compared.
SELECT 500.00/3
SELECT 1/3::numeric
SELECT 10::numeric/4
SELECT 1.0/3
SELECT 2/3.0
SELECT 100.0/7
SELECT 1/7.000000000000000000
SELECT 123456789.123/7
SELECT 0.001/3
SELECT 1::numeric/1
SELECT 10.5/2.5
SELECT 1e3/7
SELECT -500.00/3
SELECT 7/2
SELECT -7/2
SELECT 7/-2
SELECT 7 % 3
SELECT -7 % 3
SELECT 7.5 % 2
SELECT div(7, 2)
SELECT div(-7, 2)
SELECT div(7.5, 2)
SELECT mod(7, 3)
SELECT mod(-7, 3)
SELECT mod(7.5, 2)
SELECT 7::float8/2
SELECT 1/0
SELECT 1.0/0
SELECT 1 % 0
SELECT 5::smallint/2::smallint
SELECT 2147483647 + 1
SELECT 2147483647::int8 + 1
SELECT 2147483647 + 1::int8
SELECT -2147483648 - 1
SELECT 2147483647 * 2
SELECT 9223372036854775807 + 1
SELECT 32767::smallint + 1::smallint
SELECT 1::int2 + 1::int4
SELECT 1::int4 + 1::int8
SELECT 1::int4 * 1.5
SELECT 1::int8 + 1.5::float8
SELECT 1::float4 + 1::int4
SELECT 1.0
SELECT 1e3
SELECT .5
SELECT 1.50
SELECT 2.5e-3
SELECT 12345678901
SELECT 1.0 + 2
SELECT 0.1 + 0.2
SELECT 0.1::float8 + 0.2::float8
SELECT round(2.5)
SELECT round(-2.5)
SELECT round(3.5)
SELECT round(2.5::float8)
SELECT round(3.5::float8)
SELECT round(-2.5::float8)
SELECT round(2.345, 2)
SELECT round(-2.345, 2)
SELECT round(1234.5678, -2)
SELECT round(166.666666, 0)
SELECT round(1.5, 3)
SELECT round(42)
SELECT round(500.00/3, 2)
SELECT trunc(2.789)
SELECT trunc(-2.789, 1)
SELECT trunc(2.789::float8)
SELECT trunc(1234.5678, -2)
SELECT ceil(2.1)
SELECT ceil(-2.1)
SELECT floor(2.9)
SELECT floor(-2.9)
SELECT ceiling(2.000)
SELECT CEILING(-2.5), Ceil(2.5)
SELECT * FROM (SELECT ceiling(x), ceil(x) FROM (VALUES (1.5)) t(x)) s
SELECT ceil(2.5::float8)
SELECT floor(-2.5::float8)
SELECT abs(-5)
SELECT abs(-5.50)
SELECT abs(-2.5::float8)
SELECT abs(-32768::smallint)
SELECT sign(-3)
SELECT sign(0.0)
SELECT sign(2.5::float8)
SELECT sign(-7.25)
SELECT power(2, 10)
SELECT power(2.0, 3)
SELECT power(2::float8, 0.5)
SELECT 2 ^ 3
SELECT sqrt(16)
SELECT sqrt(2.0)
SELECT sqrt(2::float8)
SELECT sqrt(-1)
SELECT exp(1)
SELECT exp(1.0)
SELECT ln(10)
SELECT ln(2.0)
SELECT log(100)
SELECT log(1000.0)
SELECT log(2, 8)
SELECT log(0)
SELECT greatest(1, 2.5, 3)
SELECT greatest(1, 2)
SELECT least(1, 2.5::float8)
SELECT least(3::int8, 2::int4)
SELECT greatest(1, NULL, 3)
SELECT greatest('a', 'b')
SELECT nullif(1, 1)
SELECT nullif(1, 2)
SELECT nullif(1.5, 2)
SELECT coalesce(NULL, 1)
SELECT coalesce(NULL, 1, 2.5)
SELECT coalesce(1::int2, 2::int8)
SELECT coalesce(NULL::int, 1.5::float8)
SELECT CASE WHEN true THEN 1 ELSE 2 END
SELECT CASE WHEN true THEN 1 ELSE 2.5 END
SELECT CASE WHEN false THEN 1 ELSE 2.5::float8 END
SELECT CASE WHEN true THEN 1::int8 ELSE 2 END
SELECT CASE WHEN false THEN 1 END
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END
SELECT 12.345::numeric(10,2)
SELECT -12.345::numeric(10,2)
SELECT (-12.345)::numeric(10,2)
SELECT 2.5::int
SELECT (-2.5)::int
SELECT 3.5::int
SELECT 2.5::float8::int
SELECT 3.5::float8::int
SELECT (-2.5)::float8::int
SELECT 1.5::int8
SELECT 1::numeric
SELECT 1.50::numeric
SELECT '1.50'::numeric
SELECT 12345.678::numeric(5,2)
SELECT 1000::numeric(5,2)
SELECT 1::numeric(10,4)
SELECT 0.5::float4
SELECT 1/3::float4
SELECT 1::float8/3
SELECT 1e20::float8
SELECT 123456789.123456789::float8
SELECT '3'::int + 4
SELECT sum(x) FROM (VALUES (1), (2), (3)) t(x)
SELECT sum(x) FROM (VALUES (1::int2), (2::int2)) t(x)
SELECT sum(x) FROM (VALUES (1::int8), (2::int8)) t(x)
SELECT sum(x) FROM (VALUES (1.5), (2.25)) t(x)
SELECT sum(x) FROM (VALUES (1.5::float8), (2.25::float8)) t(x)
SELECT sum(x) FROM (VALUES (1.5::float4), (2.25::float4)) t(x)
SELECT sum(x) FROM (VALUES (NULL::int)) t(x)
SELECT sum(x) FROM generate_series(1, 100) x
SELECT avg(x) FROM (VALUES (1), (2)) t(x)
SELECT avg(x) FROM (VALUES (1), (2), (4)) t(x)
SELECT avg(x) FROM (VALUES (1::int8), (2::int8)) t(x)
SELECT avg(x) FROM (VALUES (1::int2), (2::int2)) t(x)
SELECT avg(x) FROM (VALUES (1.50), (2.25)) t(x)
SELECT avg(x) FROM (VALUES (1.5::float8), (2.25::float8)) t(x)
SELECT avg(x) FROM generate_series(1, 10) x
SELECT avg(x) FROM (VALUES (1), (1), (1)) t(x)
SELECT avg(x) FROM (VALUES (0.1), (0.0)) t(x)
SELECT avg(x) FROM (VALUES (123456789), (123456790)) t(x)
SELECT min(x), max(x) FROM (VALUES (1::int2), (3::int2)) t(x)
SELECT min(x), max(x) FROM (VALUES (1.5), (3.25)) t(x)
SELECT min(x), max(x) FROM (VALUES (1.5::float8), (3::float8)) t(x)
SELECT min(x), max(x) FROM (VALUES ('b'), ('a')) t(x)
SELECT count(*), count(x) FROM (VALUES (1), (NULL), (3)) t(x)
SELECT count(DISTINCT x) FROM (VALUES (1), (1), (2), (NULL)) t(x)
SELECT sum(DISTINCT x) FROM (VALUES (1), (1), (2)) t(x)
SELECT sum(x)/count(*) FROM (VALUES (1), (2)) t(x)
SELECT sum(x)/count(*) FROM (VALUES (1.00), (2.00)) t(x)
SELECT sum(x)::numeric/count(*) FROM (VALUES (10), (20), (40)) t(x)
SELECT stddev(x) FROM (VALUES (1), (2)) t(x)
SELECT stddev(x) FROM (VALUES (1), (2), (4)) t(x)
SELECT stddev_pop(x) FROM (VALUES (1), (2), (4)) t(x)
SELECT stddev_samp(x) FROM (VALUES (1.5::float8), (2::float8), (4::float8)) t(x)
SELECT variance(x) FROM (VALUES (1), (2), (4)) t(x)
SELECT var_pop(x) FROM (VALUES (1), (2), (4)) t(x)
SELECT variance(x) FROM (VALUES (1.5), (2.5)) t(x)
SELECT variance(x) FROM (VALUES (1), (1)) t(x)
SELECT stddev(x) FROM (VALUES (1)) t(x)
SELECT stddev_pop(x) FROM (VALUES (1)) t(x)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (3), (4)) t(x)
SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 10) x
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (3), (4)) t(x)
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1.5), (2.5), (3.5)) t(x)
SELECT mode() WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (2), (3)) t(x)
SELECT count(*) FILTER (WHERE x > 1), sum(x) FILTER (WHERE x < 3) FROM (VALUES (1), (2), (3)) t(x)
SELECT avg(x) FILTER (WHERE x > 1) FROM (VALUES (1), (2), (3)) t(x)
SELECT bool_and(b), bool_or(b) FROM (VALUES (true), (false), (NULL)) t(b)
SELECT every(b), bool_and(b) OR bool_or(b), bool_or(b) FILTER (WHERE b) FROM (VALUES (true), (false)) t(b)
SELECT every(x > 0) FROM (VALUES (1), (2)) t(x)
SELECT g, sum(x) FROM (VALUES ('a', 1), ('a', 2), ('b', 3)) t(g, x) GROUP BY g ORDER BY g
SELECT g, sum(x) FROM (VALUES ('a', 1), ('a', 2), ('b', 3)) t(g, x) GROUP BY g HAVING sum(x) > 2 ORDER BY g
SELECT g, h, sum(x) FROM (VALUES ('a', 'x', 1), ('a', 'y', 2), ('b', 'x', 3)) t(g, h, x) GROUP BY GROUPING
  SETS ((g), (h), ()) ORDER BY g NULLS LAST, h NULLS LAST
SELECT g, h, sum(x), grouping(g, h) FROM (VALUES ('a', 'x', 1), ('a', 'y', 2), ('b', 'x', 3)) t(g, h, x) GROUP
  BY ROLLUP (g, h) ORDER BY g NULLS LAST, h NULLS LAST
SELECT g, h, count(*), grouping(g), grouping(h) FROM (VALUES ('a', 'x', 1), ('a', 'y', 2), ('b', 'x', 3)) t(g,
  h, x) GROUP BY CUBE (g, h) ORDER BY g NULLS FIRST, h NULLS FIRST
SELECT DISTINCT ON (g) g, x FROM (VALUES ('a', 2), ('a', 1), ('b', 3)) t(g, x) ORDER BY g, x
SELECT DISTINCT ON (g) g, x FROM (VALUES ('a', 2), ('a', 1), ('b', 3)) t(g, x) ORDER BY g, x DESC
SELECT DISTINCT x FROM (VALUES (2), (1), (2)) t(x) ORDER BY x
SELECT x, row_number() OVER (ORDER BY x) FROM (VALUES (3), (1), (2)) t(x) ORDER BY x
SELECT x, rank() OVER (ORDER BY x), dense_rank() OVER (ORDER BY x) FROM (VALUES (1), (2), (2), (3)) t(x) ORDER BY x
SELECT x, ntile(3) OVER (ORDER BY x) FROM generate_series(1, 7) x ORDER BY x
SELECT x, ntile(2) OVER (ORDER BY x DESC) * 2, ntile(4) OVER () FROM generate_series(1, 5) x ORDER BY x
SELECT g, grouping(g) + 1, sum(x) FROM (VALUES ('a', 1), ('b', 2)) t(g, x) GROUP BY ROLLUP (g) HAVING grouping(g) < 2
  ORDER BY grouping(g), g
SELECT x, lag(x) OVER (ORDER BY x), lead(x) OVER (ORDER BY x) FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, lag(x, 1, 0) OVER (ORDER BY x), lead(x, 2, -1) OVER (ORDER BY x) FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, first_value(x) OVER (ORDER BY x), last_value(x) OVER (ORDER BY x) FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, last_value(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM
  (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, nth_value(x, 2) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM
  (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, sum(x) OVER (ORDER BY x) FROM (VALUES (1), (2), (2), (3)) t(x) ORDER BY x
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM (VALUES (1),
  (2), (3)) t(x) ORDER BY x
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM (VALUES (1), (2), (3), (4))
  t(x) ORDER BY x
SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM (VALUES (1), (2),
  (2), (3)) t(x) ORDER BY x
SELECT x, avg(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1), (2), (4)) t(x) ORDER BY x
SELECT g, x, sum(x) OVER (PARTITION BY g ORDER BY x) FROM (VALUES ('a', 1), ('a', 2), ('b', 3)) t(g, x) ORDER BY g, x
SELECT x, sum(x) OVER () FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, x * 100.0 / sum(x) OVER () FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, round(x * 100.0 / sum(x) OVER (), 2) AS pct FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT x, count(*) OVER (), max(x) OVER () FROM (VALUES (1), (2)) t(x) ORDER BY x
SELECT x, percent_rank() OVER (ORDER BY x), cume_dist() OVER (ORDER BY x) FROM (VALUES (1), (2), (2), (3))
  t(x) ORDER BY x
SELECT x, row_number() OVER (ORDER BY x DESC) FROM (VALUES (1), (2), (3)) t(x) ORDER BY x
SELECT g, x, rank() OVER (PARTITION BY g ORDER BY x DESC), count(*) OVER (PARTITION BY x % 2) FROM (VALUES ('a',
  1), ('a', 2), ('b', 3), ('b', 4)) t(g, x) ORDER BY x
SELECT x, row_number() OVER (PARTITION BY x % 2 ORDER BY x DESC), sum(x) OVER (PARTITION BY x % 3) FROM
  generate_series(1, 6) x ORDER BY x LIMIT 4
SELECT x, dense_rank() OVER (ORDER BY x % 3), min(x) OVER (PARTITION BY x % 2) FROM generate_series(1, 6) x ORDER BY
  x DESC OFFSET 1
SELECT DISTINCT rank() OVER (ORDER BY x) AS r FROM (VALUES (1), (2), (2)) t(x) ORDER BY r
SELECT DISTINCT rank() OVER (ORDER BY x) FROM (VALUES (1), (2), (2)) t(x) ORDER BY 1 DESC
SELECT DISTINCT g, rank() OVER (PARTITION BY g ORDER BY x) FROM (VALUES ('a', 1), ('a', 2), ('b', 2)) t(g, x) ORDER
  BY rank() OVER (PARTITION BY g ORDER BY x) DESC, g LIMIT 2
SELECT DISTINCT x % 2 AS odd, count(*) OVER (PARTITION BY x % 2) AS n FROM generate_series(1, 5) x ORDER BY n, odd
SELECT DISTINCT x FROM (VALUES (1, 2), (2, 1)) t(x, y) ORDER BY y
SELECT DISTINCT x FROM (VALUES (1, 2), (2, 1)) t(x, y) ORDER BY x + y
SELECT x AS r FROM (VALUES (1), (2)) t(x) ORDER BY r + 1
SELECT -x AS x FROM (VALUES (1), (2)) t(x) ORDER BY x + 0
SELECT x FROM (VALUES (2), (NULL), (1)) t(x) ORDER BY x NULLS FIRST
SELECT x FROM (VALUES (2), (NULL), (1)) t(x) ORDER BY x
SELECT x FROM (VALUES (2), (NULL), (1)) t(x) ORDER BY x DESC
SELECT x FROM (VALUES (2), (NULL), (1)) t(x) ORDER BY x DESC NULLS LAST
SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 3
SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 3 OFFSET 8
SELECT x FROM generate_series(1, 10) x ORDER BY x OFFSET 8
SELECT x FROM generate_series(1, 10) x ORDER BY x FETCH FIRST 2 ROWS ONLY
SELECT x FROM generate_series(1, 10) x ORDER BY x OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY
SELECT 1 UNION SELECT 2.5 ORDER BY 1
SELECT 1 UNION ALL SELECT 1 ORDER BY 1
SELECT 1::int8 UNION SELECT 2 ORDER BY 1
SELECT 1 UNION SELECT 2::float8 ORDER BY 1
SELECT x FROM (VALUES (1), (2), (2)) t(x) INTERSECT SELECT x FROM (VALUES (2), (3)) u(x)
SELECT x FROM (VALUES (1), (2), (2)) t(x) INTERSECT ALL SELECT x FROM (VALUES (2), (2), (3)) u(x)
SELECT x FROM (VALUES (1), (2), (2)) t(x) EXCEPT SELECT x FROM (VALUES (2)) u(x)
SELECT x FROM (VALUES (1), (2), (2)) t(x) EXCEPT ALL SELECT x FROM (VALUES (2)) u(x) ORDER BY x
SELECT (SELECT max(x) FROM (VALUES (1), (5)) t(x))
SELECT (SELECT max(x) FROM (VALUES (1), (5)) t(x)) + 1 AS m
SELECT x FROM (VALUES (1), (2), (3)) t(x) WHERE x IN (SELECT y FROM (VALUES (2), (3)) u(y)) ORDER BY x
SELECT x FROM (VALUES (1), (2), (3)) t(x) WHERE x NOT IN (2, 3) ORDER BY x
SELECT x FROM (VALUES (1), (2), (3)) t(x) WHERE EXISTS (SELECT 1 FROM (VALUES (2)) u(y) WHERE u.y = t.x)
SELECT 2 IN (1, 2, 3), 2.0 IN (1, 2), NULL::int IN (1)
SELECT EXISTS (SELECT 1 WHERE false)
SELECT 1 WHERE false
SELECT 'x' WHERE 1 = 1
SELECT count(*) WHERE false
SELECT 1 AS a, count(*) GROUP BY 1 HAVING count(*) > 0
SELECT 1 HAVING false
SELECT 1 IS DISTINCT FROM 2 WHERE true
SELECT x FROM generate_series(1, 3) x WHERE EXISTS (SELECT 1 WHERE x > 1) ORDER BY x
SELECT t.x, l.y FROM (VALUES (1), (2)) t(x) CROSS JOIN LATERAL (SELECT t.x * 10 AS y) l ORDER BY t.x
SELECT t.x, l.s FROM (VALUES (1), (2)) t(x) LEFT JOIN LATERAL (SELECT sum(g) AS s FROM generate_series(1, t.x)
  g) l ON true ORDER BY t.x
SELECT x, y FROM generate_series(1, 2) x, generate_series(1, x) y ORDER BY x, y
SELECT x, x::numeric / 3 AS third FROM generate_series(1, 3) x ORDER BY x
SELECT sum(x)::numeric / count(*) AS mean FROM generate_series(1, 3) x
SELECT count(*) FROM generate_series(1, 1000) x WHERE x % 7 = 0
SELECT x % 3 AS k, count(*) FROM generate_series(1, 10) x GROUP BY x % 3 ORDER BY k
SELECT pg_typeof(1), pg_typeof(1.5), pg_typeof(1e3), pg_typeof(1::int8 + 1)
SELECT pg_typeof(7/2), pg_typeof(7.0/2), pg_typeof(sqrt(2)), pg_typeof(power(2, 3))
SELECT 10::numeric(10,2) / 3
SELECT 100.00 * 3 / 7
SELECT 1 + 2 * 3 - 4 / 2
SELECT -(-5), +3, - 2.5
SELECT |/ 25.0
SELECT @ -5
SELECT factorial(5)
SELECT gcd(12, 18), lcm(4, 6)
SELECT width_bucket(5.35, 0.024, 10.06, 5)
SELECT scale(1.500), trim_scale(1.500)
SELECT scale(0.00), scale(12.3400), min_scale(12.3400), trim_scale(12.3400), scale(-5), trim_scale(100), min_scale(0.00)
SELECT scale(x), min_scale(x), trim_scale(x) FROM (VALUES (12.3400), (-5.0000)) t(x)
SELECT scale(7), trim_scale(NULL::numeric), min_scale(1.50::numeric)
SELECT factorial(0), factorial(1), factorial(20), factorial(30)
SELECT factorial(-1)
SELECT width_bucket(x, 0, 100, 4), width_bucket(x, 100, 0, 4) FROM (VALUES (-1), (0), (25), (99.99), (100), (150)) t(x)
  ORDER BY x
SELECT width_bucket(5.35::float8, 0, 10, 5), width_bucket(0.3::float8, 0.1::float8, 0.5::float8, 2)
SELECT width_bucket(1, 1, 1, 3)
SELECT width_bucket(1.5, 0, 3, 0)
SELECT 1.0 = 1, 1.5 > 1, 0.1::float8 + 0.2::float8 = 0.3::float8
SELECT 'NaN'::float8
SELECT 'Infinity'::float8 + 1
SELECT 1e308::float8 * 10
SELECT 1::int2 / 0::int2
SELECT max(x) - min(x) FROM (VALUES (1.25), (3.5)) t(x)
SELECT avg(x)::numeric(10,2) FROM (VALUES (1), (2), (2)) t(x)
SELECT stddev(x)::numeric(10,3), variance(x)::float8 FROM (VALUES (1), (2), (2)) t(x)
SELECT CAST(avg(x) OVER () AS numeric(10,1)) FROM (VALUES (1), (2), (2)) t(x)
SELECT round(avg(x), 2) FROM (VALUES (1), (2), (2)) t(x)
SELECT sum(x * 1.1) FROM (VALUES (1), (2)) t(x)
SELECT string_agg(x::text, ',' ORDER BY x) FROM (VALUES (2), (1)) t(x)
SELECT array_agg(x ORDER BY x) FROM (VALUES (2), (1)) t(x)
SELECT array_agg(x ORDER BY x) FROM (VALUES (2::bigint), (1::bigint)) t(x)
SELECT array_agg(x ORDER BY x) FROM (VALUES (2.50), (1.25)) t(x)
SELECT array_agg(x ORDER BY x) FROM (VALUES (1.5::float8), (0.25::float8)) t(x)
SELECT array_agg(b ORDER BY b) FROM (VALUES (true), (false)) t(b)
SELECT count(*) FROM (VALUES (1)) t(x) WHERE false
SELECT sum(x), avg(x), max(x) FROM (VALUES (1)) t(x) WHERE false

-- relations named with another database, refused whatever the schema and relation, as to a user who may read
-- only finance
SELECT * FROM otherdb.finance.channel_roi
SELECT relname FROM otherdb.pg_catalog.pg_class
SELECT count(*) FROM pg_catalog.pg_namespace n JOIN "OtherDb".pg_catalog.pg_class c ON c.relnamespace = n.oid
SELECT count(*) FROM pg_catalog.pg_namespace n, otherdb.information_schema.tables t
SELECT * FROM (SELECT 1 FROM otherdb.no_such_schema.no_such_table) s

-- information_schema._pg_expandarray over two different arrays in one select list, run in step
SELECT (information_schema._pg_expandarray(ARRAY[10, 20, 30])).x AS a, (information_schema._pg_expandarray(ARRAY[1, 2])).n AS b
  ORDER BY 1
SELECT t.k, (information_schema._pg_expandarray(t.a)).n AS an, (information_schema._pg_expandarray(t.b)).x AS bx
  FROM (VALUES (1, ARRAY[1, 2], ARRAY[5]), (2, ARRAY[3], ARRAY[6, 7, 8])) t(k, a, b) ORDER BY 1, 3
