import { NAME, SERVICE, synthPipeline } from './pipeline-fixture';

describe('ExecutionRole', () => {
  test('ExecutionRole - the execution role pulls its own image, writes its own logs, reads exactly its parameters and decrypts them through SSM only', () => {
    const statements = synthPipeline({ ...SERVICE, secrets: { API_KEY: 'api-key' } }).policy('ExecutionRole/Role/PermissionsDocument');
    const parameter = `arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/${NAME}/api-key`;
    expect(statements.GetRegistryToken).toMatchObject({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] });
    expect(statements.PullOwnImage.resources).toEqual([expect.stringMatching(/^\$\{aws_ecr_repository\.Pipeline_Repository_[0-9A-F]{8}\.arn\}$/)]);
    expect(statements.WriteOwnLogs).toMatchObject({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'] });
    expect(statements.WriteOwnLogs.resources[0]).toMatch(/^\$\{aws_cloudwatch_log_group\.Pipeline_LogGroup_[0-9A-F]{8}\.arn\}:log-stream:\*$/);
    expect(statements.ReadOwnParameters).toMatchObject({ actions: ['ssm:GetParameters'], resources: [parameter] });
    expect(statements.DecryptOwnParametersThroughSsm).toMatchObject({
      actions: ['kms:Decrypt'],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: ['ssm.eu-west-1.amazonaws.com'] },
        { test: 'StringEquals', variable: 'kms:EncryptionContext:PARAMETER_ARN', values: [parameter] },
      ],
    });
  });

  test('ExecutionRole - reads exactly its Secrets Manager secrets (AWS\'s six-character suffix), and decrypts them through Secrets Manager only', () => {
    const synthesized = synthPipeline({
      ...SERVICE,
      secrets: {
        DB_PASSWORD: { secretsManager: 'orders-db', key: 'password' },
        DB_USER: { secretsManager: 'orders-db', key: 'username' },
        PARTNER: { secretsManager: '/partners/acme' },
      },
    });
    const statements = synthesized.policy('ExecutionRole/Role/PermissionsDocument');
    const secrets = [
      `arn:aws:secretsmanager:eu-west-1:111111111111:secret:data-platform/dev/pipelines/${NAME}/orders-db-??????`,
      'arn:aws:secretsmanager:eu-west-1:111111111111:secret:partners/acme-??????',
    ];
    expect(statements.ReadOwnSecrets).toEqual({ sid: 'ReadOwnSecrets', effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: secrets });
    expect(statements.DecryptOwnSecretsThroughSecretsManager).toEqual({
      sid: 'DecryptOwnSecretsThroughSecretsManager',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: ['arn:aws:kms:eu-west-1:111111111111:key/*'],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: ['secretsmanager.eu-west-1.amazonaws.com'] },
        { test: 'StringLike', variable: 'kms:EncryptionContext:SecretARN', values: secrets },
      ],
    });
    expect(statements.ReadOwnParameters).toBeUndefined();
    expect(synthesized.resources('aws_iam_role').find((r: { name: string }) => r.name.endsWith('-execution'))?.description).toMatch(
      /reads its Secrets Manager secrets\.$/,
    );
  });

  test('ExecutionRole - without secrets the execution role reads no parameter at all', () => {
    expect(Object.keys(synthPipeline(SERVICE).policy('ExecutionRole/Role/PermissionsDocument')).sort()).toEqual(['GetRegistryToken', 'PullOwnImage', 'WriteOwnLogs']);
  });
});
