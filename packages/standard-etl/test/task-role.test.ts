import { NAME, SERVICE, SSM, synthPipeline } from './pipeline-fixture';

describe('TaskRole', () => {
  test('TaskRole - by default the task role writes (and reads back) only its own prefix, with the lake key through S3 only', () => {
    const statements = synthPipeline(SERVICE).policy('TaskRole/Role/PermissionsDocument');
    const bucket = /^\$\{data\.aws_ssm_parameter\.Pipeline_SharedPlatform_LakeBucketArn_[0-9A-F]{8}\.insecure_value\}/;
    expect(Object.keys(statements).sort()).toEqual(['ListOwnPrefixes', 'ReadOwnPrefixes', 'UseLakeKeyThroughS3', 'WriteOwnPrefixes']);
    expect(statements.ListOwnPrefixes.condition).toEqual([{ test: 'StringLike', variable: 's3:prefix', values: [`${NAME}/*`] }]);
    expect(statements.WriteOwnPrefixes.resources).toEqual([expect.stringMatching(new RegExp(`${bucket.source}/${NAME}/\\*$`))]);
    expect(statements.ReadOwnPrefixes.resources).toEqual([expect.stringMatching(new RegExp(`${bucket.source}/${NAME}/\\*$`))]);
    expect(statements.UseLakeKeyThroughS3).toMatchObject({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }],
    });
    expect(statements.UseLakeKeyThroughS3.resources).toEqual([expect.stringMatching(SSM('LakeKeyArn'))]);
  });

  test('TaskRole - read prefixes outside its own, when explained, are readable but not writable', () => {
    const statements = synthPipeline({
      ...SERVICE,
      lake: { read: ['shopify-products/raw/'], outsideOwnPrefix: { reason: 'Summarises the raw products.' } },
    }).policy('TaskRole/Role/PermissionsDocument');
    expect(statements.ListOwnPrefixes.condition[0].values).toEqual(['shopify-products/raw/*', `${NAME}/*`]);
    expect(statements.ReadOwnPrefixes.resources).toHaveLength(2);
    expect(statements.WriteOwnPrefixes.resources).toEqual([expect.stringMatching(new RegExp(`/${NAME}/\\*$`))]);
  });

  test('TaskRole - a read-only pipeline gets no write action and no GenerateDataKey', () => {
    const statements = synthPipeline({ ...SERVICE, lake: { read: [`${NAME}/input/`], write: [] } }).policy('TaskRole/Role/PermissionsDocument');
    expect(statements.WriteOwnPrefixes).toBeUndefined();
    expect(statements.UseLakeKeyThroughS3.actions).toEqual(['kms:Decrypt']);
  });

  test('TaskRole - reviewed extra statements go to their own reviewed-extra policy of the task role', () => {
    const synth = synthPipeline({
      ...SERVICE,
      extraStatements: [{
        sid: 'ReadPartnerDrop',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::partner-drop/acme/*'],
        reason: 'The partner drops its daily file there.',
        reviewedBy: '@acme-data/platform in PR #128',
      }],
    });
    expect(synth.policy('TaskRole/Role/ReviewedExtraDocument')).toEqual({
      ReadPartnerDrop: { sid: 'ReadPartnerDrop', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::partner-drop/acme/*'] },
    });
    expect(synth.resources('aws_iam_role_policy').map((p) => p.name).sort()).toEqual(['least-privilege', 'least-privilege', 'reviewed-extra']);
  });
});
