import { IamSharedTableOwnItems } from '../../../src/rules/iam/IamSharedTableOwnItems';
import { serviceRole } from '../../support/fixtures';
import { judge, reasonsOf, testStack } from '../../support/harness';

const LEDGER = 'arn:aws:dynamodb:eu-west-1:111111111111:table/data-platform-runs-dev';
const OWN_KEYS = { test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: ['orders'] };

function roleWriting(statement: Record<string, unknown>) {
  const stack = testStack();
  serviceRole(stack, 'Machine', [{ sid: 'RecordOwnRuns', effect: 'Allow', actions: ['dynamodb:PutItem'], resources: [LEDGER], ...statement }], 'states.amazonaws.com');
  return judge(IamSharedTableOwnItems, stack)['aws_iam_role_policy.MachinePolicy'];
}

describe('IamSharedTableOwnItems: item actions on a DynamoDB table of another stack are held to the role\'s own partition keys', () => {
  test('Compliance', () => {
    expect(roleWriting({ condition: [OWN_KEYS] })).toEqual({ status: 'compliant' });
  });

  test('Compliance - a table of the stack itself (a reference) is the stack\'s own: not applicable', () => {
    const stack = testStack();
    serviceRole(stack, 'Machine', [{ effect: 'Allow', actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: ['${aws_dynamodb_table.Runs.arn}'] }], 'states.amazonaws.com');
    expect(judge(IamSharedTableOwnItems, stack)['aws_iam_role_policy.MachinePolicy']).toEqual({ status: 'not-applicable' });
  });

  test('Noncompliance 1 - no LeadingKeys condition: any pipeline\'s records', () => {
    expect(reasonsOf(roleWriting({}))).toBe(
      `statement "RecordOwnRuns" of data.aws_iam_policy_document.MachinePolicyDocument allows item actions on "${LEDGER}" without a dynamodb:LeadingKeys condition`,
    );
  });

  test('Noncompliance 2 - ForAnyValue, or a wildcard key, lets other keys through', () => {
    expect(reasonsOf(roleWriting({ condition: [{ ...OWN_KEYS, test: 'ForAnyValue:StringEquals' }] }))).toMatch(
      /limits dynamodb:LeadingKeys on ".*" with ForAnyValue:StringEquals \["orders"\], not ForAllValues:StringEquals on exact keys/,
    );
    expect(reasonsOf(roleWriting({ condition: [{ ...OWN_KEYS, test: 'ForAllValues:StringLike', values: ['ord*'] }] }))).toMatch(/with ForAllValues:StringLike \["ord\*"\]/);
  });

  test('Noncompliance 3 - a Scan names no key: the condition would pass it', () => {
    expect(reasonsOf(roleWriting({ actions: ['dynamodb:PutItem', 'dynamodb:Scan'], condition: [OWN_KEYS] }))).toMatch(
      /allows dynamodb:Scan on ".*data-platform-runs-dev": they name no partition key/,
    );
  });
});
