import { S3NoForceDestroy } from '../../../src/rules/s3/S3NoForceDestroy';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3NoForceDestroy: S3 buckets do not set force_destroy', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    bucket(stack, 'Explicit', {}, { forceDestroy: false });
    expectAllCompliant(judge(S3NoForceDestroy, stack));
  });

  test('Noncompliance 1', () => {
    const stack = testStack();
    bucket(stack, 'Lake', {}, { forceDestroy: true });
    expect(reasonsOf(judge(S3NoForceDestroy, stack)['aws_s3_bucket.Lake'])).toMatch(/force_destroy is true/);
  });
});
