import type { TaskCall } from '../../src/asl-interpreter';
import { StateError } from '../../src/error-handling';
import { FakeDynamoDb, malformedAttribute } from '../../src/fakes/dynamodb-service';
import { FaultPlan } from '../../src/fakes/faults';

function call(action: string, args: Record<string, unknown>): TaskCall {
  return { action, arguments: args, execution: { machineName: 'dp-x-dev', name: 'manual-1' }, state: 'Record', retryCount: 0 } as unknown as TaskCall;
}

describe('FakeDynamoDb', () => {
  test('FakeDynamoDb - a table with a range key keeps one item per (hash, range) pair', async () => {
    const dynamodb = new FakeDynamoDb(new FaultPlan(), () => 0);
    dynamodb.createTable('ledger', 'pk', 'sk');
    for (const sk of ['a#1', 'a#2', 'a#1']) {
      await dynamodb.call(call('dynamodb:putItem', { TableName: 'ledger', Item: { pk: { S: 'orders' }, sk: { S: sk }, outcome: { S: sk } } }));
    }
    expect(dynamodb.items('ledger').map((item) => item.sk!.S).sort()).toEqual(['a#1', 'a#2']);
    await expect(dynamodb.call(call('dynamodb:putItem', { TableName: 'ledger', Item: { pk: { S: 'orders' } } }))).rejects.toThrow('One of the required keys was not given a value: sk');
  });

  test('FakeDynamoDb - an item DynamoDB would refuse is refused: an empty value, a number that is not one', async () => {
    const dynamodb = new FakeDynamoDb(new FaultPlan(), () => 0);
    dynamodb.createTable('ledger', 'pk', 'sk');
    const put = (extra: Record<string, unknown>) => dynamodb.call(call('dynamodb:putItem', { TableName: 'ledger', Item: { pk: { S: 'p' }, sk: { S: 's' }, ...extra } }));
    await expect(put({ cause: {} })).rejects.toEqual(new StateError('DynamoDB.ValidationException', 'One or more parameter values were invalid: cause: {}'));
    await expect(put({ attempts: { N: 'two' } })).rejects.toThrow('attempts: {"N":"two"}');
    await expect(put({ attempts: { N: '2' }, checks: { S: '[]' } })).resolves.toEqual({});
  });

  test('malformedAttribute - names the first attribute DynamoDB would refuse, none for a well-formed item', () => {
    expect(malformedAttribute({ a: { S: 'x' }, b: { N: '1.5' }, c: { SS: ['x'] }, d: { BOOL: false } })).toBeUndefined();
    expect(malformedAttribute({ a: { S: 'x' }, b: { S: 1 } })).toBe('b: {"S":1}');
    expect(malformedAttribute({ a: { S: 'x', N: '1' } })).toBe('a: {"S":"x","N":"1"}');
  });
});
