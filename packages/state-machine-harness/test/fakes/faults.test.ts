import { FaultPlan, faultError } from '../../src/fakes/faults';

describe('FaultPlan', () => {
  test('FaultPlan - a fault hits the calls of its action and machine, as many times as injected', () => {
    const faults = new FaultPlan();
    faults.inject({ action: 'dynamodb:putItem', kind: 'throttle', times: 2, machine: 'dp-x-dev' });
    expect(faults.take('dynamodb:putItem', 'dp-x-dev-release')).toBeUndefined();
    expect([faults.take('dynamodb:putItem', 'dp-x-dev'), faults.take('dynamodb:putItem', 'dp-x-dev'), faults.take('dynamodb:putItem', 'dp-x-dev')]).toEqual([
      'throttle',
      'throttle',
      undefined,
    ]);
    expect(faults.hits).toHaveLength(2);
  });

  test('FaultPlan - a fault on a table hits the calls on that table only, and records the execution that made them', () => {
    const faults = new FaultPlan();
    faults.inject({ action: 'dynamodb:putItem', kind: 'server-error', times: 1, table: 'data-platform-runs-dev' });
    expect(faults.take('dynamodb:putItem', 'dp-x-dev', { table: 'dp-x-dev-runs', execution: 'manual-1' })).toBeUndefined();
    expect(faults.take('dynamodb:putItem', 'dp-x-dev', { table: 'data-platform-runs-dev', execution: 'manual-1' })).toBe('server-error');
    expect(faults.hits).toEqual([{ action: 'dynamodb:putItem', machine: 'dp-x-dev', kind: 'server-error', table: 'data-platform-runs-dev', execution: 'manual-1' }]);
  });

  test('faultError - the error names Step Functions reports for each service', () => {
    expect(faultError('dynamodb:putItem', 'throttle').error).toBe('DynamoDB.ProvisionedThroughputExceededException');
    expect(faultError('dynamodb:deleteItem', 'lost-response').error).toBe('DynamoDB.InternalServerErrorException');
    expect(faultError('ecs:runTask.sync', 'throttle').error).toBe('ECS.AmazonECSException');
    expect(faultError('aws-sdk:sfn:startExecution', 'server-error').error).toBe('Sfn.SfnException');
    expect(faultError('sns:publish', 'throttle').error).toBe('SNS.ThrottledException');
    expect(faultError('athena:startQueryExecution.sync', 'throttle').error).toBe('Athena.TooManyRequestsException');
    expect(faultError('athena:getQueryResults', 'lost-response').error).toBe('Athena.InternalServerException');
    expect(faultError('events:putEvents', 'server-error').error).toBe('EventBridge.AmazonEventBridgeException');
    expect(() => faultError('glue:startJobRun.sync', 'throttle')).toThrow('no fault is defined for glue:startJobRun.sync');
  });
});
