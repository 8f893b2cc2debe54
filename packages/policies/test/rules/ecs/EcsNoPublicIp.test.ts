import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Fn } from 'cdktf';
import { EcsNoPublicIp } from '../../../src/rules/ecs/EcsNoPublicIp';
import { serviceRole, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

function runTaskDefinition(assignPublicIp: 'ENABLED' | 'DISABLED') {
  return Fn.jsonencode({
    StartAt: 'Run',
    States: {
      Run: {
        Type: 'Task',
        Resource: 'arn:aws:states:::ecs:runTask.sync',
        Parameters: {
          LaunchType: 'FARGATE',
          Cluster: 'pipelines',
          TaskDefinition: 'task',
          NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], AssignPublicIp: assignPublicIp } },
        },
        End: true,
      },
    },
  });
}

describe('EcsNoPublicIp: ECS tasks get no public IP (a warning in the public-dev network mode)', () => {
  test('Compliance', () => {
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', {
      name: 'svc',
      cluster: 'pipelines',
      taskDefinition: task.arn,
      launchType: 'FARGATE',
      networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: false },
    });
    const role = serviceRole(stack, 'MachineRole', [], 'states.amazonaws.com');
    new SfnStateMachine(stack, 'Machine', { name: 'machine', roleArn: role.arn, definition: runTaskDefinition('DISABLED') });
    expectAllCompliant(judge(EcsNoPublicIp, stack));
  });

  test('Noncompliance 1', () => {
    // a service with a public IP
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', {
      name: 'svc',
      cluster: 'pipelines',
      taskDefinition: task.arn,
      launchType: 'FARGATE',
      networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: true },
    });
    expect(reasonsOf(judge(EcsNoPublicIp, stack)['aws_ecs_service.Service'])).toMatch(/assign_public_ip is true/);
  });

  test('Noncompliance 2', () => {
    // a state machine and a schedule that run tasks with a public IP
    const stack = testStack();
    const role = serviceRole(stack, 'MachineRole', [], 'states.amazonaws.com');
    new SfnStateMachine(stack, 'Machine', { name: 'machine', roleArn: role.arn, definition: runTaskDefinition('ENABLED') });
    new SchedulerSchedule(stack, 'Schedule', {
      name: 'direct',
      scheduleExpression: 'rate(1 hour)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/pipelines',
        roleArn: role.arn,
        ecsParameters: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/task', networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: true } },
      },
    });
    const results = judge(EcsNoPublicIp, stack);
    expect(reasonsOf(results['aws_sfn_state_machine.Machine'])).toMatch(/state "Run" runs its task with AssignPublicIp "ENABLED"/);
    expect(reasonsOf(results['aws_scheduler_schedule.Schedule'])).toMatch(/assign_public_ip is true/);
  });
});
