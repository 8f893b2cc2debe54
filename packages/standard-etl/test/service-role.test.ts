import { PREFIX, SCHEDULED, SERVICE, synthPipeline } from './pipeline-fixture';

describe('ServiceRole', () => {
  test('ServiceRole - every trust policy names one service and carries aws:SourceAccount and aws:SourceArn', () => {
    const synth = synthPipeline(SCHEDULED);
    const expected: Record<string, [string, string]> = {
      'ExecutionRole/Role/TrustPolicy': ['ecs-tasks.amazonaws.com', 'arn:aws:ecs:eu-west-1:111111111111:*'],
      'TaskRole/Role/TrustPolicy': ['ecs-tasks.amazonaws.com', 'arn:aws:ecs:eu-west-1:111111111111:*'],
      'StateMachineRole/TrustPolicy': ['states.amazonaws.com', `arn:aws:states:eu-west-1:111111111111:stateMachine:${PREFIX}`],
      'SchedulerRole/TrustPolicy': ['scheduler.amazonaws.com', 'arn:aws:scheduler:eu-west-1:111111111111:schedule-group/default'],
      'Trigger/Role/TrustPolicy': ['states.amazonaws.com', `arn:aws:states:eu-west-1:111111111111:stateMachine:${PREFIX}-trigger`],
    };
    for (const [path, [service, sourceArn]] of Object.entries(expected)) {
      expect(synth.policy(path)).toEqual({
        AssumedByServiceForThisAccountOnly: {
          sid: 'AssumedByServiceForThisAccountOnly',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: [service] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArn] },
          ],
        },
      });
    }
  });

  test('ServiceRole - no role has an AWS managed policy', () => {
    for (const config of [SERVICE, SCHEDULED]) {
      const synth = synthPipeline(config);
      expect(synth.resources('aws_iam_role_policy_attachment')).toHaveLength(0);
      expect(synth.resources('aws_iam_role_policies_exclusive')).toHaveLength(0);
      for (const role of synth.resources('aws_iam_role')) expect(role.managed_policy_arns).toBeUndefined();
    }
    expect(synthPipeline(SCHEDULED).resources('aws_iam_role').map((r) => r.name).sort()).toEqual(
      [`${PREFIX}-execution`, `${PREFIX}-scheduler`, `${PREFIX}-states`, `${PREFIX}-task`, `${PREFIX}-trigger`],
    );
  });
});
