import { allContractParameterArns, dataReadDenials } from '../src/data-read-denials';
import { testEnvironment } from './fixtures';

describe('dataReadDenials', () => {
  const environment = testEnvironment('dev');

  test('allContractParameterArns - the shared contract and the teams\' alert destinations', () => {
    expect(allContractParameterArns(environment)).toEqual([
      'arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/shared/*',
      'arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/teams/*',
    ]);
  });

  test('dataReadDenials - every statement denies, and parameter values are denied outside the contracts', () => {
    const statements = dataReadDenials(environment, 'arn:aws:s3:::lake', 'arn:aws:s3:::results');
    expect(statements.map((s) => s.effect)).toEqual(statements.map(() => 'Deny'));
    expect(statements.map((s) => s.sid)).toEqual([
      'DenyParameterValuesOutsideTheContract',
      'DenySecretValues',
      'DenyLakeObjects',
      'DenyQueryResults',
      'DenyLogEvents',
    ]);
    expect(statements[0]!.notResources).toEqual(allContractParameterArns(environment));
    expect(statements[2]!.resources).toEqual(['arn:aws:s3:::lake/*', 'arn:aws:s3:::results/*']);
  });
});
