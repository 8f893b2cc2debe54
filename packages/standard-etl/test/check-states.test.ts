import jsonata from 'jsonata';
import { CHECK_QUERY_TIMEOUT_SECONDS } from '../src/check-states';
import { jobDeclaration } from '../src/job-declaration';
import { executionTimeoutSeconds } from '../src/job-definition';
import type { Dataset } from '../src/pipeline-config';
import { manifestEntry } from '../src/pipeline-manifest';
import { TRANSIENT_ERRORS } from '../src/service-retries';
import { NAME, OWNER_TOPIC, PREFIX, SSM, synthPipeline, type FixtureConfig } from './pipeline-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ORDERS: Dataset = {
  description: 'One row per order line.',
  columns: { order_id: 'bigint', ordered_at: 'timestamp', currency: 'string' },
  partitionedBy: 'hour',
  format: 'parquet',
  checks: { rowCount: { min: 1 }, notNull: ['ordered_at'], acceptedValues: { currency: ['EUR', 'GBP'] }, warnOnly: ['acceptedValues'] },
};
const CONFIG: FixtureConfig = { mode: 'job', schedule: 'cron(5 * * * ? *)', retries: 1, maxRuntimeMinutes: 20, datasets: { orders: ORDERS } };
const DATABASE = /^\$\{aws_glue_catalog_table\.Pipeline_DatasetOrders_Table_[0-9A-F]{8}\.database_name\}$/;

/** Evaluates one `{% ... %}` value of a definition with the variables and `$states` given. */
async function evaluate(value: string, bindings: Record<string, unknown>): Promise<Json> {
  const match = /^\{% ([\s\S]*) %\}$/.exec(value);
  if (!match) throw new Error(`not a JSONata value: ${value}`);
  return jsonata(match[1]!).evaluate({}, bindings);
}

