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
      const { AssumedForLocalRunsInThisAccount: _localRun, ...policy } = synth.policy(path) as Record<string, unknown>;
      expect(policy).toEqual({
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

  test('TaskRole - people of the account may assume it for run-local outside protected environments only; no other role', () => {
    const localRun = {
      sid: 'AssumedForLocalRunsInThisAccount',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] }],
      condition: [{ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['111111111111'] }],
    };
    const dev = synthPipeline(SCHEDULED);
    expect((dev.policy('TaskRole/Role/TrustPolicy') as Record<string, unknown>).AssumedForLocalRunsInThisAccount).toEqual(localRun);
    for (const path of ['ExecutionRole/Role/TrustPolicy', 'StateMachineRole/TrustPolicy', 'SchedulerRole/TrustPolicy']) {
      expect(Object.keys(dev.policy(path) as Record<string, unknown>)).toEqual(['AssumedByServiceForThisAccountOnly']);
    }
    const prod = synthPipeline(SCHEDULED, { environment: 'prod' });
    expect(Object.keys(prod.policy('TaskRole/Role/TrustPolicy') as Record<string, unknown>)).toEqual(['AssumedByServiceForThisAccountOnly']);
  });

  test('ServiceRole - no role has an AWS managed policy', () => {
    for (const config of [SERVICE, SCHEDULED]) {
      const synth = synthPipeline(config);
      expect(synth.resources('aws_iam_role_policy_attachment')).toHaveLength(0);
      expect(synth.resources('aws_iam_role_policies_exclusive')).toHaveLength(0);
      for (const role of synth.resources('aws_iam_role')) expect(role.managed_policy_arns).toBeUndefined();
    }
    expect(synthPipeline(SCHEDULED).resources('aws_iam_role').map((r) => r.name).sort()).toEqual(
      [`${PREFIX}-ended`, `${PREFIX}-execution`, `${PREFIX}-release`, `${PREFIX}-scheduler`, `${PREFIX}-states`, `${PREFIX}-task`, `${PREFIX}-trigger`],
    );
  });
});
