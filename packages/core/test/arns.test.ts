import { accountRoot, awsManagedPolicyArn, bucketArn, iamArn, regionalArn, regionalServicePrincipal } from '../src/arns';
import { testEnvironment } from './support/synthesized';

describe('arns', () => {
  const dev = testEnvironment('dev');

  test('arns - IAM, regional, S3 and AWS-managed policy ARNs in the commercial partition', () => {
    expect(accountRoot(dev)).toBe('arn:aws:iam::111111111111:root');
    expect(iamArn(dev, 'role/x')).toBe('arn:aws:iam::111111111111:role/x');
    expect(regionalArn(dev, 'sns', 'topic')).toBe('arn:aws:sns:eu-west-1:111111111111:topic');
    expect(bucketArn(dev, 'b')).toBe('arn:aws:s3:::b');
    expect(awsManagedPolicyArn(dev, 'ReadOnlyAccess')).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(regionalServicePrincipal(dev, 'logs')).toBe('logs.eu-west-1.amazonaws.com');
  });

  test('arns - the partition follows the region', () => {
    const china = testEnvironment('dev', { region: 'cn-north-1' });
    expect(accountRoot(china)).toBe('arn:aws-cn:iam::111111111111:root');
    expect(regionalServicePrincipal(china, 'logs')).toBe('logs.cn-north-1.amazonaws.com.cn');
    expect(regionalArn(testEnvironment('dev', { region: 'us-gov-west-1' }), 'kms', 'key/k')).toBe('arn:aws-us-gov:kms:us-gov-west-1:111111111111:key/k');
  });
});
