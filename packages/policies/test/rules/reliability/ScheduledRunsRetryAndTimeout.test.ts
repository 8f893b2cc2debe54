import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Fn } from 'cdktf';
import { ScheduledRunsRetryAndTimeout } from '../../../src/rules/reliability/ScheduledRunsRetryAndTimeout';
import { serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const RUN_TASK = {
  Type: 'Task',
  Resource: 'arn:aws:states:::ecs:runTask.sync',
  Parameters: { LaunchType: 'FARGATE', Cluster: 'pipelines', TaskDefinition: 'task' },
  TimeoutSeconds: 3600,
  Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 60, BackoffRate: 2 }],
  End: true,
};

describe('ScheduledRunsRetryAndTimeout: scheduled runs retry a failed run and have a timeout', () => {
  test('Compliance', () => {
    const stack = testStack();
    const role = serviceRole(stack, 'MachineRole', [], 'states.amazonaws.com');
    const machine = new SfnStateMachine(stack, 'Machine', { name: 'm', roleArn: role.arn, definition: Fn.jsonencode({ StartAt: 'Run', States: { Run: RUN_TASK } }) });
    // a run task inside a Parallel branch is checked too
    new SfnStateMachine(stack, 'Nested', {
      name: 'n',
      roleArn: role.arn,
      definition: JSON.stringify({ StartAt: 'Fan', States: { Fan: { Type: 'Parallel', Branches: [{ StartAt: 'Run', States: { Run: RUN_TASK } }], End: true } } }),
    });
    new SchedulerSchedule(stack, 'Schedule', {
      name: 's',
      scheduleExpression: 'rate(1 hour)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: { arn: machine.arn, roleArn: role.arn },
    });
    const results = judge(ScheduledRunsRetryAndTimeout, stack);
    expect(results['aws_scheduler_schedule.Schedule']).toEqual({ status: 'not-applicable' });
    expectAllCompliant(results);
  });

  test('Noncompliance 1', () => {
    // fire-and-forget: no .sync, no timeout, no retry
    const stack = testStack();
    const role = serviceRole(stack, 'MachineRole', [], 'states.amazonaws.com');
    new SfnStateMachine(stack, 'Machine', {
      name: 'm',
      roleArn: role.arn,
      definition: Fn.jsonencode({ StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask', Parameters: {}, End: true } } }),
    });
    const reasons = reasonsOf(judge(ScheduledRunsRetryAndTimeout, stack)['aws_sfn_state_machine.Machine']);
    expect(reasons).toMatch(/state "Run" does not wait for the task/);
    expect(reasons).toMatch(/state "Run" has no TimeoutSeconds/);
    expect(reasons).toMatch(/state "Run" does not retry States.TaskFailed/);
  });

  test('Noncompliance 2', () => {
    // a retry that never retries, and bare RunTask targets
    const stack = testStack();
    const role = serviceRole(stack, 'MachineRole', [], 'states.amazonaws.com');
    new SfnStateMachine(stack, 'Machine', {
      name: 'm',
      roleArn: role.arn,
      definition: Fn.jsonencode({ StartAt: 'Run', States: { Run: { ...RUN_TASK, Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] } } }),
    });
    new SchedulerSchedule(stack, 'Direct', {
      name: 'd',
      scheduleExpression: 'rate(1 hour)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: { arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/pipelines', roleArn: role.arn, ecsParameters: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/t' } },
    });
    const rule = new CloudwatchEventRule(stack, 'Cron', { scheduleExpression: 'rate(1 day)' });
    new CloudwatchEventTarget(stack, 'CronTarget', {
      rule: rule.name,
      arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/pipelines',
      roleArn: role.arn,
      ecsTarget: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/t' },
    });
    const results = judge(ScheduledRunsRetryAndTimeout, stack);
    expect(reasonsOf(results['aws_sfn_state_machine.Machine'])).toMatch(/does not retry States.TaskFailed/);
    expect(reasonsOf(results['aws_scheduler_schedule.Direct'])).toMatch(/runs an ECS task directly/);
    expect(reasonsOf(results['aws_cloudwatch_event_target.CronTarget'])).toMatch(/runs an ECS task directly/);
  });
});
