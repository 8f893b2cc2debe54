import { consoleUrl, dashboardConsoleUrl, executionConsoleUrl, logsConsoleUrl, stateMachineConsoleUrl } from '../src/console-links';

describe('console links', () => {
  test('consoleUrl - the console of the region\'s partition', () => {
    expect(consoleUrl('eu-west-1')).toBe('https://eu-west-1.console.aws.amazon.com');
    expect(consoleUrl('cn-north-1')).toBe('https://cn-north-1.console.amazonaws.cn');
    expect(consoleUrl('us-gov-west-1')).toBe('https://console.amazonaws-us-gov.com');
  });

  test('logsConsoleUrl - a log group and a stream, escaped as the CloudWatch console escapes them', () => {
    expect(logsConsoleUrl('eu-west-1', '/data-platform/dev/pipelines/orders', 'app/app/abc')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fdata-platform$252Fdev$252Fpipelines$252Forders/log-events/app$252Fapp$252Fabc',
    );
  });

  test('executionConsoleUrl, stateMachineConsoleUrl, dashboardConsoleUrl - the Step Functions and CloudWatch pages', () => {
    expect(executionConsoleUrl('eu-west-1', 'arn:aws:states:eu-west-1:1:execution:m:r')).toBe(
      'https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/arn:aws:states:eu-west-1:1:execution:m:r',
    );
    expect(stateMachineConsoleUrl('eu-west-1', 'arn:aws:states:eu-west-1:1:stateMachine:m')).toBe(
      'https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn:aws:states:eu-west-1:1:stateMachine:m',
    );
    expect(dashboardConsoleUrl('eu-west-1', 'data-platform-dev')).toBe('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/data-platform-dev');
  });
});
