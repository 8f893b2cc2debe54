import { defineRule, notApplicable, resultOf } from '../../rule';
import { rolePermissions } from '../../synthesized/iam';
import { coversAction, describeStatement, type PolicyStatement } from '../../synthesized/policy-document';
import type { Block, StackView } from '../../synthesized/stack-view';
import { globMatches, hasToken } from '../../synthesized/values';

/** What changes a role's own permissions or trust, or hands them to a service. */
export const SELF_CHANGE_ACTIONS: readonly string[] = [
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:UpdateRole',
  'iam:DeleteRole',
  'iam:PassRole',
];

/** Whether a resource of a statement designates the role: a reference to it, `*`, or an ARN pattern matching its name. */
function namesRole(resource: string, role: Block, stack: StackView): boolean {
  if (hasToken(resource)) return stack.referencedBlocks(resource).includes(role);
  if (resource === '*') return true;
  const match = /^arn:[^:]+:iam::[^:]*:role\/(.+)$/.exec(resource);
  const name = role.config.name;
  if (!match || typeof name !== 'string' || hasToken(name)) return false;
  const path = typeof role.config.path === 'string' ? role.config.path.replace(/^\//, '') : '';
  return globMatches(match[1]!, `${path}${name}`);
}

function coversRole(statement: PolicyStatement, role: Block, stack: StackView): boolean {
  if (statement.notResources) return !statement.notResources.some((r) => namesRole(r, role, stack));
  return (statement.resources ?? []).some((r) => namesRole(r, role, stack));
}

/**
 * No role may change its own permissions, trust or boundary, nor pass itself to a service: every
 * IAM write its policies allow on a pattern that matches its own ARN is also explicitly denied on
 * it, without a condition.
 */
export const IamRoleCannotChangeItself = defineRule({
  id: 'IamRoleCannotChangeItself',
  summary: 'no role may change its own policies, trust or boundary, nor pass itself',
  explanation:
    'A role allowed to write policies of roles named like itself can give itself "Action: *", drop its own denials or trust anyone: every limit it carries is then only as strong as its own goodwill.',
  fix: 'Add an explicit Deny of the IAM actions (iam:*) on the role\'s own ARN to its policies, as the deployer\'s "DenyTheCiRolesAndTheBoundary" does, or narrow the Allow so that its resources cannot match the role.',
  anchors: { cdkNag: ['AwsSolutions-IAM5'], checkov: ['CKV_AWS_286'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const { documents } = rolePermissions(role, stack);
    const readable = documents.flatMap(({ read }) => (read.ok ? [read.document] : []));
    if (readable.length === 0) return notApplicable;
    const denied = (action: string) =>
      readable.some((document) =>
        document.statements.some(
          (s) => s.effect === 'Deny' && s.conditions.length === 0 && coversAction(s, action) && coversRole(s, role, stack),
        ),
      );
    const reasons: string[] = [];
    for (const document of readable) {
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow' || !coversRole(statement, role, stack)) continue;
        const open = SELF_CHANGE_ACTIONS.filter((action) => coversAction(statement, action) && !denied(action));
        if (open.length > 0) reasons.push(`${describeStatement(document, statement)} lets the role ${open.join(', ')} on itself, and nothing denies it`);
      }
    }
    return resultOf(reasons);
  },
});
