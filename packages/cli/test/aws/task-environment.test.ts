import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { secretSource, taskDeclaration } from '../../src/aws/task-environment';
import { readStackFacts } from '../../src/stack/stack-facts';
import { HOURLY_JOB, standardEtlStack } from '../support/standard-etl-fixture';
import { tempWorkspace } from '../support/stack-fixtures';

describe('task environment', () => {
  const workspace = tempWorkspace();
  afterAll(() => workspace.remove());

  test('secretSource - SSM parameter ARNs, Secrets Manager ARNs with or without a JSON key', () => {
    expect(secretSource('arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/x/token')).toEqual({ store: 'ssm', name: '/data-platform/dev/pipelines/x/token' });
    expect(secretSource('arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-db:password::')).toEqual({
      store: 'secretsmanager',
      secretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-db',
      jsonKey: 'password',
    });
    expect(secretSource('arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-db-AbCdEf')).toEqual({
      store: 'secretsmanager',
      secretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-db-AbCdEf',
    });
    expect(secretSource('orders-db')).toBeUndefined();
  });

  test('taskDeclaration - variables, an SSM-backed value, secrets by ARN or through a data source, the task role ARN', () => {
    const stack = standardEtlStack(workspace.root, 'shop-sync', HOURLY_JOB);
    const file = join(stack.dir, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      data: Record<string, Record<string, { name: string }>>;
      resource: { aws_ecs_task_definition: Record<string, { container_definitions: string }> };
    };
    json.data.aws_secretsmanager_secret = { OrdersDb: { name: 'orders-db' } };
    const taskDefinition = Object.values(json.resource.aws_ecs_task_definition)[0]!;
    const containers = JSON.parse(taskDefinition.container_definitions) as Array<{ secrets: Array<{ name: string; valueFrom: string }> }>;
    containers[0]!.secrets.push({ name: 'DB_PASSWORD', valueFrom: '${data.aws_secretsmanager_secret.OrdersDb.arn}:password::' });
    taskDefinition.container_definitions = JSON.stringify(containers);
    writeFileSync(file, JSON.stringify(json));

    const declared = taskDeclaration(stack.name, readStackFacts(stack), loadEnvironment('dev'));
    expect(declared.variables).toEqual([
      { name: 'ENVIRONMENT', value: 'dev' },
      { name: 'LAKE_BUCKET', ssmParameter: '/data-platform/dev/shared/lake-bucket-name' },
      { name: 'LAKE_DATASETS', value: '{}' },
      { name: 'LAKE_PREFIX', value: 'shop-sync/' },
      { name: 'PIPELINE_NAME', value: 'shop-sync' },
      { name: 'STORE_DOMAIN', value: 'acme-demo.myshopify.com' },
    ]);
    expect(declared.secrets.map((s) => [s.name, s.source])).toEqual([
      ['SHOP_ACCESS_TOKEN', { store: 'ssm', name: '/data-platform/dev/pipelines/shop-sync/admin-api-access-token' }],
      ['DB_PASSWORD', { store: 'secretsmanager', secretId: 'orders-db', jsonKey: 'password' }],
    ]);
    expect(declared.taskRoleArn).toBe('arn:aws:iam::111111111111:role/dp-shop-sync-dev-task');
  });

  test('taskDeclaration - throws for a secret reference it cannot read', () => {
    const stack = standardEtlStack(workspace.root, 'shop-sync', HOURLY_JOB);
    const file = join(stack.dir, 'cdk.tf.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/arn:aws:ssm:eu-west-1:111111111111:parameter\/data-platform\/dev\/pipelines\/shop-sync\/admin-api-access-token/g, 'admin-api-access-token'));
    expect(() => taskDeclaration(stack.name, readStackFacts(stack), loadEnvironment('dev'))).toThrow(
      'shop-sync-dev: secret SHOP_ACCESS_TOKEN comes from "admin-api-access-token"; run-local reads an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) ' +
        'or a Secrets Manager ARN with a JSON key (arn:aws:secretsmanager:<region>:<account>:secret:<name>:<key>::).',
    );
  });
});
