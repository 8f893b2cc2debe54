import { joinSqlTokens, readCheckQuery, tokenizeSql } from '../src/check-query-text';

const why = (query: string) => {
  const reading = readCheckQuery(query);
  return reading.ok ? `accepted: ${reading.text}` : reading.why;
};

describe('readCheckQuery', () => {
  test('readCheckQuery - one line: comments dropped, whitespace collapsed, literals kept as written, a trailing ";" dropped', () => {
    const reading = readCheckQuery(`
      -- orders must not be negative
      SELECT count(*)   /* every row */
      FROM {{partition}} p
      WHERE p.amount_cents < 0 AND p.note <> 'it''s  -- fine';
    `);
    expect(reading).toMatchObject({ ok: true, text: "SELECT count(*) FROM {{partition}} p WHERE p.amount_cents < 0 AND p.note <> 'it''s  -- fine'" });
  });

  test('readCheckQuery - accepts a WITH of its own, a subquery, UNNEST and a comma list over the partition', () => {
    expect(why('WITH neg AS (SELECT * FROM {{partition}} WHERE amount_cents < 0), big(n) AS (SELECT count(*) FROM neg) SELECT n FROM big')).toMatch(/^accepted/);
    expect(why('SELECT count(*) FROM (SELECT order_id FROM {{partition}}) x, UNNEST(ARRAY[1, 2]) AS t(v)')).toMatch(/^accepted/);
    expect(why('SELECT count(*) FROM {{partition}} a JOIN {{partition}} b ON a.order_id = b.order_id AND a.line_no < b.line_no')).toMatch(/^accepted/);
    expect(why("SELECT count(*) FROM {{partition}} WHERE currency IN ('EUR', 'GBP') AND extract(hour FROM ordered_at) > 3")).toMatch(/^accepted/);
  });

  test('readCheckQuery - refuses what writes or changes something, and more than one statement', () => {
    expect(why('INSERT INTO x SELECT * FROM {{partition}}')).toBe('it starts with "INSERT"; a check is one SELECT (or WITH ... SELECT) that only reads');
    expect(why('WITH x AS (SELECT 1) DELETE FROM {{partition}}')).toBe('it holds "DELETE", a statement that writes or changes something; a check only reads');
    expect(why('SELECT count(*) FROM {{partition}}; DROP TABLE y')).toBe('it holds more than one statement (";" inside it); a check is one SELECT');
    expect(why('   ')).toBe('it is empty');
  });

  test('readCheckQuery - refuses a query that reads another table, a table function, or does not read the partition', () => {
    expect(why('SELECT count(*) FROM {{partition}} p LEFT JOIN orders_v2 o ON o.id = p.order_id')).toBe('it reads orders_v2; a check reads only {{partition}} (and the names its own WITH defines)');
    expect(why('SELECT count(*) FROM {{partition}}, data_platform_dev.other')).toBe('it reads data_platform_dev.other; a check reads only {{partition}} (and the names its own WITH defines)');
    expect(why("SELECT count(*) FROM read_csv('/etc/passwd') WHERE EXISTS (SELECT 1 FROM {{partition}})")).toBe("it reads read_csv(...); a check reads only {{partition}} (and the names its own WITH defines)");
    expect(why('SELECT 1')).toBe("it does not read {{partition}}, the run's partition of the dataset");
  });

  test('readCheckQuery - refuses what the alert or Terraform cannot carry', () => {
    expect(why('SELECT count(*) FROM {{partition}} WHERE "order" IS NULL')).toBe(
      'it quotes an identifier with double quotes; write columns unquoted (they are lowercase names) and strings in single quotes',
    );
    expect(why("SELECT count(*) FROM {{partition}} WHERE note LIKE '%\\%'")).toBe('it holds a backslash, which the alert showing the query cannot carry');
    expect(why("SELECT count(*) FROM {{partition}} WHERE note = '${x}'")).toBe('it holds "${", which Terraform would read as its own interpolation');
    expect(why('SELECT count(*) FROM {{partition}} WHERE dt = {{dt}}')).toBe("{{dt}} is not a placeholder; the only one is {{partition}}, the run's partition");
    expect(why("SELECT count(*) FROM {{partition}} WHERE note = 'two\nlines'")).toBe("the string literal 'two lines' holds a line break or another control character");
    expect(why("SELECT count(*) FROM {{partition}} WHERE note = 'open")).toBe('the string literal starting at character 49 is never closed');
    expect(why('SELECT count(*) FROM {{partition}} /* open')).toBe('a /* comment is never closed');
    expect(why('SELECT count(*) FROM {{partition}} WHERE {{partition}}.amount_cents < 0')).toBe(
      'it qualifies columns with {{partition}}.; give it an alias (FROM {{partition}} p) and write p.<column>',
    );
  });

  test('tokenizeSql and joinSqlTokens - function calls and lists stay tight, keywords spaced', () => {
    const split = tokenizeSql('select coalesce( sum(x) ,0)from t where a in(1,2)');
    expect('tokens' in split && joinSqlTokens(split.tokens)).toBe('select coalesce(sum(x), 0) from t where a in (1, 2)');
  });
});
