-- The date, time, interval and text SQL of analysts and BI tools, one statement a line, compared with PostgreSQL 15
-- by PgDateTextParityTest. A line may end with " -- shape" (compare column names and types only: the value is
-- the time it runs) or " -- words" (compare the error message too).

-- date_trunc, every field, on timestamps, dates and timestamptz
SELECT date_trunc('microseconds', timestamp '2024-03-15 10:20:30.123')
SELECT timestamp '2024-03-15 10:20:30.123456', timestamptz '2024-03-15 10:20:30.123456+00'
SELECT date_trunc('milliseconds', timestamp '2024-03-15 10:20:30.123')
SELECT date_trunc('second', timestamp '2024-03-15 10:20:30.123')
SELECT date_trunc('minute', timestamp '2024-03-15 10:20:30')
SELECT date_trunc('hour', timestamp '2024-03-15 10:20:30')
SELECT date_trunc('day', timestamp '2024-03-15 10:20:30')
SELECT date_trunc('week', timestamp '2024-03-15 10:20:30')
SELECT date_trunc('month', timestamp '2024-03-15 10:20:30')
SELECT date_trunc('quarter', timestamp '2024-05-15 10:20:30')
SELECT date_trunc('year', timestamp '2024-05-15 10:20:30')
SELECT date_trunc('decade', timestamp '2024-05-15 10:20:30')
SELECT date_trunc('century', timestamp '2024-05-15 10:20:30')
SELECT date_trunc('millennium', timestamp '2024-05-15 10:20:30')
SELECT date_trunc('MONTH', timestamp '2024-03-15 10:20:30') AS m
SELECT date_trunc('month', date '2024-03-15')
SELECT date_trunc('week', date '2024-03-17')
SELECT date_trunc('day', date '2024-03-15'), date_trunc('year', date '2024-07-04') + interval '1 day'
SELECT date_trunc('month', date '2024-03-15') = timestamp '2024-03-01', date_trunc('hour', date '2024-03-15') < now()
SELECT date_trunc('day', timestamptz '2024-03-15 10:20:30+02')
SELECT date_trunc('month', '2024-03-15 10:20:30+00'::timestamptz)
SELECT date_trunc('day', timestamptz '2024-03-15 23:20:30+00', 'Asia/Tokyo')
SELECT date_trunc('month', timestamptz '2024-03-01 03:00+00', 'America/New_York'), date_trunc('hour', timestamp '2024-03-10 07:30', 'America/New_York')
SELECT date_trunc('week', d, 'Asia/Kolkata') AS w, count(*) FROM generate_series(date '2024-01-01', date '2024-01-10', interval '1 day') AS g(d) GROUP BY 1 ORDER BY 1
SELECT date_trunc('month', '2024-03-15'::date)::date AS month_start
SELECT date_trunc('fortnight', timestamp '2024-03-15 10:20:30') -- words
SELECT date_trunc('Fortnight', date '2024-03-15') -- words
SELECT date_trunc('dow', timestamp '2024-03-15 10:20:30') -- words
SELECT date_trunc('epoch', timestamptz '2024-03-15 10:20:30+00') -- words
-- date_part and extract
SELECT date_part('year', timestamp '2024-03-15 10:20:30')
SELECT date_part('month', date '2024-03-15')
SELECT date_part('dow', date '2024-03-17')
SELECT date_part('hour', timestamp '2024-03-15 10:20:30')
SELECT date_part('epoch', timestamp '2024-03-15 10:20:30')
SELECT extract(dow from date '2024-03-17')
SELECT extract(isodow from date '2024-03-17')
SELECT extract(doy from date '2024-03-15')
SELECT extract(week from date '2024-12-30')
SELECT extract(isoyear from date '2024-12-30')
SELECT extract(quarter from date '2024-08-15')
SELECT extract(epoch from timestamp '2024-03-15 10:20:30')
SELECT extract(epoch from date '2024-03-15')
SELECT extract(epoch from timestamptz '2024-03-15 10:20:30+02')
SELECT extract(julian from date '2024-03-15')
SELECT extract(JULIAN from date '1970-01-01') AS j, extract(julian from date '0001-01-01') AS first, extract(julian from NULL::date)
SELECT extract(year from timestamp '2024-03-15 10:20:30')
SELECT extract(month from timestamp '2024-03-15 10:20:30')
SELECT extract(day from date '2024-03-15')
SELECT extract(hour from timestamp '2024-03-15 10:20:30')
SELECT extract(minute from timestamp '2024-03-15 10:20:30')
SELECT extract(second from timestamp '2024-03-15 10:20:30.5')
SELECT extract(millisecond from timestamp '2024-03-15 10:20:30.5')
SELECT extract(decade from date '2024-03-15')
SELECT extract(century from date '2024-03-15')
SELECT extract(epoch from interval '1 day 2 hours')
SELECT extract(day from interval '3 days 4 hours')
SELECT extract(hour from interval '3 days 4 hours')
SELECT EXTRACT(YEAR FROM d) AS y, EXTRACT(MONTH FROM d) AS m FROM (VALUES (date '2023-11-30'), (date '2024-02-29')) v(d) ORDER BY d
-- to_char of dates and timestamps
SELECT to_char(date '2024-03-05', 'YYYY-MM-DD')
SELECT to_char(timestamp '2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS')
SELECT to_char(timestamp '2024-03-05 14:07:09', 'HH12:MI AM')
SELECT to_char(date '2024-03-05', 'Mon YYYY')
SELECT to_char(date '2024-03-05', 'Month DD, YYYY')
SELECT to_char(date '2024-03-05', 'FMMonth FMDD, YYYY')
SELECT to_char(date '2024-03-05', 'Day')
SELECT to_char(date '2024-03-05', 'Dy DD Mon')
SELECT to_char(date '2024-03-05', 'DD/MM/YYYY')
SELECT to_char(date '2024-08-05', 'YYYY"-Q"Q')
SELECT to_char(date '2024-12-30', 'IYYY-IW')
SELECT to_char(date '2024-03-05', 'YYYY-WW')
SELECT to_char(date '2024-03-05', 'DDD')
SELECT to_char(date '2024-03-05', 'D')
SELECT to_char(date '2024-03-05', 'MON mon month')
SELECT to_char(timestamp '2024-03-05 14:07:09', 'YYYY-MM-DD"T"HH24:MI:SS')
SELECT to_char(date '2024-03-01', 'DDth')
SELECT to_char(date '2024-03-05', 'J')
SELECT to_char(timestamptz '2024-03-05 14:07:09+00', 'YYYY-MM-DD HH24:MI')
-- to_date, to_timestamp, make_date, make_timestamp
SELECT to_date('2024-03-01', 'YYYY-MM-DD')
SELECT to_date('01/03/2024', 'DD/MM/YYYY')
SELECT to_date('March 1, 2024', 'Month DD, YYYY')
SELECT to_date('20240301', 'YYYYMMDD')
SELECT to_timestamp(1700000000)
SELECT to_timestamp(1700000000.5)
SELECT to_timestamp(0)
SELECT to_timestamp('2024-03-01 10:20:30', 'YYYY-MM-DD HH24:MI:SS')
SELECT to_timestamp('05 Mar 2024', 'DD Mon YYYY')
SELECT make_date(2024, 2, 29)
SELECT make_timestamp(2024, 3, 1, 10, 20, 30.5)
SELECT make_date(2023, 2, 29)
-- age and justify
SELECT age(timestamp '2024-03-01', timestamp '2023-01-15')
SELECT age(timestamp '2024-03-01 10:00', timestamp '2024-02-28 12:30')
SELECT age(date '2024-03-01', date '2020-02-29')
SELECT age(timestamp '2000-01-01') -- shape
SELECT justify_days(interval '35 days')
SELECT justify_hours(interval '27 hours')
SELECT justify_interval(interval '1 mon -1 day')
SELECT justify_interval(interval '50 hours')
-- interval literals in PostgreSQL's forms
SELECT interval '1 month'
SELECT '1 day'::interval
SELECT CAST('2 hours' AS interval)
SELECT interval 'P1M'
SELECT interval 'P1Y2M3DT4H5M6S'
SELECT interval '1-2'
SELECT interval '01:02:03'
SELECT interval '1' day
SELECT interval '2' hour
SELECT interval '1 year 2 months'
SELECT interval '-1 day'
SELECT interval '2 weeks'
SELECT interval '90 minutes'
SELECT interval '1 day 02:00:00'
SELECT interval '1 month 2 days'
SELECT '3 days'::interval AS i
SELECT 'x'::interval
SELECT '1 hour'::interval * 2
-- interval arithmetic with dates and timestamps
SELECT date '2024-01-31' + 1
SELECT 7 + date '2024-01-31'
SELECT date '2024-03-01' - 1
SELECT date '2024-03-01' - date '2024-01-01'
SELECT date '2024-01-31' + interval '1 month'
SELECT date '2024-03-31' - interval '1 month'
SELECT date '2024-03-01' - interval '1 day'
SELECT timestamp '2024-01-31 10:00' + interval '1 month'
SELECT timestamp '2024-03-01 10:00' - timestamp '2024-02-28 08:30'
SELECT timestamp '2024-03-01 10:00' - interval '90 minutes'
SELECT timestamp '2024-03-01 10:00' + interval '1 day 2 hours'
SELECT interval '1 day' * 3
SELECT 3 * interval '1 hour'
SELECT interval '1 hour' * 1.5
SELECT interval '3 days' / 2
SELECT interval '1 day' + interval '2 hours'
SELECT - interval '1 day'
SELECT date '2024-02-29' + interval '1 year'
SELECT (date '2024-03-01' + 30) - date '2024-03-01' AS days
-- comparisons and BETWEEN
SELECT date '2024-03-01' > date '2024-02-01'
SELECT date '2024-03-01' = timestamp '2024-03-01 00:00'
SELECT date '2024-03-15' BETWEEN date '2024-03-01' AND date '2024-03-31'
SELECT timestamp '2024-03-01 10:00' < '2024-03-02'
SELECT interval '1 day' = interval '24 hours'
SELECT interval '1 month' > interval '29 days'
SELECT count(*) FROM (VALUES (date '2024-01-01'), (date '2024-02-01'), (date '2024-03-01')) v(d) WHERE d >= '2024-02-01'
SELECT d FROM (VALUES (date '2024-01-01'), (date '2024-02-01')) v(d) WHERE d BETWEEN '2024-01-15' AND '2024-02-15'
-- now() and current_date forms
SELECT now() -- shape
SELECT current_date -- shape
SELECT current_timestamp -- shape
SELECT localtimestamp -- shape
SELECT now() - interval '7 days' -- shape
SELECT current_date - 7 -- shape
SELECT current_date - interval '30 days' -- shape
SELECT current_date + 1 -- shape
SELECT date_trunc('month', current_date) -- shape
SELECT date_trunc('month', now()) -- shape
SELECT extract(year from current_date) -- shape
SELECT current_date - date '2000-01-01' -- shape
SELECT now() > timestamp '2000-01-01'
SELECT current_date >= date '2000-01-01'
-- series, bins and overlaps
SELECT * FROM generate_series(date '2024-01-01', date '2024-01-05', interval '1 day')
SELECT g::date AS d FROM generate_series('2024-01-31'::date, '2024-05-31'::date, interval '1 month') g
SELECT count(*) FROM generate_series(timestamp '2024-01-01', timestamp '2024-01-02', interval '1 hour')
SELECT d FROM generate_series(timestamp '2024-01-01', timestamp '2024-01-01 03:00', interval '30 minutes') AS t(d)
SELECT date_trunc('week', d) AS w, count(*) FROM generate_series(date '2024-01-01', date '2024-01-31', interval '1 day') AS g(d) GROUP BY 1 ORDER BY 1
SELECT * FROM generate_series(date '2024-01-31', date '2024-05-31', interval '1 month')
SELECT min(d), max(d) + interval '1 hour' FROM generate_series(date '2024-01-01', date '2024-01-03', interval '12 hours') AS g(d)
SELECT * FROM generate_series(timestamptz '2024-01-01 00:00+00', timestamptz '2024-01-01 02:00+00', interval '1 hour')
SELECT date_bin('15 minutes', timestamp '2024-03-01 10:23:00', timestamp '2024-01-01')
SELECT date_bin('1 day', timestamp '2024-03-01 10:23:00', timestamp '2024-01-01 06:00')
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-01-15', date '2024-03-01')
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-02-01', date '2024-03-01')
-- casts of text to dates and timestamps
SELECT '2024-03-01'::date
SELECT CAST('2024-03-01' AS date)
SELECT 'March 1, 2024'::date
SELECT '20240301'::date
SELECT '2024/03/01'::date
SELECT '1 March 2024'::date
SELECT 'Mar 1 2024'::date
SELECT '2024-03-01 10:00'::timestamp
SELECT '2024-03-01T10:00:00'::timestamp
SELECT '2024-03-01 10:00:00+02'::timestamptz
SELECT timestamp '2024-03-01 10:00:00.250'
SELECT '2024-03-01'::timestamp
SELECT 'x'::date -- words
SELECT '2024-02-30'::date -- words
SELECT '2024-13-01'::date -- words
SELECT 'x'::timestamp -- words
SELECT '2024-03-01 25:00'::timestamp
SELECT 'abc'::integer -- words
SELECT 'x'::interval -- words
SELECT to_date('x', 'YYYY')
-- text
SELECT split_part('a,b,c', ',', 2)
SELECT split_part('a,b,c', ',', -1)
SELECT split_part('a,b,c', ',', 5)
SELECT split_part('a,b,c', ',', 0)
SELECT regexp_replace('Hello World', 'o', '0')
SELECT regexp_replace('Hello World', 'o', '0', 'g')
SELECT regexp_replace('Hello', 'h', 'J', 'i')
SELECT regexp_replace('abc123def', '[0-9]+', '')
SELECT regexp_replace('a.b.c', '\.', '-', 'g')
SELECT regexp_replace('john smith', '(\w+) (\w+)', '\2, \1')
SELECT regexp_match('foo123bar', '[0-9]+')
SELECT regexp_match('key=value', '(\w+)=(\w+)')
SELECT regexp_match('abc', 'z')
SELECT regexp_matches('abc', 'b')
SELECT substring('foo123bar' from '[0-9]+')
SELECT substring('foo123bar' from 'o(\d)')
SELECT substring('hello' from 2 for 3)
SELECT substring('hello', 2)
SELECT lpad('7', 3, '0')
SELECT rpad('ab', 5, '*')
SELECT lpad('hello', 3)
SELECT initcap('hello wORLD foo-bar')
SELECT concat_ws('-', 'a', NULL, 'b', 1)
SELECT concat('a', NULL, 2)
SELECT format('%s %I %L', 'x', 'My Table', 'it''s')
SELECT format('%s|%L', NULL, NULL)
SELECT left('hello', 2), right('hello', 2)
SELECT left('hello', -2), right('hello', -2)
SELECT position('lo' in 'hello')
SELECT strpos('hello', 'l')
SELECT translate('12345', '143', 'ax')
SELECT replace('hello', 'l', 'L')
SELECT btrim('xxhixx', 'x')
SELECT btrim('  hi  ')
SELECT trim(both 'x' from 'xxhixx')
SELECT ltrim('  hi'), rtrim('hi  ')
SELECT md5('abc')
SELECT length('héllo'), char_length('héllo'), octet_length('héllo')
SELECT upper('straße'), lower('ÀB')
SELECT reverse('abc'), repeat('ab', 3)
SELECT 'Google' ILIKE 'goo%'
SELECT 'Google' NOT ILIKE 'bing%'
SELECT 'abc' SIMILAR TO '%(b|d)%'
SELECT 'abc' SIMILAR TO 'b%'
SELECT 'abc' ~ '^a'
SELECT 'ABC' ~* '^a'
SELECT 'abc' !~ 'z'
SELECT 'ABC' !~* 'b'
SELECT 'a%c' LIKE 'a\%c'
SELECT 'a%c' LIKE 'a#%c' ESCAPE '#'
SELECT 'abc' LIKE 'a_c'
SELECT string_agg(x, ',' ORDER BY x) FROM (VALUES ('b'), ('a'), ('c')) v(x)
SELECT string_agg(x, ', ' ORDER BY x DESC) AS xs FROM (VALUES ('b'), ('a'), (NULL)) v(x)
SELECT E'a\tb'
SELECT E'it\'s'
SELECT 'a' || NULL
SELECT 'a' || 1
SELECT 1 || 'a'
SELECT 'n=' || 2.50
SELECT 'd=' || date '2024-03-01'
SELECT quote_ident('My Table'), quote_literal('it''s')
SELECT chr(65), ascii('A')
SELECT starts_with('hello', 'he')
SELECT upper(x) FROM (VALUES ('a'), ('b')) v(x) ORDER BY 1
SELECT x, length(x) AS n FROM (VALUES ('abc'), ('de')) v(x) WHERE x ~ '^[a-z]+$' ORDER BY n
-- time grains and filters as BI tools write them
SELECT floor(extract(epoch from timestamp '2024-03-01 10:23:45') / 60) * 60 AS time
SELECT to_timestamp(floor(extract(epoch from timestamp '2024-03-01 10:23:45') / 300) * 300) AS time
SELECT DATE_TRUNC('QUARTER', CAST('2024-05-17' AS DATE))
SELECT CAST(DATE_TRUNC('week', (CAST('2024-03-06' AS date) + INTERVAL '1 day')) AS timestamp) + (INTERVAL '-1 day') AS w
SELECT DATE_TRUNC('week', timestamp '2024-03-06 10:00' + INTERVAL '1 day') - INTERVAL '1 day'
SELECT CAST(extract(dow from date '2024-03-06') AS integer) + 1 AS dow
SELECT date_part('week', date '2024-01-01'), date_part('isoyear', date '2024-01-01')
SELECT CAST(now() AS date) = current_date
SELECT date_trunc('year', timestamp '2024-05-17') + interval '1 year' - interval '1 day'
SELECT extract(year from age(timestamp '2024-03-01', timestamp '1990-07-15'))
SELECT to_char(date '2024-03-06', 'YYYY-"W"IW'), to_char(date '2024-03-06', 'FMDay, FMDD FMMonth YYYY')
SELECT to_char(timestamp '2024-03-06 09:05:00', 'FMHH12:MI am')
SELECT interval '1 week' * 2
SELECT '2024-03-01'::date + '1 month'::interval
SELECT '2024-03-01'::timestamp + interval '1 hour'
SELECT date '2024-03-01' - '1 week'::interval
SELECT date '2024-03-01' + time '10:30'
SELECT d + 7 * interval '1 day' FROM (VALUES (date '2024-03-01')) v(d)
SELECT d, d - lag(d) OVER (ORDER BY d) AS gap FROM (VALUES (date '2024-03-01'), (date '2024-03-04'), (date '2024-03-10')) v(d) ORDER BY d
SELECT count(*) FROM (VALUES (timestamp '2024-03-01 10:00'), (timestamp '2024-03-02 10:00')) v(t) WHERE t >= '2024-03-01' AND t < '2024-03-02'
SELECT min(t), max(t) FROM (VALUES (timestamp '2024-03-01 10:00'), (timestamp '2024-03-02 11:30')) v(t)
SELECT max(t) - min(t) AS span FROM (VALUES (timestamp '2024-03-01 10:00'), (timestamp '2024-03-02 11:30')) v(t)
SELECT to_char(date_trunc('month', d), 'YYYY-MM') AS m, count(*) FROM generate_series(date '2024-01-15', date '2024-03-15', interval '1 week') g(d) GROUP BY 1 ORDER BY 1
SELECT '2024-03-01 10:00:00'::timestamp AT TIME ZONE 'UTC'
SELECT timestamp '2024-03-01 10:00' AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York'
SELECT extract(hour from timestamptz '2024-03-01 10:00:00+00' AT TIME ZONE 'Europe/Berlin')
SELECT make_date(2024, 13, 1) -- words
SELECT to_timestamp('2024-03-01', 'YYYY-MM-DD')
SELECT to_date('2024-W10', 'IYYY-"W"IW')
SELECT '2024-03-01'::date::text, timestamp '2024-03-01 10:00'::text
SELECT CAST(date '2024-03-01' AS varchar), CAST(interval '1 day' AS text)
SELECT date '2024-03-01' IN (date '2024-03-01', date '2024-03-02')
SELECT CASE WHEN date '2024-03-01' < current_date THEN 'past' ELSE 'future' END
-- text as analysts write it
SELECT lower(x) LIKE '%oo%' FROM (VALUES ('Google')) v(x)
SELECT COALESCE(NULLIF(x, ''), 'n/a') FROM (VALUES (''), ('a')) v(x) ORDER BY 1
SELECT trim(leading '0' from '00123'), trim(trailing 'x' from 'abcxx')
SELECT overlay('Txxxxas' placing 'hom' from 2 for 4)
SELECT split_part(email, '@', 2) AS domain FROM (VALUES ('ann@example.com'), ('bob@test.org')) v(email) ORDER BY 1
SELECT left(email, strpos(email, '@') - 1) FROM (VALUES ('ann@example.com')) v(email)
SELECT initcap(lower('JOHN SMITH')), length(trim('  ab  '))
SELECT regexp_replace('a   b    c', '\s+', ' ', 'g')
SELECT regexp_replace('2024-03-01', '(\d+)-(\d+)-(\d+)', '\3/\2/\1')
SELECT CAST('abcdef' AS varchar(3))
SELECT CAST('ab' AS character varying) AS v, 'x'::varchar(5), 'y'::text, upper('z'), CAST(true AS varchar)
SELECT CAST(1 AS varchar) AS n UNION ALL SELECT CAST(2 AS varchar) ORDER BY 1
SELECT CAST(1 AS varchar) AS n UNION ALL SELECT 'two' ORDER BY 1
SELECT v FROM (SELECT CAST('a' AS varchar) || 'b' AS v) s
WITH t AS (SELECT 'x'::varchar AS c, 'y'::text AS d) SELECT c, upper(c), d FROM (SELECT * FROM t) s
SELECT 1::text || '-' || 2::text
SELECT string_agg(DISTINCT x, ',') FROM (VALUES ('b'), ('a'), ('b')) v(x)
SELECT upper(substr('hello', 1, 1)) || substr('hello', 2)
SELECT position('x' in 'abc'), strpos('', 'a'), length('')
SELECT 'abc' < 'abd', 'B' > 'a'
SELECT md5(''), md5('The quick brown fox')
SELECT concat('a', 1, true, date '2024-03-01')
SELECT concat_ws(',', true, false, NULL::boolean, 1 > 2), concat(1 = 1)
SELECT format('%s|%s', true, 1 > 2), quote_literal(true), 'a' || false, true::text
SELECT format('%s-%s', 1, 'x'), format('%5s|%-5s|', 'ab', 'cd')
SELECT replace('a.b.c', '.', ''), translate('a-b_c', '-_', '  ')
SELECT ltrim('xxabc', 'x'), rtrim('abcyy', 'y')
SELECT repeat('-', 0), lpad('', 2, 'x')
SELECT 'a' ILIKE 'A', 'abc' NOT LIKE 'a%', 'ABC' ~~* 'a%'
SELECT 'abc' SIMILAR TO 'a_c', 'abc' NOT SIMILAR TO '%z%'
SELECT x FROM (VALUES ('apple'), ('banana'), ('cherry')) v(x) WHERE x ~ 'an' ORDER BY x
SELECT regexp_match('a1b2', '[a-z](\d)[a-z](\d)')
