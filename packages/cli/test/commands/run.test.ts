import { defaultAwsClients } from '../../src/aws/aws-clients';
import type { CommandContext } from '../../src/commands/command-context';
import { executionName, run } from '../../src/commands/run';
import { CommandError } from '../../src/errors';
import { CollectingReporter } from '../support/collecting-reporter';
import { useFakeAws } from '../support/aws-context';
import { fakePolling } from '../support/fake-polling';
import { RecordingRunner } from '../support/recording-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const MACHINE = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-ticketing-api-dev';

describe('run', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    aws.stateMachines.clear();
    aws.stateMachines.add(MACHINE);
    aws.startedExecutions.length = 0;
    aws.identity = { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/deployer/me' };
  });

  function context(): CommandContext & { report: CollectingReporter; runner: RecordingRunner } {
    const runner = new RecordingRunner(() => undefined);
    return { report: new CollectingReporter(), runner, aws: defaultAwsClients, polling: fakePolling(), workspaceRoot: workspace().root, terraformEnv: {} };
  }

  test('run - starts one run of the period of its schedule that ended last, and follows it to SUCCEEDED, printing each status', async () => {
    aws.executionStates = [{ status: 'RUNNING' }, { status: 'RUNNING' }, { status: 'RUNNING' }, { status: 'SUCCEEDED' }];
    const ctx = context();
    await run(pipelineStack(workspace().root, { mode: 'schedule' }), ctx);

    expect(aws.startedExecutions).toEqual([{
      stateMachineArn: MACHINE,
      name: expect.stringMatching(/^manual-20260301T0900Z-20260301T1000Z-[0-9a-f]{6}$/),
      input: JSON.stringify({
        interval: { start: '2026-03-01T09:00:00Z', end: '2026-03-01T10:00:00Z' },
        trigger: { kind: 'manual', startedBy: 'arn:aws:sts::111111111111:assumed-role/deployer/me' },
      }),
    }]);
    expect(ctx.report.steps).toContain('data interval 2026-03-01T09:00:00Z to 2026-03-01T10:00:00Z');
    expect(aws.operations()).toEqual([
      'sts:GetCallerIdentity',
      'states:StartExecution',
      'states:DescribeExecution',
      'states:DescribeExecution',
      'states:DescribeExecution',
      'states:DescribeExecution',
    ]);
    expect(ctx.report.steps.filter((s) => s.startsWith('execution '))).toEqual(['execution RUNNING (0s)', 'execution SUCCEEDED (30s)']);
    expect(ctx.report.summaries[0]).toContain('ticketing-api-dev: the run SUCCEEDED. logs: CloudWatch log group /data-platform/dev/ticketing-api');
    expect(ctx.runner.calls).toEqual([]);
  });

  test.each([
    ['FAILED', 'States.TaskFailed', 'Essential container in task exited (exit code 1)'],
    ['TIMED_OUT', 'States.Timeout', 'The task ran longer than its maximum runtime'],
    ['ABORTED', '', ''],
  ])('run - throws with the cause and where the logs are when the execution ends %s', async (status, error, cause) => {
    aws.executionStates = [{ status: 'RUNNING' }, { status, ...(error ? { error } : {}), ...(cause ? { cause } : {}) }];
    const failure = (await run(pipelineStack(workspace().root, { mode: 'schedule' }), context()).catch((e: unknown) => e)) as Error;
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure.message).toContain(`ticketing-api-dev: the execution ended ${status}${error ? `: ${error}` : ''}`);
    if (cause) expect(failure.message).toContain(`cause: ${cause}`);
    expect(failure.message).toContain('logs: CloudWatch log group /data-platform/dev/ticketing-api (`aws logs tail /data-platform/dev/ticketing-api --since 1h --region eu-west-1`)');
    expect(failure.message).toMatch(/execution: https:\/\/eu-west-1\.console\.aws\.amazon\.com\/states\/home\?region=eu-west-1#\/v2\/executions\/details\/arn:aws:states:eu-west-1:111111111111:execution:dp-ticketing-api-dev:manual-/);
  });

  test('run - reads the state machine ARN from the state_machine_arn output when its name is not known at synth', async () => {
    const arn = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-ticketing-api-dev-runs';
    aws.stateMachines.add(arn);
    aws.executionStates = [{ status: 'SUCCEEDED' }];
    const runner = new RecordingRunner((call) => (call.args[0] === 'output' ? { stdout: JSON.stringify({ state_machine_arn: { value: arn } }) } : undefined));
    const ctx = { ...context(), runner };
    await run(pipelineStack(workspace().root, { mode: 'schedule', stateMachineName: 'computed' }), ctx);
    expect(runner.calls.map((c) => [c.command, ...c.args].join(' '))).toEqual(['terraform init -input=false -no-color -reconfigure', 'terraform output -json -no-color']);
    expect(aws.startedExecutions.map((e) => e.stateMachineArn)).toEqual([arn]);

    const empty = new RecordingRunner((call) => (call.args[0] === 'output' ? { stdout: '{}' } : undefined));
    await expect(run(pipelineStack(workspace().root, { mode: 'schedule', stateMachineName: 'computed' }), { ...context(), runner: empty })).rejects.toThrow(
      'ticketing-api-dev: its state machine (no state_machine_arn output in the state) is not deployed yet. Deploy it first: `npx nx run ticketing-api:deploy -c dev`.',
    );
  });

  test('run - says to deploy first when the state machine does not exist', async () => {
    aws.stateMachines.clear();
    await expect(run(pipelineStack(workspace().root, { mode: 'schedule' }), context())).rejects.toThrow(
      `ticketing-api-dev: the state machine ${MACHINE} is not deployed yet. Deploy it first: \`npx nx run ticketing-api:deploy -c dev\`.`,
    );
  });

  test('run - throws for an always-on service, before touching AWS', async () => {
    await expect(run(pipelineStack(workspace().root, { mode: 'service' }), context())).rejects.toThrow(
      'run starts one execution of a scheduled pipeline: ticketing-api-dev has no aws_sfn_state_machine',
    );
    await expect(run(sharedStack(workspace().root), context())).rejects.toThrow('shared-dev has no aws_sfn_state_machine');
    expect(aws.requests).toEqual([]);
  });

  test('run - the account guard stops it before anything starts', async () => {
    aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:user/me' };
    await expect(run(pipelineStack(workspace().root, { mode: 'schedule' }), context())).rejects.toThrow('the credentials are for AWS account 222222222222');
    expect(aws.startedExecutions).toEqual([]);
  });

  test('run - --from/--to give the interval: ISO dates or times', async () => {
    aws.executionStates = [{ status: 'SUCCEEDED' }];
    await run(pipelineStack(workspace().root, { mode: 'schedule' }), context(), { from: '2026-11-01', to: '2026-11-02T06:30Z' });
    expect(aws.startedExecutions[0]!.name).toMatch(/^manual-20261101T0000Z-20261102T0630Z-[0-9a-f]{6}$/);
    expect(JSON.parse(aws.startedExecutions[0]!.input!).interval).toEqual({ start: '2026-11-01T00:00:00Z', end: '2026-11-02T06:30:00Z' });
  });

  test('run - throws for a job without a schedule and without --from/--to, before touching AWS', async () => {
    await expect(run(pipelineStack(workspace().root, { mode: 'schedule', schedule: false }), context())).rejects.toThrow(
      'ticketing-api-dev: run needs a data interval here (no schedule, so no current period to take): give it, e.g. `-- --from 2026-11-01 --to 2026-11-02` (ISO dates or UTC times, end exclusive).',
    );
    expect(aws.requests).toEqual([]);
  });

  test.each([
    [{ from: '2026-11-01' }, 'ticketing-api-dev: --to is missing; give both --from and --to (ISO dates or UTC times, end exclusive), or neither for the current period.'],
    [{ from: 'yesterday', to: '2026-11-02' }, 'ticketing-api-dev: --from is "yesterday"; expected an ISO date (2026-11-01) or time with its zone (2026-11-01T10:00Z).'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'ticketing-api-dev: --from 2026-11-02 is not before --to 2026-11-01; the interval is [from, to), so from must be earlier.'],
    [{ from: '2026-11-01T10:00:30Z', to: '2026-11-02' }, 'ticketing-api-dev: --from 2026-11-01T10:00:30Z / --to 2026-11-02 has seconds; data intervals fall on whole minutes.'],
  ])('run - throws on a bad interval %p, before touching AWS', async (options, message) => {
    await expect(run(pipelineStack(workspace().root, { mode: 'schedule' }), context(), options)).rejects.toThrow(message);
    expect(aws.requests).toEqual([]);
  });

  test('executionName - manual, the interval, a random tag: at most 80 characters', () => {
    const name = executionName({ start: new Date('2026-03-01T09:00:00Z'), end: new Date('2026-03-01T10:00:00Z') });
    expect(name).toMatch(/^manual-20260301T0900Z-20260301T1000Z-[0-9a-f]{6}$/);
    expect(name.length).toBeLessThanOrEqual(80);
  });
});
