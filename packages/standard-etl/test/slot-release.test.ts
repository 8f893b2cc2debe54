import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { RUN_END_STATUSES } from '../src/slot-release';
import { PREFIX, synthPipeline } from './pipeline-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('SlotRelease', () => {
  const job = { mode: 'job' as const, schedule: 'cron(5 * * * ? *)', concurrency: { limit: 2, reason: 'independent intervals' } };

  test('SlotRelease - a rule on the main machine\'s end states starts an Express machine that frees the ended run\'s slot', () => {
    const synth = synthPipeline(job);
    expect(synth.text).toHaveResourceWithProperties(SfnStateMachine, { name: `${PREFIX}-release`, type: 'EXPRESS' });
    expect(synth.text).toHaveResourceWithProperties(CloudwatchEventRule, { name: `${PREFIX}-run-ended` });
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r: Json) => r.name === `${PREFIX}-run-ended`);
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { stateMachineArn: [`arn:aws:states:eu-west-1:111111111111:stateMachine:${PREFIX}`], status: [...RUN_END_STATUSES] },
    });
    const target = synth.resources('aws_cloudwatch_event_target').find((t: Json) => t.target_id === 'slot-release');
    expect(target.arn).toMatch(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_SlotRelease_StateMachine_[0-9A-F]{8}\.arn\}$/);
  });

  test('SlotRelease - it deletes each slot only while the ended run holds it, and stops at the one it held', () => {
    const synth = synthPipeline(job);
    const machine = synth.resources('aws_sfn_state_machine').find((m: Json) => m.name === `${PREFIX}-release`);
    const { States } = JSON.parse(machine.definition);
    expect(States.Prepare).toMatchObject({ Assign: { run: '{% $states.input.detail.name %}', slot: 1 }, Next: 'RecordEnd' });
    expect(States.RecordEnd.Next).toBe('FreeSlot');
    expect(States.FreeSlot).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:deleteItem',
      Arguments: { Key: { pk: { S: "{% 'lock#' & $string($slot) %}" } }, ConditionExpression: 'runId = :run', ExpressionAttributeValues: { ':run': { S: '{% $run %}' } } },
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'NextSlot' }],
      Next: 'Freed',
    });
    expect(States.NextSlot.Choices).toEqual([{ Condition: '{% $slot < 2 %}', Assign: { slot: '{% $slot + 1 %}' }, Next: 'FreeSlot' }]);
  });

  test('SlotRelease - its role may only delete items of the runs table and put the pipeline\'s own items in the run ledger; the rule\'s role may only start it', () => {
    const synth = synthPipeline(job);
    expect(Object.values(synth.policy('ScheduledRun/SlotRelease/Role/PermissionsDocument'))).toEqual([
      { sid: 'FreeEndedRunsSlots', effect: 'Allow', actions: ['dynamodb:DeleteItem'], resources: [expect.stringMatching(/^\$\{aws_dynamodb_table\.Pipeline_ScheduledRun_RunsTable(_Table)?_[0-9A-F]{8}\.arn\}$/)] },
      {
        sid: 'RecordEndedRuns',
        effect: 'Allow',
        actions: ['dynamodb:PutItem'],
        resources: ['arn:aws:dynamodb:eu-west-1:111111111111:table/data-platform-runs-dev'],
        condition: [{ test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: ['test-pipeline'] }],
      },
    ]);
    expect(Object.values(synth.policy('ScheduledRun/SlotRelease/EventsRole/PermissionsDocument'))).toEqual([
      { sid: 'StartOwnSlotRelease', effect: 'Allow', actions: ['states:StartExecution'], resources: [expect.stringMatching(/SlotRelease_StateMachine/)] },
    ]);
  });

  test('SlotRelease - both its roles carry the environment\'s permissions boundary, as every role the deployer may create', () => {
    const roles = synthPipeline(job).resources('aws_iam_role').filter((r: Json) => [`${PREFIX}-release`, `${PREFIX}-ended`].includes(r.name));
    expect(roles.map((r: Json) => [r.name, r.permissions_boundary]).sort()).toEqual([
      [`${PREFIX}-ended`, 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev'],
      [`${PREFIX}-release`, 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev'],
    ]);
  });

  test('SlotRelease - it records the end of a run that did not, only where the ledger has no end for it, and fails when it cannot or when the run should have', () => {
    const synth = synthPipeline(job);
    const machine = synth.resources('aws_sfn_state_machine').find((m: Json) => m.name === `${PREFIX}-release`);
    const { States } = JSON.parse(machine.definition);
    expect(States.RecordEnd).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: {
        TableName: 'data-platform-runs-dev',
        ConditionExpression: 'attribute_not_exists(pk) OR outcome = :running',
        ExpressionAttributeValues: { ':running': { S: 'RUNNING' } },
      },
      Assign: { recorded: 'from-the-event' },
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'FreeSlot' }, { ErrorEquals: ['States.ALL'], Next: 'FreeSlot' }],
    });
    expect(States.Recorded.Choices.map((c: Json) => c.Next)).toEqual(['NotRecorded', 'RecordedFromEvent']);
    expect(States.NotRecorded).toMatchObject({ Type: 'Fail', Error: 'Ledger.NotRecorded' });
    expect(States.RecordedFromEvent).toMatchObject({ Type: 'Fail', Error: 'Ledger.RecordedFromEvent' });
  });

  test('SlotRelease - an alarm on its failed executions alerts that a run that ended could not be finished', () => {
    const alarm = synthPipeline(job).resources('aws_cloudwatch_metric_alarm').find((a: Json) => a.alarm_name === `${PREFIX}-release-failed`);
    expect(alarm).toMatchObject({ metric_name: 'ExecutionsFailed', namespace: 'AWS/States', threshold: 1, period: 300 });
    const content = JSON.parse(alarm.alarm_description).content;
    expect(content.title).toBe(':lock: pipeline test-pipeline (dev): a run that ended could not be finished');
    expect(content.description).toMatch(/slot stays held until it expires .* its end is missing from the run ledger/);
  });
});
