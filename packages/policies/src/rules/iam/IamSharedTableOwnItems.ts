import { defineRule, notApplicable, resultOf } from '../../rule';
import { IDENTITY_POLICY_SUBJECTS, ownIdentityPolicies } from '../../synthesized/iam';
import { conditionsOn, coversAction, describeStatement, type PolicyStatement } from '../../synthesized/policy-document';
import { hasToken, hasWildcard } from '../../synthesized/values';

/** The DynamoDB actions that read or write items (what `dynamodb:LeadingKeys` can limit, and what it cannot). */
const ITEM_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
  'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem',
];
/** Item actions that name no partition key, so that a LeadingKeys condition on a set lets them read or write everything. */
const UNLIMITED_ACTIONS = [
  'dynamodb:Scan', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete',
];

/** A table ARN written out (`arn:...:dynamodb:<region>:<account>:table/<name>`): a table of another stack; a reference is this stack's own. */
function otherStacksTable(resource: string): boolean {
  return !hasToken(resource) && /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+$/.test(resource);
}

function problemsOf(statement: PolicyStatement, where: string): string[] {
  const tables = (statement.resources ?? []).filter(otherStacksTable);
  if (tables.length === 0) return [];
  const on = `on ${tables.map((t) => `"${t}"`).join(', ')}`;
  const reasons: string[] = [];
  const unlimited = UNLIMITED_ACTIONS.filter((action) => coversAction(statement, action));
  if (unlimited.length > 0) reasons.push(`${where} allows ${unlimited.join(', ')} ${on}: they name no partition key, so no condition keeps them to the stack's own items`);
  if (!ITEM_ACTIONS.some((action) => coversAction(statement, action))) return reasons;
  const leading = conditionsOn(statement, 'dynamodb:LeadingKeys');
  const exact = leading.filter((c) => c.operator === 'ForAllValues:StringEquals' && c.values.length > 0 && c.values.every((v) => !hasWildcard(v)));
  if (exact.length === 0) {
    reasons.push(
      leading.length === 0
        ? `${where} allows item actions ${on} without a dynamodb:LeadingKeys condition`
        : `${where} limits dynamodb:LeadingKeys ${on} with ${leading.map((c) => `${c.operator} ${JSON.stringify(c.values)}`).join(', ')}, not ForAllValues:StringEquals on exact keys`,
    );
  }
  return reasons;
}

/**
 * A role reaches the items of a DynamoDB table of another stack (a table named by its ARN, such as
 * the run ledger every pipeline writes) only in its own partitions: item actions carry a
 * `ForAllValues:StringEquals` condition on `dynamodb:LeadingKeys` with exact keys, and no Scan or
 * PartiQL action, which name no key and would pass such a condition with an empty set.
 */
export const IamSharedTableOwnItems = defineRule({
  id: 'IamSharedTableOwnItems',
  summary: 'item actions on a DynamoDB table of another stack are held to the role\'s own partition keys',
  explanation:
    'A table shared by every pipeline (the run ledger) is written by each pipeline\'s roles: without a LeadingKeys condition one pipeline could rewrite or delete another\'s records. ForAllValues:StringEquals is the operator DynamoDB\'s fine-grained access control documents; ForAnyValue or a wildcard would let other keys through, and a Scan names no key at all.',
  fix: 'Grant only the item actions needed (the machines need dynamodb:PutItem) with the condition ForAllValues:StringEquals "dynamodb:LeadingKeys" = ["<pipeline>"] (standard-etl\'s ledgerWriteStatement does), and no Scan or PartiQL action.',
  anchors: {},
  subjects: IDENTITY_POLICY_SUBJECTS,
  evaluate(block, stack) {
    const reasons: string[] = [];
    let applies = false;
    for (const { read } of ownIdentityPolicies(block, stack)) {
      if (!read.ok) continue; // reported by IamPolicyDocumentsReadable
      for (const statement of read.document.statements) {
        if (statement.effect !== 'Allow' || !(statement.resources ?? []).some(otherStacksTable)) continue;
        if (![...ITEM_ACTIONS, ...UNLIMITED_ACTIONS].some((action) => coversAction(statement, action))) continue;
        applies = true;
        reasons.push(...problemsOf(statement, describeStatement(read.document, statement)));
      }
    }
    return applies ? resultOf(reasons) : notApplicable;
  },
});
