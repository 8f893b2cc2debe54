import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Fn } from 'cdktf';
import { S3TlsOnly } from '../../../src/rules/s3/S3TlsOnly';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3TlsOnly: S3 bucket policies deny requests without TLS', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    // the same statement written with Fn.jsonencode and a literal bucket name
    const named = bucket(stack, 'Named', { tlsPolicy: false });
    new S3BucketPolicy(stack, 'NamedPolicy', {
      bucket: named.id,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::named-bucket', 'arn:aws:s3:::named-bucket/*'],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    expectAllCompliant(judge(S3TlsOnly, stack));
  });

  test('Noncompliance 1', () => {
    // no bucket policy
    const stack = testStack();
    bucket(stack, 'Lake', { tlsPolicy: false });
    expect(reasonsOf(judge(S3TlsOnly, stack)['aws_s3_bucket.Lake'])).toMatch(/no aws_s3_bucket_policy/);
  });

  test('Noncompliance 2', () => {
    // a policy that denies insecure transport on the objects only, and for one action
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { tlsPolicy: false });
    new S3BucketPolicy(stack, 'Weak', {
      bucket: lake.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:GetObject',
            Resource: `${lake.arn}/*`,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    expect(reasonsOf(judge(S3TlsOnly, stack)['aws_s3_bucket.Lake'])).toMatch(/no Deny of s3:\* for Principal "\*" when aws:SecureTransport is false/);
  });
});
