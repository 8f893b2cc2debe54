import { loadEnvironment } from '@data-platform/config';
import { contractParameterPrefixes, exampleContractParameter } from '../src/contract-parameters';
import { sharedParameterName } from '../src/shared-platform';

describe('contract parameters', () => {
  const dev = loadEnvironment('dev');

  test('contractParameterPrefixes - the shared platform\'s and the teams\', per environment', () => {
    expect(contractParameterPrefixes('prod')).toEqual(['/data-platform/prod/shared/', '/data-platform/prod/teams/']);
  });

  test('exampleContractParameter - shared and team parameters get plausible values, any other name none', () => {
    expect(exampleContractParameter(dev, sharedParameterName('dev', 'alertsTopicArn'))).toBe('arn:aws:sns:eu-west-1:111111111111:data-platform-alerts-dev');
    expect(exampleContractParameter(dev, '/data-platform/dev/teams/analytics/alerts-topic-arn')).toBe(
      'arn:aws:sns:eu-west-1:111111111111:data-platform-alerts-analytics-dev',
    );
    expect(exampleContractParameter(dev, '/data-platform/dev/pipelines/orders/api-key')).toBeUndefined();
  });
});
