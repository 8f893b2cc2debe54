import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes, localLakeDeclarations, query } from '../../src/commands/query';
import { CommandError } from '../../src/errors';
import { processRunner } from '../../src/process/command-runner';
import { testContext, useFakeAws } from '../support/aws-context';
import { RecordingRunner } from '../support/recording-runner';
import { HOURLY_JOB, standardEtlStack } from '../support/standard-etl-fixture';

const WORKSPACE = join(__dirname, '../../../..');
const SQL = "SELECT vendor, count(*) AS products FROM shop_sync_products WHERE dt = '2026-03-01' GROUP BY 1 ORDER BY 1";

/** A pipeline's manifest with one dataset, as synth writes it (only what the local lake reads). */
function manifest(root: string, pipeline: string, datasets: Record<string, unknown>): void {
  const dir = join(root, 'pipelines', pipeline, 'cdktf.out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(root, 'pipelines', pipeline, 'cdktf.json'), '{"app": "true"}');
  writeFileSync(join(dir, 'fleet-manifest.json'), JSON.stringify({ kind: 'pipeline', version: 1, name: pipeline, environments: { dev: { datasets }, prod: { datasets } } }));
}

const PRODUCTS = {
  description: 'Products.',
  columns: { id: { type: 'bigint', pii: false, nullable: false }, vendor: { type: 'string', pii: false } },
  partitionedBy: 'hour',
  format: 'jsonl',
  prefix: 'shop-sync/products/',
  table: 'shop_sync_products',
};

describe('query', () => {
  const { aws, workspace } = useFakeAws();
  const stack = () => standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB);

  describe('in Athena: the environment\'s workgroup, with your credentials', () => {
    test('query - runs the SQL in the workgroup on the environment\'s database; prints the rows, the bytes scanned and their cost', async () => {
      aws.athenaOutcome = { columns: ['vendor', 'products'], rows: [['Acme', '6'], ['Globex', '3'], [null, '1']], bytesScanned: 1536 };
      aws.athenaPageSize = 2;
      const ctx = testContext(new RecordingRunner(() => undefined), workspace().root);

      await query(stack(), ctx, { sql: SQL });

      expect(aws.athenaQueries).toEqual([{ sql: SQL, workgroup: 'data-platform-dev', database: 'data_platform_dev' }]);
      expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 'athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetQueryResults']);
      expect(ctx.report.summaries).toEqual([
        [
          '| vendor | products |',
          '| ------ | -------- |',
          '| Acme   | 6        |',
          '| Globex | 3        |',
          '| NULL   | 1        |',
          '3 rows; Athena scanned 1.5 KB, billed $0.000048 at $5/TB, 10 MB minimum (workgroup data-platform-dev, query query-1).',
        ].join('\n'),
      ]);
    });

    test('query - a failed query is one line: Athena\'s reason, with the query id', async () => {
      aws.athenaOutcome = { state: 'FAILED', reason: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.data_platform_dev.shop_sync_product' does not exist" };
      const error = (await query(stack(), testContext(new RecordingRunner(() => undefined), workspace().root), { sql: 'SELECT * FROM shop_sync_product' }).catch((e: unknown) => e)) as Error;

      expect(error).toBeInstanceOf(CommandError);
      expect(error.message).toBe(
        "shop-sync-dev: the query failed (Athena query query-1): TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.data_platform_dev.shop_sync_product' does not exist",
      );
    });

    test('query - credentials of another account: one line, and no query', async () => {
      aws.identity = { account: '999999999999', arn: 'arn:aws:sts::999999999999:assumed-role/someone/session' };
      const error = (await query(stack(), testContext(new RecordingRunner(() => undefined), workspace().root), { sql: SQL }).catch((e: unknown) => e)) as Error;

      expect(error.message.split('\n')).toHaveLength(1);
      expect(error.message).toMatch(/^shop-sync-dev: the credentials are for AWS account 999999999999 .* Or query a local lake: -- --local-lake <dir>\.$/);
      expect(aws.athenaQueries).toEqual([]);
    });
  });

  describe('--local-lake: DuckDB over a folder, no AWS', () => {
    let lake: string;
    beforeEach(() => {
      lake = mkdtempSync(join(tmpdir(), 'data-platform-query-lake-'));
      manifest(workspace().root, 'shop-sync', { products: PRODUCTS });
    });
    afterEach(() => rmSync(lake, { recursive: true, force: true }));

    test('localLakeDeclarations - every pipeline\'s datasets of the environment, from the manifests', () => {
      manifest(workspace().root, 'no-datasets', {});
      expect(localLakeDeclarations(workspace().root, 'dev')).toEqual([{ products: PRODUCTS }]);
    });

    test('query --local-lake - with the workspace\'s Python and real DuckDB: the declared table, its partition columns, the bytes read', async () => {
      // A workspace whose runtime is this repository's (the fixture's stand-in would shadow it on PYTHONPATH).
      const root = mkdtempSync(join(tmpdir(), 'data-platform-query-workspace-'));
      try {
        writeFileSync(join(root, 'nx.json'), '{}');
        mkdirSync(join(root, 'packages'));
        symlinkSync(join(WORKSPACE, 'packages', 'pipeline-runtime'), join(root, 'packages', 'pipeline-runtime'));
        manifest(root, 'shop-sync', { products: PRODUCTS });
        const partition = join(lake, 'shop-sync', 'products', 'dt=2026-03-01', 'hour=10');
        mkdirSync(partition, { recursive: true });
        writeFileSync(join(partition, 'part-20260301T1000Z.jsonl'), '{"id":1,"vendor":"Acme"}\n{"id":2,"vendor":"Acme"}\n{"id":3,"vendor":"Globex"}\n');
        // The workspace's own .venv (npx data-platform python-env), which has DuckDB.
        const ctx = { ...testContext(new RecordingRunner(() => undefined), root), runner: processRunner, env: { PATH: process.env.PATH, PYTHON: join(WORKSPACE, '.venv', 'bin', 'python') } };

        await query(standardEtlStack(root, 'shop-sync', HOURLY_JOB), ctx, { sql: SQL, localLake: lake });

        const text = ctx.report.summaries[0]!;
        expect(text.split('\n').slice(0, 4)).toEqual(['| vendor | products |', '| ------ | -------- |', '| Acme   | 2        |', '| Globex | 1        |']);
        expect(text).toMatch(new RegExp(`^2 rows; DuckDB read \\d+ bytes of the local lake ${lake}\\.$`, 'm'));
        expect(aws.requests).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    test('query --local-lake - the runtime\'s error is one line, naming the known tables', async () => {
      const runner = new RecordingRunner((call) =>
        call.args.includes('data_platform_runtime.query')
          ? { exitCode: 1, stderr: 'Catalog Error: Table with name shop_sync_product does not exist! The tables of data_platform_dev are: shop_sync_products.\n' }
          : undefined,
      );
      const ctx = { ...testContext(runner, workspace().root), env: { PYTHON: '/venv/bin/python' } };

      await expect(query(stack(), ctx, { sql: 'SELECT * FROM shop_sync_product', localLake: lake })).rejects.toThrow(
        new CommandError('shop-sync-dev: Catalog Error: Table with name shop_sync_product does not exist! The tables of data_platform_dev are: shop_sync_products.'),
      );
      const call = runner.calls[1]!;
      expect(call.args.slice(0, 8)).toEqual(['-m', 'data_platform_runtime.query', '--lake-dir', lake, '--database', 'data_platform_dev', '--datasets', expect.stringMatching(/datasets\.json$/)]);
      expect(call.args[8]).toBe('SELECT * FROM shop_sync_product');
      expect(call.env.PYTHONPATH).toBe(join(workspace().root, 'packages', 'pipeline-runtime', 'src'));
      expect(aws.requests).toEqual([]);
    });
  });

  test('formatBytes - bytes, then KB, MB, GB in powers of 1024', () => {
    expect([0, 1023, 1536, 10 * 1024 ** 2, 3 * 1024 ** 3].map(formatBytes)).toEqual(['0 bytes', '1023 bytes', '1.5 KB', '10.0 MB', '3.0 GB']);
  });
});
