import { defineRule, resultOf } from '../../rule';
import { hasToken } from '../../synthesized/values';

/**
 * Every role the stack creates carries a permissions boundary, and it is the environment's own
 * (`data-platform-boundary-<env>`) when the stack's context names it.
 */
export const IamRolePermissionsBoundary = defineRule({
  id: 'IamRolePermissionsBoundary',
  summary: 'every role carries the permissions boundary of its environment',
  explanation:
    'The deployer writes roles and their policies; the boundary is what a role can never exceed, whatever a policy it was given says. A role without it could be given anything, including the power to change other roles.',
  fix: 'Set permissions_boundary on the role to the environment\'s boundary (permissionsBoundaryArn(environment) from @data-platform/core). Only the roles an administrator creates in the CI stack go without, each suppressed with its reason.',
  anchors: {},
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const boundary = role.config.permissions_boundary;
    if (typeof boundary !== 'string' || boundary.trim() === '') return resultOf(['it has no permissions_boundary']);
    const expected = stack.context.permissionsBoundary;
    if (expected === undefined || boundary === expected) return resultOf([]);
    if (hasToken(boundary)) {
      // A reference to a policy of this stack named like the expected one (the CI stack's own).
      const named = stack.referencedBlocks(boundary).some((b) => b.type === 'aws_iam_policy' && expected.endsWith(`:policy/${String(b.config.name)}`));
      if (named) return resultOf([]);
    }
    return resultOf([`its permissions_boundary is "${boundary}", not the environment's "${expected}"`]);
  },
});
