import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { EcsSecretsFromManagedStores } from '../../../src/rules/ecs/EcsSecretsFromManagedStores';
import { container, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsSecretsFromManagedStores: container secrets come from SSM or Secrets Manager ARNs', () => {
  test('Compliance', () => {
    const stack = testStack();
    const parameter = new SsmParameter(stack, 'Parameter', { name: '/app/token', type: 'SecureString', value: 'placeholder' });
    taskDefinition(stack, 'Task', (log) => [
      container(log, {
        secrets: [
          { name: 'API_KEY', valueFrom: 'arn:${data.aws_partition.current.partition}:ssm:eu-west-1:111111111111:parameter/app/api-key' },
          { name: 'DB', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:app/db-AbCdEf' },
          // ECS's form for one JSON key of a secret (partial ARN, key, current version)
          { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:data-platform/dev/pipelines/orders/orders-db:password::' },
          { name: 'DB_WHOLE', valueFrom: 'arn:${data.aws_partition.current.partition}:secretsmanager:eu-west-1:111111111111:secret:partners/acme' },
          { name: 'TOKEN', valueFrom: parameter.arn },
        ],
      }),
    ]);
    expectAllCompliant(judge(EcsSecretsFromManagedStores, stack));
  });

  test('Noncompliance 1', () => {
    // a bare parameter name, and an S3 object
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [
      container(log, {
        secrets: [
          { name: 'API_KEY', valueFrom: '/app/api-key' },
          { name: 'CONFIG', valueFrom: 'arn:aws:s3:::config-bucket/secrets.env' },
        ],
      }),
    ]);
    const reasons = reasonsOf(judge(EcsSecretsFromManagedStores, stack)['aws_ecs_task_definition.Task']);
    expect(reasons).toMatch(/secret "API_KEY" comes from "\/app\/api-key"/);
    expect(reasons).toMatch(/secret "CONFIG" comes from "arn:aws:s3:::config-bucket\/secrets.env"/);
  });

  test('Noncompliance 2', () => {
    // a Secrets Manager secret by bare name, and an ARN that names no secret
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [
      container(log, {
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: 'orders-db:password::' },
          { name: 'DB_USER', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:orders-db' },
        ],
      }),
    ]);
    const reasons = reasonsOf(judge(EcsSecretsFromManagedStores, stack)['aws_ecs_task_definition.Task']);
    expect(reasons).toMatch(/secret "DB_PASSWORD" comes from "orders-db:password::", not an SSM or Secrets Manager ARN/);
    expect(reasons).toMatch(/secret "DB_USER" comes from "arn:aws:secretsmanager:eu-west-1:111111111111:orders-db", not an SSM or Secrets Manager ARN/);
  });
});
