import { patternMatches } from '../src/event-pattern';

describe('patternMatches', () => {
  const event = { source: 'aws.states', detail: { status: 'FAILED', object: { key: 'drops/orders/a.csv' }, list: ['a', 'b'] } };

  test('patternMatches - exact values, a value among several, nested fields, arrays of the event', () => {
    expect(patternMatches({ source: ['aws.states'], detail: { status: ['SUCCEEDED', 'FAILED'] } }, event, 'r')).toBe(true);
    expect(patternMatches({ detail: { status: ['SUCCEEDED'] } }, event, 'r')).toBe(false);
    expect(patternMatches({ detail: { list: ['b'] } }, event, 'r')).toBe(true);
    expect(patternMatches({ detail: { missing: ['x'] } }, event, 'r')).toBe(false);
  });

  test('patternMatches - wildcard: a star matches any characters, an escaped star a star', () => {
    const arn = { detail: { stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:dp-orders-dev' } };
    expect(patternMatches({ detail: { stateMachineArn: [{ wildcard: 'arn:aws:states:*:*:stateMachine:dp-*-dev' }] } }, arn, 'r')).toBe(true);
    expect(patternMatches({ detail: { stateMachineArn: [{ wildcard: 'arn:aws:states:*:*:stateMachine:dp-*-prod' }] } }, arn, 'r')).toBe(false);
    expect(patternMatches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'a*b' } }, 'r')).toBe(true);
    expect(patternMatches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'axb' } }, 'r')).toBe(false);
    expect(patternMatches({ detail: { name: [{ wildcard: 'a.b*' }] } }, { detail: { name: 'axb' } }, 'r')).toBe(false);
  });

  test('patternMatches - prefix, anything-but and $or', () => {
    expect(patternMatches({ detail: { object: { key: [{ prefix: 'drops/' }] } } }, event, 'r')).toBe(true);
    expect(patternMatches({ detail: { object: { key: [{ prefix: 'other/' }] } } }, event, 'r')).toBe(false);
    expect(patternMatches({ detail: { status: [{ 'anything-but': 'FAILED' }] } }, event, 'r')).toBe(false);
    expect(patternMatches({ detail: { $or: [{ status: ['X'] }, { object: { key: [{ prefix: 'drops' }] } }] } }, event, 'r')).toBe(true);
  });

  test('patternMatches - throws on an operator it does not know', () => {
    expect(() => patternMatches({ detail: { status: [{ numeric: ['>', 1] }] } }, event, 'dp-x-dev-after')).toThrow(
      'EventBridge rule "dp-x-dev-after": the pattern at $.detail.status is {"numeric":[">",1]}; the harness matches exact values, prefix, wildcard, anything-but and $or. ' +
        'Add the operator to packages/state-machine-harness/src/event-pattern.ts.',
    );
  });
});
