import { applyUpdate, conditionHolds } from '../../src/fakes/dynamodb-expressions';

describe('DynamoDB expressions', () => {
  const values = { ':now': { N: '100' }, ':me': { S: 'run-a' } };
  const lock = 'attribute_not_exists(pk) OR expiresAt < :now OR runId = :me';

  test('conditionHolds - the slot condition: free, expired, or held by the same run', () => {
    expect(conditionHolds(lock, undefined, { values })).toBe(true);
    expect(conditionHolds(lock, { pk: { S: 'lock#1' }, runId: { S: 'run-b' }, expiresAt: { N: '99' } }, { values })).toBe(true);
    expect(conditionHolds(lock, { pk: { S: 'lock#1' }, runId: { S: 'run-b' }, expiresAt: { N: '101' } }, { values })).toBe(false);
    expect(conditionHolds(lock, { pk: { S: 'lock#1' }, runId: { S: 'run-a' }, expiresAt: { N: '101' } }, { values })).toBe(true);
  });

  test('conditionHolds - numbers compare as numbers, AND binds before OR, NOT, parentheses, #names, begins_with', () => {
    const item = { n: { N: '9' }, s: { S: 'lock#2' } };
    expect(conditionHolds('n < :ten', item, { values: { ':ten': { N: '10' } } })).toBe(true);
    expect(conditionHolds('n > :ten OR n = :nine AND s = :s', item, { values: { ':ten': { N: '10' }, ':nine': { N: '9' }, ':s': { S: 'lock#2' } } })).toBe(true);
    expect(conditionHolds('NOT (attribute_exists(#k))', item, { names: { '#k': 'n' } })).toBe(false);
    expect(conditionHolds('begins_with(s, :p)', item, { values: { ':p': { S: 'lock#' } } })).toBe(true);
  });

  test('conditionHolds - throws on syntax it does not evaluate', () => {
    expect(() => conditionHolds('size(n) > :one', {}, {})).toThrow(
      'the DynamoDB condition expression "size(n) > :one" is not understood by the harness; it supports comparisons (= <> < <= > >=), AND, OR, NOT, parentheses, attribute_exists, attribute_not_exists, begins_with.',
    );
  });

  test('applyUpdate - ADD to a set twice leaves one member; SET replaces; a missing item starts from its key', () => {
    const key = { pk: { S: 'after#1#2' } };
    const inputs = { values: { ':u': { SS: ['a'] }, ':e': { N: '5' } } };
    const once = applyUpdate('ADD upstreams :u SET expiresAt = :e', undefined, key, inputs);
    expect(applyUpdate('ADD upstreams :u SET expiresAt = :e', once, key, inputs)).toEqual({ pk: { S: 'after#1#2' }, upstreams: { SS: ['a'] }, expiresAt: { N: '5' } });
  });
});
