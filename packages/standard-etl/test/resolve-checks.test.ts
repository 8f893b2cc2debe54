import { StandardEtlError } from '../src/errors';
import type { Dataset, DatasetChecks, PipelineConfig } from '../src/pipeline-config';
import { expectedText, resolveChecks, RESERVED_SQL_WORDS } from '../src/resolve-checks';
import { NAME, SCHEDULED, synthPipeline } from './pipeline-fixture';

const AT = `pipeline "${NAME}" (${NAME}-dev/Pipeline): `;
const SITE = { pipeline: NAME, path: `${NAME}-dev/Pipeline` };

const ORDERS: Dataset = {
  description: 'One row per order line.',
  columns: {
    order_id: 'bigint',
    line_no: 'int',
    ordered_at: 'timestamp',
    currency: 'varchar(3)',
    amount_cents: 'bigint',
    discount: 'double',
    tags: 'array<string>',
    paid: 'boolean',
  },
  partitionedBy: 'day',
  format: 'parquet',
};

/** The message a dataset's `checks` are refused with, through synth (as a pipeline's main.ts meets it). */
function refusal(checks: unknown, extra: Partial<PipelineConfig> = {}): string {
  try {
    synthPipeline({ ...SCHEDULED, ...extra, datasets: { orders: { ...ORDERS, checks: checks as DatasetChecks } } } as PipelineConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(StandardEtlError);
    return (error as StandardEtlError).message;
  }
  throw new Error('the checks were accepted');
}

const COLUMNS = 'order_id, line_no, ordered_at, currency, amount_cents, discount, tags, paid';

describe('resolveChecks', () => {
  test('resolveChecks - resolves every kind in run order, with ids, bounds and warnOnly applied by kind and by id', () => {
    const checks = resolveChecks(SITE, 'orders', {
      sql: [{ name: 'no_negative_amounts', query: 'SELECT count(*)\n  FROM {{partition}} -- this run\n  WHERE amount_cents < 0;', expect: 0 }],
      acceptedValues: { currency: ['EUR', 'GBP'], line_no: [1, 2, 3] },
      unique: [['order_id', 'line_no']],
      notNull: ['ordered_at', 'order_id'],
      rowCount: { min: 1, max: 100000 },
      warnOnly: ['acceptedValues', 'notNull(order_id)'],
    }, [{ name: 'order_id', type: 'bigint' }, { name: 'line_no', type: 'int' }, { name: 'ordered_at', type: 'timestamp' }, { name: 'currency', type: 'varchar(3)' }, { name: 'amount_cents', type: 'bigint' }]);
    expect(checks).toEqual([
      { id: 'rowCount', kind: 'rowCount', blocking: true, min: 1, max: 100000 },
      { id: 'notNull(ordered_at)', kind: 'notNull', blocking: true, min: 0, max: 0, columns: ['ordered_at'] },
      { id: 'notNull(order_id)', kind: 'notNull', blocking: false, min: 0, max: 0, columns: ['order_id'] },
      { id: 'unique(order_id, line_no)', kind: 'unique', blocking: true, min: 0, max: 0, columns: ['order_id', 'line_no'] },
      { id: 'acceptedValues(currency)', kind: 'acceptedValues', blocking: false, min: 0, max: 0, columns: ['currency'], values: ['EUR', 'GBP'] },
      { id: 'acceptedValues(line_no)', kind: 'acceptedValues', blocking: false, min: 0, max: 0, columns: ['line_no'], values: [1, 2, 3] },
      { id: 'sql(no_negative_amounts)', kind: 'sql', blocking: true, min: 0, max: 0, query: 'SELECT count(*) FROM {{partition}} WHERE amount_cents < 0' },
    ]);
  });

  test('resolveChecks - no checks declared: none', () => {
    expect(resolveChecks(SITE, 'orders', undefined, [])).toEqual([]);
  });

  test('expectedText - bounds in words', () => {
    expect([{ min: 1 }, { max: 10 }, { min: 1, max: 10 }, { min: 0, max: 0 }, {}].map(expectedText)).toEqual(['at least 1', 'at most 10', 'between 1 and 10', '0', 'any value']);
  });

  test('RESERVED_SQL_WORDS - lowercase, no duplicates, and the words a column is most often named after are in it', () => {
    const words = [...RESERVED_SQL_WORDS];
    expect(words.every((w) => w === w.toLowerCase())).toBe(true);
    expect(words).toEqual(expect.arrayContaining(['order', 'group', 'from', 'end', 'values', 'unique', 'default', 'limit']));
  });

  describe('refusals: one message each, naming the pipeline, the dataset, the check and the value', () => {
    test('resolveChecks - throws on checks that are not an object', () => {
      expect(refusal(['notNull'])).toBe(
        `${AT}datasets.orders.checks is ["notNull"]; expected an object of checks, e.g. { rowCount: { min: 1 }, notNull: ["order_id"], unique: [["order_id"]] }.`,
      );
    });

    test('resolveChecks - throws on an unknown check name', () => {
      expect(refusal({ notEmpty: true })).toBe(
        `${AT}datasets.orders.checks.notEmpty is "notEmpty"; dataset "orders" has no check named "notEmpty"; the checks are rowCount, notNull, unique, acceptedValues, sql, warnOnly.`,
      );
    });

    test('resolveChecks - throws on a column the dataset does not declare', () => {
      expect(refusal({ notNull: ['ordered_at', 'order_date'] })).toBe(
        `${AT}datasets.orders.checks.notNull[1] is "order_date"; check notNull of dataset "orders" names a column the dataset does not declare; its columns are ${COLUMNS}.`,
      );
    });

    test('resolveChecks - throws on a column named like a reserved word of Athena or DuckDB', () => {
      const message = (() => {
        try {
          synthPipeline({ ...SCHEDULED, datasets: { orders: { ...ORDERS, columns: { ...ORDERS.columns, order: 'string' }, checks: { notNull: ['order'] } } } });
        } catch (error) {
          return (error as Error).message;
        }
        return 'accepted';
      })();
      expect(message).toBe(
        `${AT}datasets.orders.checks.notNull[0] is "order"; check notNull of dataset "orders" names a column that is a reserved word of Athena's SQL (Trino) or DuckDB, ` +
          'which queries must double-quote, and the run\'s alert showing the check\'s query cannot carry double quotes; rename the column.',
      );
    });

    test('resolveChecks - throws on a unique key of a complex column', () => {
      expect(refusal({ unique: [['order_id', 'tags']] })).toBe(
        `${AT}datasets.orders.checks.unique[0][1] is "tags"; check unique of dataset "orders" does not fit column "tags" of type array<string>: a unique key is made of primitive columns (not array, map or struct).`,
      );
    });

    test('resolveChecks - throws on accepted values for a column that is neither string nor integer', () => {
      expect(refusal({ acceptedValues: { discount: [0.1, 0.2] } })).toBe(
        `${AT}datasets.orders.checks.acceptedValues.discount is "discount"; check acceptedValues of dataset "orders" does not fit column "discount" of type double: ` +
          'accepted values apply to a string column (string, char, varchar) or an integer column (tinyint, smallint, int, bigint).',
      );
    });

    test('resolveChecks - throws on an empty list', () => {
      expect(refusal({ notNull: [] })).toBe(
        `${AT}datasets.orders.checks.notNull is []; check notNull of dataset "orders" expects a non-empty list of column names, e.g. ["order_id"]; remove it if the dataset has none.`,
      );
      expect(refusal({ unique: 'order_id' })).toBe(
        `${AT}datasets.orders.checks.unique is "order_id"; check unique of dataset "orders" expects a list of column sets, e.g. [["order_id"]]; remove it if the dataset has none.`,
      );
    });

    test('resolveChecks - throws on a unique key that is not a list of columns', () => {
      expect(refusal({ unique: ['order_id'] })).toBe(
        `${AT}datasets.orders.checks.unique[0] is "order_id"; check unique of dataset "orders" expects each key as a non-empty list of columns, e.g. ["order_id"] or ["order_id", "line_no"].`,
      );
    });

    test('resolveChecks - throws on a check listed twice', () => {
      expect(refusal({ unique: [['order_id', 'line_no'], ['line_no', 'order_id']] })).toBe(
        `${AT}datasets.orders.checks.unique[1] is ["line_no","order_id"]; check unique of dataset "orders" lists this twice (or a column twice); keep one.`,
      );
      expect(refusal({ notNull: ['order_id', 'order_id'] })).toMatch(/notNull\[1\] is "order_id"; check notNull of dataset "orders" lists this twice/);
    });

    test('resolveChecks - throws on a row count without bounds, with a negative bound, or min over max', () => {
      expect(refusal({ rowCount: {} })).toBe(`${AT}datasets.orders.checks.rowCount is {}; check rowCount of dataset "orders": expected { min } and/or { max }, e.g. { min: 1 }.`);
      expect(refusal({ rowCount: { min: -1 } })).toBe(`${AT}datasets.orders.checks.rowCount.min is -1; check rowCount of dataset "orders": expected a whole number of rows, 0 or more.`);
      expect(refusal({ rowCount: { min: 5, max: 2 } })).toBe(
        `${AT}datasets.orders.checks.rowCount is {"min":5,"max":2}; check rowCount of dataset "orders": min is larger than max, so no partition could pass.`,
      );
      expect(refusal({ rowCount: { atLeast: 1 } })).toBe(
        `${AT}datasets.orders.checks.rowCount.atLeast is "atLeast"; check rowCount of dataset "orders": it is not a bound; a row count takes min and max.`,
      );
    });

    test('resolveChecks - throws on an accepted value of the wrong type, or that an alert cannot carry', () => {
      expect(refusal({ acceptedValues: { currency: ['EUR', 978] } })).toBe(
        `${AT}datasets.orders.checks.acceptedValues.currency[1] is 978; check acceptedValues(currency) of dataset "orders": column "currency" is varchar(3), ` +
          'so its accepted values are strings, without double quotes, backslashes or line breaks (the alert showing the check\'s query cannot carry them).',
      );
      expect(refusal({ acceptedValues: { line_no: ['1'] } })).toBe(
        `${AT}datasets.orders.checks.acceptedValues.line_no[0] is "1"; check acceptedValues(line_no) of dataset "orders": column "line_no" is int, so its accepted values are whole numbers.`,
      );
      expect(refusal({ acceptedValues: { currency: ['E"UR'] } })).toMatch(/acceptedValues\.currency\[0\] is "E\\"UR"; check acceptedValues\(currency\)/);
    });

    test('resolveChecks - throws on a sql check that is not { name, query, expect }', () => {
      expect(refusal({ sql: [{ name: 'x', sql: 'SELECT 1', expect: 0 }] })).toBe(
        `${AT}datasets.orders.checks.sql[0].sql is "sql"; check sql of dataset "orders" expects { name, query, expect }, ` +
          'e.g. { name: "no_negative_amounts", query: "SELECT count(*) FROM {{partition}} WHERE amount_cents < 0", expect: 0 }.',
      );
    });

    test('resolveChecks - throws on a sql check name that is not lowercase letters, digits and "_"', () => {
      expect(refusal({ sql: [{ name: 'No Negatives', query: 'SELECT count(*) FROM {{partition}}', expect: 0 }] })).toBe(
        `${AT}datasets.orders.checks.sql[0].name is "No Negatives"; check sql of dataset "orders" is named with lowercase letters, digits and "_", starting with a letter, at most 64 characters, e.g. "no_negative_amounts".`,
      );
    });

    test('resolveChecks - throws on a sql query that writes, reads another table, or does not read the partition', () => {
      const tail = '. A check is one SELECT over {{partition}} (the run\'s partition of the dataset) returning one number, e.g. SELECT count(*) FROM {{partition}} WHERE amount_cents < 0.';
      expect(refusal({ sql: [{ name: 'purge', query: 'DELETE FROM {{partition}} WHERE amount_cents < 0', expect: 0 }] })).toBe(
        `${AT}datasets.orders.checks.sql[0].query is "DELETE FROM {{partition}} WHERE amount_cents < 0"; check sql(purge) of dataset "orders": ` +
          `it starts with "DELETE"; a check is one SELECT (or WITH ... SELECT) that only reads${tail}`,
      );
      expect(refusal({ sql: [{ name: 'joined', query: 'SELECT count(*) FROM {{partition}} p JOIN data_platform_dev.customers c ON c.id = p.order_id', expect: 0 }] })).toBe(
        `${AT}datasets.orders.checks.sql[0].query is "SELECT count(*) FROM {{partition}} p JOIN data_platform_dev.customers c ON c.id = p.order_id"; ` +
          `check sql(joined) of dataset "orders": it reads data_platform_dev.customers; a check reads only {{partition}} (and the names its own WITH defines)${tail}`,
      );
      expect(refusal({ sql: [{ name: 'constant', query: 'SELECT 0', expect: 0 }] })).toMatch(/it does not read \{\{partition\}\}, the run's partition of the dataset\. A check is one SELECT/);
    });

    test('resolveChecks - throws on a sql check whose expect is not a number', () => {
      expect(refusal({ sql: [{ name: 'no_negative_amounts', query: 'SELECT count(*) FROM {{partition}} WHERE amount_cents < 0', expect: '0' }] })).toBe(
        `${AT}datasets.orders.checks.sql[0].expect is "0"; check sql(no_negative_amounts) of dataset "orders" expects the number its query must return, e.g. expect: 0.`,
      );
    });

    test('resolveChecks - throws on warnOnly naming a check the dataset does not declare', () => {
      expect(refusal({ notNull: ['order_id'], warnOnly: ['acceptedValues'] })).toBe(
        `${AT}datasets.orders.checks.warnOnly[0] is "acceptedValues"; warnOnly of dataset "orders" names check kinds (rowCount, notNull, unique, acceptedValues, sql) or checks it declares: notNull(order_id).`,
      );
    });

    test('resolveConfig - throws on checks of a service\'s dataset: no run would run them', () => {
      const service: PipelineConfig = { owner: 'test-team', mode: 'service' } as PipelineConfig;
      let message = 'accepted';
      try {
        synthPipeline({ ...service, datasets: { orders: { ...ORDERS, checks: { rowCount: { min: 1 } } } } });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(
        `${AT}datasets.orders.checks is ["rowCount"]; data checks run on the partition a job's run wrote, once the run's task succeeded; ` +
          'this pipeline runs in service mode (always on, no runs), so nothing would run them. Remove checks, or use mode "job".',
      );
    });
  });
});
