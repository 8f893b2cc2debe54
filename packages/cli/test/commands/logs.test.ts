import { logs } from '../../src/commands/logs';
import { testContext, useFakeAws } from '../support/aws-context';
import { RecordingRunner } from '../support/recording-runner';
import { ALWAYS_ON, HOURLY_JOB, standardEtlStack } from '../support/standard-etl-fixture';

const GROUP = '/data-platform/dev/pipelines/shop-sync';
const MACHINE = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-shop-sync-dev';
/** The fake clock's start (fake-polling), in epoch milliseconds. */
const NOW = Date.parse('2026-03-01T10:00:00Z');
const TASK = (id: string) => `arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/${id}`;

describe('logs', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    aws.logGroups.clear();
    aws.runs.clear();
    aws.stateMachines.clear();
    aws.stateMachines.add(MACHINE);
    aws.liveTailUpdates = [];
    aws.liveTailClosed = false;
  });
  function context() {
    const lines: string[] = [];
    return { ctx: testContext(new RecordingRunner(() => undefined), workspace().root), lines, write: (line: string) => lines.push(line) };
  }
  const job = () => standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB);

  test('logs - the lines of the last hour, oldest first, with time and task', async () => {
    aws.logGroups.set(GROUP, [
      { logStreamName: 'app/app/0a1b2c3d4e5f', timestamp: NOW - 2 * 3_600_000, message: 'too old' },
      { logStreamName: 'app/app/0a1b2c3d4e5f', timestamp: NOW - 60_000, message: 'wrote 42 products\n' },
      { logStreamName: 'app/app/99ffeeddccbb', timestamp: NOW - 120_000, message: 'fetching page 1' },
    ]);
    const { ctx, lines, write } = context();
    await logs(job(), ctx, { write });
    expect(lines).toEqual(['2026-03-01T09:58:00.000Z 99ffeedd fetching page 1', '2026-03-01T09:59:00.000Z 0a1b2c3d wrote 42 products']);
    expect(ctx.report.summaries).toEqual([`shop-sync-dev: 2 line(s) in the last 1h (log group ${GROUP}).`]);
    const filter = aws.requests.find((r) => r.operation === 'FilterLogEvents')!;
    expect(JSON.parse(filter.body)).toEqual({ logGroupName: GROUP, startTime: NOW - 3_600_000 });
  });

  test('logs - --run reads only the streams of that run\'s tasks, found in its execution history', async () => {
    aws.runs.set(MACHINE, [
      {
        name: 'schedule-20260301T0800Z-20260301T0900Z',
        status: 'FAILED',
        startDate: NOW / 1000 - 3600,
        input: '{}',
        history: [
          { type: 'TaskSubmitted', taskSubmittedEventDetails: { resourceType: 'ecs', resource: 'runTask.sync', output: JSON.stringify({ Tasks: [{ TaskArn: TASK('first1') }] }) } },
          { type: 'TaskSubmitted', taskSubmittedEventDetails: { resourceType: 'ecs', resource: 'runTask.sync', output: JSON.stringify({ Tasks: [{ TaskArn: TASK('second2') }] }) } },
        ],
      },
    ]);
    aws.logGroups.set(GROUP, [
      { logStreamName: 'app/app/first1', timestamp: NOW - 3_000_000, message: 'Traceback: KeyError' },
      { logStreamName: 'app/app/other9', timestamp: NOW - 2_900_000, message: 'another run' },
      { logStreamName: 'app/app/second2', timestamp: NOW - 2_800_000, message: 'Traceback: KeyError again' },
    ]);
    const { ctx, lines, write } = context();
    await logs(job(), ctx, { run: 'schedule-20260301T0800Z-20260301T0900Z', write });
    expect(lines).toEqual(['2026-03-01T09:10:00.000Z first1   Traceback: KeyError', '2026-03-01T09:13:20.000Z second2  Traceback: KeyError again']);
    expect(ctx.report.steps).toContain('run schedule-20260301T0800Z-20260301T0900Z: task(s) first1, second2');
    const filter = aws.requests.find((r) => r.operation === 'FilterLogEvents')!;
    expect(JSON.parse(filter.body)).toEqual({ logGroupName: GROUP, logStreamNames: ['app/app/first1', 'app/app/second2'] });
  });

  test('logs - no lines: says so', async () => {
    aws.logGroups.set(GROUP, []);
    const { ctx, lines, write } = context();
    await logs(job(), ctx, { since: '30m', write });
    expect(lines).toEqual([]);
    expect(ctx.report.summaries).toEqual([`shop-sync-dev: no log lines in the last 30m (log group ${GROUP}).`]);
  });

  test('logs - --follow tails new lines live over the event stream until stopped', async () => {
    aws.logGroups.set(GROUP, []);
    aws.liveTailUpdates = [
      [{ logStreamName: 'app/app/live0001', timestamp: NOW + 1_000, message: 'started' }],
      [
        { logStreamName: 'app/app/live0001', timestamp: NOW + 2_000, message: 'page 1' },
        { logStreamName: 'app/app/live0001', timestamp: NOW + 3_000, message: 'page 2' },
      ],
    ];
    const { ctx, lines } = context();
    const stop = new AbortController();
    // Stops once the three live lines have arrived, as Ctrl-C would.
    const write = (line: string) => {
      lines.push(line);
      if (lines.length === 3) stop.abort();
    };
    await logs(job(), ctx, { follow: true, write, signal: stop.signal });
    expect(lines).toEqual(['2026-03-01T10:00:01.000Z live0001 started', '2026-03-01T10:00:02.000Z live0001 page 1', '2026-03-01T10:00:03.000Z live0001 page 2']);
    expect(ctx.report.summaries).toEqual([`shop-sync-dev: no log lines in the last 1h (log group ${GROUP}).`, 'shop-sync-dev: stopped following; 3 new line(s).']);
    const tail = aws.requests.find((r) => r.operation === 'StartLiveTail')!;
    expect(JSON.parse(tail.body)).toEqual({ logGroupIdentifiers: [`arn:aws:logs:eu-west-1:111111111111:log-group:${GROUP}`] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(aws.liveTailClosed).toBe(true);
  });

  test('logs - throws for a bad --since, before touching AWS', async () => {
    const { ctx } = context();
    await expect(logs(job(), ctx, { since: '1 hour' })).rejects.toThrow(
      'shop-sync-dev: --since is "1 hour"; expected a duration back from now, a whole number followed by s, m, h or d (30m, 1h, 2d), at most 30d.',
    );
    await expect(logs(job(), ctx, { since: '31d' })).rejects.toThrow('shop-sync-dev: --since is "31d"');
    expect(aws.requests).toEqual([]);
  });

  test('logs - throws for a --run the state machine does not have', async () => {
    aws.logGroups.set(GROUP, []);
    const { ctx } = context();
    await expect(logs(job(), ctx, { run: 'manual-nope' })).rejects.toThrow(
      `shop-sync-dev: --run is "manual-nope", but state machine ${MACHINE} has no execution of that name or ARN.`,
    );
  });

  test('logs - throws for --run on an always-on service', async () => {
    const { ctx } = context();
    await expect(logs(standardEtlStack(workspace().root, 'feed-poller', ALWAYS_ON), ctx, { run: 'x' })).rejects.toThrow(
      'feed-poller-dev: --run "x" names a run, but feed-poller-dev is an always-on service with no runs; use --since alone.',
    );
  });

  test('logs - throws, saying to deploy, when the log group does not exist', async () => {
    const { ctx } = context();
    await expect(logs(job(), ctx, {})).rejects.toThrow(`shop-sync-dev: the log group ${GROUP} is not deployed yet. Deploy it first: \`npx nx run shop-sync:deploy -c dev\`.`);
  });
});
