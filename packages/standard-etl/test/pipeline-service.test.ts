import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { loadEnvironment } from '@data-platform/config';
import { PREFIX, SCHEDULED, SERVICE, SSM, synthPipeline } from './pipeline-fixture';

describe('PipelineService', () => {
  test('PipelineService - an ECS service on the shared cluster with circuit breaker, rollback, 100/200 %, tags propagated, ECS Exec off', () => {
    const service = synthPipeline(SERVICE).resource('aws_ecs_service');
    expect(service).toMatchObject({
      name: PREFIX,
      launch_type: 'FARGATE',
      desired_count: 1,
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      propagate_tags: 'SERVICE',
      enable_execute_command: false,
      network_configuration: { assign_public_ip: false },
    });
    expect(service.cluster).toMatch(SSM('ClusterArn'));
    // The shared group (HTTPS), then the pipeline's own (its declared egress).
    expect(service.network_configuration.security_groups).toEqual([
      expect.stringMatching(SSM('TaskSecurityGroupId')),
      expect.stringMatching(/^\$\{aws_security_group\.Pipeline_Egress_SecurityGroup_[0-9A-F]{8}\.id\}$/),
    ]);
    expect(service.network_configuration.subnets).toMatch(/^\$\{split\(",", data\.aws_ssm_parameter\.Pipeline_SharedPlatform_TaskSubnetIds_[0-9A-F]{8}\.insecure_value\)\}$/);
  });

  test('PipelineService - desiredCount and ECS Exec on request', () => {
    const synth = synthPipeline({ ...SERVICE, desiredCount: 3, enableExecuteCommand: true });
    expect(synth.text).toHaveResourceWithProperties(EcsService, { desired_count: 3, enable_execute_command: true });
    expect(synth.policy('TaskRole/Role/PermissionsDocument').EcsExecChannels.actions).toContain('ssmmessages:OpenDataChannel');
  });

  test('PipelineService - tasks get a public IP only in the public-dev network mode', () => {
    const publicDev = { ...loadEnvironment('dev'), networkMode: 'public-dev' as const };
    expect(synthPipeline(SERVICE, { environment: publicDev }).resource('aws_ecs_service').network_configuration.assign_public_ip).toBe(true);
    expect(synthPipeline(SCHEDULED, { environment: publicDev }).stateMachineDefinition().States.RunTask.Arguments.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('ENABLED');
    expect(synthPipeline(SCHEDULED).stateMachineDefinition().States.RunTask.Arguments.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
  });

  test('PipelineService - service mode has no schedule, state machine or missed-run alarm', () => {
    const synth = synthPipeline(SERVICE);
    for (const type of ['aws_sfn_state_machine', 'aws_scheduler_schedule', 'aws_cloudwatch_metric_alarm']) expect(synth.resources(type)).toHaveLength(0);
  });
});
