import { askAll, describe as line, unusedActions, type Question } from '../src/access-matrix';
import { fixturePlatform } from './support/platform-fixture';

describe('askAll', () => {
  const { world } = fixturePlatform('dev');
  const task = world.roleNamed('dp-orders-feed-dev-task');
  const lake = 'arn:aws:s3:::data-platform-lake-dev-111111111111';
  const asker = { kind: 'role', role: task } as const;

  test('askAll - counts what is allowed and denied as expected, and lists every wrong answer', async () => {
    const questions: Question[] = [
      { asker, action: 's3:PutObject', resource: `${lake}/orders-feed/orders/x`, expect: 'allow', why: 'own prefix' },
      { asker, action: 's3:PutObject', resource: `${lake}/orders-api/x`, expect: 'deny', why: 'another prefix' },
      { asker, action: 's3:GetObject', resource: `${lake}/orders-api/x`, expect: 'allow', why: 'a wrong expectation' },
    ];
    const report = await askAll(world, questions);
    expect(report).toEqual(expect.objectContaining({ asked: 3, allowedAsExpected: 1, deniedAsExpected: 1 }));
    expect(report.wrong.map(line)).toEqual([
      `a wrong expectation: dp-orders-feed-dev-task s3:GetObject on ${lake}/orders-api/x was ImplicitlyDenied, expected allow`,
    ]);
  });

  test('askAll - an explicit Deny of a resource policy wins over an Allow (no TLS)', async () => {
    const report = await askAll(world, [
      { asker, action: 's3:PutObject', resource: `${lake}/orders-feed/orders/x`, context: { 'aws:SecureTransport': 'false' }, expect: 'deny', why: 'no TLS' },
    ]);
    expect(report.deniedAsExpected).toBe(1);
  });

  test('askAll - throws when the evaluator refuses a question (an action AWS does not have)', async () => {
    await expect(askAll(world, [{ asker, action: 's3:ReadEverything', resource: lake, expect: 'deny', why: 'bogus' }])).rejects.toThrow(
      /^access matrix: the IAM evaluator refused the question "bogus: .*": \{"message":"invalid.action"\}\.$/,
    );
  });

  test('unusedActions - what a role is granted that no question that must be allowed asks for', () => {
    const used: Question[] = [{ asker, action: 's3:PutObject', resource: `${lake}/orders-feed/orders/x`, expect: 'allow', why: 'write' }];
    expect(unusedActions(task, used)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 'kms:Decrypt']));
    expect(unusedActions(task, used)).not.toContain('s3:PutObject');
  });
});
