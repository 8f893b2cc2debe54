import { EcsNoSecretsInEnvironment } from '../../../src/rules/ecs/EcsNoSecretsInEnvironment';
import { container, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsNoSecretsInEnvironment: no secret-like name or credential-like value in plain container environment', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [
      container(log, {
        environment: [
          { name: 'ENVIRONMENT', value: 'dev' },
          { name: 'S3_BUCKET_NAME', value: 'lake-bucket' },
          { name: 'LOG_GROUP', value: log.name },
        ],
        // secret-named variables are fine through secrets, from SSM or Secrets Manager
        secrets: [
          { name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:111111111111:parameter/app/api-token' },
          { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:app/orders-db:password::' },
        ],
      }),
    ]);
    expectAllCompliant(judge(EcsNoSecretsInEnvironment, stack));
  });

  test('Noncompliance 1', () => {
    // secret-like names
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [
      container(log, { environment: [{ name: 'DB_PASSWORD', value: 'x' }, { name: 'SHOPIFY_API_KEY', value: 'y' }] }),
    ]);
    const reasons = reasonsOf(judge(EcsNoSecretsInEnvironment, stack)['aws_ecs_task_definition.Task']);
    expect(reasons).toMatch(/secret-like variable "DB_PASSWORD"/);
    expect(reasons).toMatch(/secret-like variable "SHOPIFY_API_KEY"/);
  });

  test('Noncompliance 2', () => {
    // credential-like values under innocent names
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [
      container(log, {
        environment: [
          { name: 'UPSTREAM', value: 'AKIAIOSFODNN7EXAMPLE' },
          { name: 'DATABASE_URL', value: 'postgres://etl:hunter2@db.internal:5432/etl' },
        ],
      }),
    ]);
    const reasons = reasonsOf(judge(EcsNoSecretsInEnvironment, stack)['aws_ecs_task_definition.Task']);
    expect(reasons).toMatch(/"UPSTREAM" holds what looks like an AWS access key id/);
    expect(reasons).toMatch(/"DATABASE_URL" holds what looks like a URL with a password/);
  });
});
