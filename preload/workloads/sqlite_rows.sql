-- SPDX-License-Identifier: MIT
-- make preload-check's sqlite3 workload: create a table, fill it with 100,000
-- rows, index it, and query it; the output is compared byte for byte.
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, grp INTEGER, value REAL);
BEGIN;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100000)
INSERT INTO item(id, name, grp, value)
SELECT k, printf('name-%06d-%s', k, substr('abcdefghijklmnopqrstuvwxyz', 1 + k % 26)),
       (k * 7919) % 1000, (k * 104729) % 100003 / 7.0
FROM n;
COMMIT;
CREATE INDEX item_grp ON item(grp, value);
CREATE INDEX item_name ON item(name);
SELECT count(*), sum(grp), round(sum(value), 3) FROM item;
SELECT grp, count(*), round(avg(value), 3), min(name), max(name) FROM item
GROUP BY grp ORDER BY grp LIMIT 20;
SELECT name, value FROM item WHERE grp = 417 ORDER BY value DESC LIMIT 10;
SELECT count(*) FROM item WHERE name LIKE 'name-05%';
SELECT a.id, b.id FROM item a JOIN item b ON a.grp = b.grp AND a.id < b.id
WHERE a.id < 50 ORDER BY a.id, b.id LIMIT 30;
UPDATE item SET value = value * 2 WHERE grp < 100;
DELETE FROM item WHERE id % 3 = 0;
SELECT count(*), round(sum(value), 3) FROM item;
PRAGMA integrity_check;
