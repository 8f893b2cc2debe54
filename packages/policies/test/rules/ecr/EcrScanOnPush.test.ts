import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { EcrScanOnPush } from '../../../src/rules/ecr/EcrScanOnPush';
import { repository } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcrScanOnPush: ECR repositories scan images on push', () => {
  test('Compliance', () => {
    const stack = testStack();
    repository(stack, 'Images');
    expectAllCompliant(judge(EcrScanOnPush, stack));
  });

  test('Compliance - enhanced registry scanning', () => {
    const stack = testStack();
    repository(stack, 'Images', { imageScanningConfiguration: undefined });
    new EcrRegistryScanningConfiguration(stack, 'Registry', {
      scanType: 'ENHANCED',
      rule: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilter: [{ filter: '*', filterType: 'WILDCARD' }] }],
    });
    expectAllCompliant(judge(EcrScanOnPush, stack));
  });

  test('Noncompliance 1', () => {
    const stack = testStack();
    repository(stack, 'Images', { imageScanningConfiguration: { scanOnPush: false } });
    expect(reasonsOf(judge(EcrScanOnPush, stack)['aws_ecr_repository.Images'])).toMatch(/scan_on_push is not true/);
  });
});
