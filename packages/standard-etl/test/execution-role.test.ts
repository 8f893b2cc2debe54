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

  test('ExecutionRole - without secrets the execution role reads no parameter at all', () => {
    expect(Object.keys(synthPipeline(SERVICE).policy('ExecutionRole/Role/PermissionsDocument')).sort()).toEqual(['GetRegistryToken', 'PullOwnImage', 'WriteOwnLogs']);
  });
});