describe('check states', () => {
  const synth = synthPipeline(CONFIG);
  const definition: Json = synth.stateMachineDefinition();

  test('checkStates - after the task succeeded and before the slot is freed: the partition, one query per dataset, its results, the verdict', () => {
    expect(definition.States.RunTask.Next).toBe('PrepareChecks');
    expect(definition.States.PrepareChecks.Next).toBe('QueryChecksOrders');
    expect(definition.States.QueryChecksOrders).toMatchObject({
      Resource: 'arn:aws:states:::athena:startQueryExecution.sync',
      Arguments: { WorkGroup: expect.stringMatching(SSM('AthenaWorkgroupName')), QueryExecutionContext: { Database: expect.stringMatching(DATABASE) } },
      TimeoutSeconds: CHECK_QUERY_TIMEOUT_SECONDS,
      Retry: [{ ErrorEquals: [...TRANSIENT_ERRORS.athena] }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FreeRunSlotAfterChecksNotRun' }],
      Next: 'ReadChecksOrders',
    });
    expect(definition.States.ReadChecksOrders).toMatchObject({ Resource: 'arn:aws:states:::athena:getQueryResults', Next: 'CheckResults' });
    expect(definition.States.JudgeChecks).toMatchObject({
      Choices: [{ Next: 'FreeRunSlotAfterCheckFailure' }, { Next: 'SendCheckWarnings' }],
      Default: 'FreeRunSlot',
    });
    expect(definition.States.FreeRunSlotAfterCheckFailure).toMatchObject({ Resource: 'arn:aws:states:::dynamodb:deleteItem', Next: 'RecordChecksFailed' });
    expect(definition.States.RecordChecksFailed).toMatchObject({ Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'ChecksFailed' });
    expect(definition.States.ChecksFailed).toMatchObject({ Type: 'Fail', Error: 'Pipeline.ChecksFailed' });
    expect(definition.States.SendCheckWarnings).toMatchObject({
      Resource: 'arn:aws:states:::events:putEvents',
      Arguments: { Entries: [{ Source: `data-platform.checks.${NAME}-dev`, DetailType: 'Data Check Warning' }] },
      Next: 'FreeRunSlot',
    });
  });

  test('checkStates - the query reads only the run\'s partition of the dataset\'s own table: the day and hour of the interval start', async () => {
    const sql = await evaluate(definition.States.QueryChecksOrders.Arguments.QueryString, { dt: '2026-12-01', hour: '09' });
    expect(sql).toMatch(new RegExp(`FROM \\$\\{aws_glue_catalog_table\\.[^}]+database_name\\}\\.\\$\\{aws_glue_catalog_table\\.[^}]+\\.name\\} WHERE dt = '2026-12-01' AND hour = '09'\\) AS checked_partition$`));
    const states = { context: { Execution: { Input: { interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' } } } } };
    expect(await evaluate(definition.States.PrepareChecks.Assign.dt, { states })).toBe('2026-12-01');
    expect(await evaluate(definition.States.PrepareChecks.Assign.hour, { states })).toBe('09');
  });

  test('checkStates - each check\'s result from the query\'s row: passed within its bounds, a NULL never passes', async () => {
    const row = (values: Array<string | undefined>) => ({ result: { ResultSet: { Rows: [{ Data: [] }, { Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) }] } } });
    const checks = await evaluate(definition.States.ReadChecksOrders.Assign.checks, { checks: [], states: row(['0', undefined, '2']) });
    expect(checks).toEqual([
      { dataset: 'orders', check: 'rowCount', blocking: true, passed: false, observed: 0, expected: 'at least 1' },
      { dataset: 'orders', check: 'notNull(ordered_at)', blocking: true, passed: false, observed: null, expected: '0' },
      { dataset: 'orders', check: 'acceptedValues(currency)', blocking: false, passed: false, observed: 2, expected: '0' },
    ]);
  });

  test('checkStates - the failure names the dataset, the check, its value and a query of the failing rows, with no double quote', async () => {
    const checks = [
      { dataset: 'orders', check: 'notNull(ordered_at)', blocking: true, passed: false, observed: 3, expected: '0' },
      { dataset: 'orders', check: 'acceptedValues(currency)', blocking: false, passed: false, observed: 1, expected: '0' },
    ];
    const states = { context: { Execution: { Name: 'schedule-20261201T0905Z-20261201T1005Z', Input: { interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' } } } } };
    const cause: string = await evaluate(definition.States.ChecksFailed.Cause, { checks, dt: '2026-12-01', hour: '09', states });
    expect(cause).toMatch(
      /^Run schedule-20261201T0905Z-20261201T1005Z of test-pipeline \(dev\), data interval 2026-12-01T09:05:00Z to 2026-12-01T10:05:00Z wrote data that failed its blocking checks, so its downstreams do not start: dataset orders, check notNull\(ordered_at\): 3 failing rows \(expected 0\)\. Show them: SELECT \* FROM .+ WHERE dt = '2026-12-01' AND hour = '09' AND ordered_at IS NULL LIMIT 100\. Fix the data or the code, then rerun the interval\.$/,
    );
    expect(cause).not.toContain('"');
    const warning: string = await evaluate(definition.States.SendCheckWarnings.Arguments.Entries[0].Detail.message, { checks, dt: '2026-12-01', hour: '09' });
    expect(warning).toMatch(/^dataset orders, check acceptedValues\(currency\): 1 failing rows \(expected 0\)\. Show them: SELECT \* FROM .+ AND currency IS NOT NULL AND currency NOT IN \('EUR', 'GBP'\) LIMIT 100$/);
  });

  test('checkStates - the execution timeout makes room for each dataset\'s query', () => {
    const without = synthPipeline({ ...CONFIG, datasets: { orders: { ...ORDERS, checks: undefined } } });
    expect(executionTimeoutSeconds(synth.stack.pipeline.pipeline) - executionTimeoutSeconds(without.stack.pipeline.pipeline)).toBe(CHECK_QUERY_TIMEOUT_SECONDS + 120);
    expect(without.stateMachineDefinition().States.RunTask.Next).toBe('FreeRunSlot');
    expect(Object.keys(without.stateMachineDefinition().States)).not.toContain('PrepareChecks');
  });

  test('checkStates - only warnings: no failure path; only blocking checks: no warning path', () => {
    const warnOnly = synthPipeline({ ...CONFIG, datasets: { orders: { ...ORDERS, checks: { rowCount: { min: 1 }, warnOnly: ['rowCount'] } } } }).stateMachineDefinition();
    expect(Object.keys(warnOnly.States)).not.toContain('ChecksFailed');
    expect(warnOnly.States.JudgeChecks.Choices.map((c: Json) => c.Next)).toEqual(['SendCheckWarnings']);
    const blocking = synthPipeline({ ...CONFIG, datasets: { orders: { ...ORDERS, checks: { rowCount: { min: 1 } } } } }).stateMachineDefinition();
    expect(Object.keys(blocking.States)).not.toContain('SendCheckWarnings');
  });

  test('ScheduledRun - the state machine role may query its checked tables in the workgroup, read their prefixes and send its own warnings, nothing more', () => {
    const statements = synth.policy('ScheduledRun/StateMachineRole/CheckPermissionsDocument');
    expect(Object.keys(statements)).toEqual([
      'ChecksQueryInThePlatformWorkgroup', 'ChecksWriteOwnQueryResults', 'ChecksLocateQueryResults', 'ChecksUseQueryResultsKeyThroughS3',
      'ChecksReadGrantedTables', 'ChecksListGrantedPrefixes', 'ChecksReadGrantedPrefixes', 'ChecksDecryptLakeThroughS3', 'ChecksSendOwnWarnings',
    ]);
    expect(statements.ChecksQueryInThePlatformWorkgroup).toMatchObject({
      actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'],
      resources: [expect.stringMatching(/^arn:aws:athena:eu-west-1:111111111111:workgroup\/\$\{data\.aws_ssm_parameter\..*AthenaWorkgroupName.*\}$/)],
    });
    expect(statements.ChecksReadGrantedTables.resources).toEqual([
      'arn:aws:glue:eu-west-1:111111111111:catalog',
      expect.stringMatching(/:database\/\$\{data\.aws_ssm_parameter\..*GlueDatabaseName/),
      expect.stringMatching(/:table\/\$\{data\.aws_ssm_parameter\..*GlueDatabaseName.*\}\/test_pipeline_orders$/),
    ]);
    expect(statements.ChecksReadGrantedPrefixes).toMatchObject({ actions: ['s3:GetObject'], resources: [expect.stringMatching(/\/test-pipeline\/orders\/\*$/)] });
    expect(statements.ChecksListGrantedPrefixes.condition).toEqual([{ test: 'StringLike', variable: 's3:prefix', values: ['test-pipeline/orders/*'] }]);
    expect(statements.ChecksSendOwnWarnings).toMatchObject({
      actions: ['events:PutEvents'],
      resources: ['arn:aws:events:eu-west-1:111111111111:event-bus/default'],
      condition: [
        { test: 'ForAllValues:StringEquals', variable: 'events:source', values: [`data-platform.checks.${NAME}-dev`] },
        { test: 'ForAllValues:StringEquals', variable: 'events:detail-type', values: ['Data Check Warning'] },
        { test: 'Null', variable: 'events:source', values: ['false'] },
        { test: 'Null', variable: 'events:detail-type', values: ['false'] },
      ],
    });
    const without = synthPipeline({ ...CONFIG, datasets: { orders: { ...ORDERS, checks: undefined } } });
    expect(() => without.policy('ScheduledRun/StateMachineRole/CheckPermissionsDocument')).toThrow();
  });

  test('Alerts - a rule sends the run\'s warning event to the owner team\'s topic, naming the run and what failed', () => {
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r: Json) => r.name === `${PREFIX}-check-warned`);
    expect(JSON.parse(rule.event_pattern)).toEqual({ source: [`data-platform.checks.${NAME}-dev`], 'detail-type': ['Data Check Warning'] });
    const target = synth.resources('aws_cloudwatch_event_target').find((t: Json) => t.rule.includes('CheckWarned'));
    expect(target.arn).toMatch(OWNER_TOPIC);
    expect(target.input_transformer.input_paths).toEqual({ run: '$.detail.run', execution: '$.detail.execution', message: '$.detail.message' });
    expect(JSON.parse(target.input_transformer.input_template)).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { title: `:warning: pipeline ${NAME} (dev): data checks warned on run <run>`, description: expect.stringContaining('checks that warn only failed: <message>.') },
    });
  });

  test('manifestEntry and jobDeclaration - the checks as declared, and a value each passes and fails with', () => {
    const entry = manifestEntry(synth.stack.pipeline.pipeline);
    expect(entry.datasets.orders!.checks).toEqual([
      { id: 'rowCount', kind: 'rowCount', blocking: true, min: 1 },
      { id: 'notNull(ordered_at)', kind: 'notNull', blocking: true, min: 0, max: 0, columns: ['ordered_at'] },
      { id: 'acceptedValues(currency)', kind: 'acceptedValues', blocking: false, min: 0, max: 0, columns: ['currency'], values: ['EUR', 'GBP'] },
    ]);
    expect(jobDeclaration(NAME, 'dev', entry, Date.parse('2026-12-01T00:00:00Z')).checks).toEqual([{
      dataset: 'orders',
      table: 'test_pipeline_orders',
      checks: [
        { id: 'rowCount', blocking: true, passing: 1, failing: 0 },
        { id: 'notNull(ordered_at)', blocking: true, passing: 0, failing: 3 },
        { id: 'acceptedValues(currency)', blocking: false, passing: 0, failing: 3 },
      ],
    }]);
  });
});
