import jsonata from 'jsonata';
import { ledgerWriteStatement, recordFromEventArguments, runLedgerTableArn, runLedgerTableName } from '../src/run-ledger-writes';
import { synthPipeline } from './pipeline-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Step Functions adds `$parse` to JSONata's functions (the jsonata library has no such function). */
const STEP_FUNCTIONS_FUNCTIONS = { parse: (text: string) => JSON.parse(text) as unknown };

async function evaluate(value: string, bindings: Record<string, unknown>): Promise<Json> {
  const match = /^\{% ([\s\S]*) %\}$/.exec(value);
  if (!match) throw new Error(`not a JSONata value: ${value}`);
  return jsonata(match[1]!).evaluate({}, { ...STEP_FUNCTIONS_FUNCTIONS, ...bindings });
}

const pipeline = synthPipeline({ mode: 'job', schedule: 'cron(5 * * * ? *)' }).stack.pipeline.pipeline;
const NAME = 'schedule-20261201T0905Z-20261201T1005Z';
const detail = {
  name: NAME,
  executionArn: `arn:aws:states:eu-west-1:111111111111:execution:dp-test-pipeline-dev:${NAME}`,
  status: 'ABORTED',
  startDate: Date.parse('2026-12-01T10:05:01.250Z'),
  stopDate: Date.parse('2026-12-01T10:20:00Z'),
  input: JSON.stringify({ interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' }, trigger: { kind: 'schedule', scheduledTime: '2026-12-01T10:05:00Z' } }),
  error: null,
  cause: null,
};

describe('run ledger writes', () => {
  test('runLedgerTableName, runLedgerTableArn - the environment\'s table, by name, in its account and region', () => {
    expect(runLedgerTableName(pipeline)).toBe('data-platform-runs-dev');
    expect(runLedgerTableArn(pipeline)).toBe('arn:aws:dynamodb:eu-west-1:111111111111:table/data-platform-runs-dev');
  });

  test('ledgerWriteStatement - PutItem on the ledger, on the pipeline\'s own partition only', () => {
    expect(ledgerWriteStatement(pipeline, 'RecordOwnRuns')).toEqual({
      sid: 'RecordOwnRuns',
      actions: ['dynamodb:PutItem'],
      resources: ['arn:aws:dynamodb:eu-west-1:111111111111:table/data-platform-runs-dev'],
      conditions: [{ test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: ['test-pipeline'] }],
    });
  });

  test('recordFromEventArguments - a stopped run\'s record from its status event: interval and trigger from its input, times from the event', async () => {
    const args = recordFromEventArguments(pipeline, 3600);
    expect(await evaluate(args.Item as string, { states: { input: { detail } } })).toEqual({
      pk: { S: 'test-pipeline' },
      sk: { S: `2026-12-01T09:05:00Z#${NAME}` },
      run: { S: NAME },
      executionArn: { S: detail.executionArn },
      intervalStart: { S: '2026-12-01T09:05:00Z' },
      intervalEnd: { S: '2026-12-01T10:05:00Z' },
      triggerKind: { S: 'schedule' },
      trigger: { S: JSON.stringify({ kind: 'schedule', scheduledTime: '2026-12-01T10:05:00Z' }) },
      outcome: { S: 'ABORTED' },
      startedAt: { S: '2026-12-01T10:05:01.250Z' },
      endedAt: { S: '2026-12-01T10:20:00.000Z' },
      deadline: { S: '2026-12-01T11:05:01.250Z' },
      recordedBy: { S: 'status-event' },
      expiresAt: { N: String(detail.stopDate / 1000 + 400 * 86_400) },
    });
    expect(args.ConditionExpression).toBe('attribute_not_exists(pk) OR outcome = :running');
  });

  test('recordFromEventArguments - an event without its input (over 248 KB): the interval and kind from the run\'s name; a run that gave up is GAVE_UP', async () => {
    const item = await evaluate(recordFromEventArguments(pipeline, 3600).Item as string, {
      states: { input: { detail: { ...detail, input: null, status: 'FAILED', error: 'Pipeline.GaveUpWaiting', cause: 'gave up' } } },
    });
    expect(item).toMatchObject({
      intervalStart: { S: '2026-12-01T09:05:00Z' },
      intervalEnd: { S: '2026-12-01T10:05:00Z' },
      triggerKind: { S: 'schedule' },
      outcome: { S: 'GAVE_UP' },
      error: { S: 'Pipeline.GaveUpWaiting' },
      cause: { S: 'gave up' },
    });
    expect(item).not.toHaveProperty('trigger');
  });
});
