import { defineRule, notApplicable, resultOf } from '../../rule';
import { rolePermissions } from '../../synthesized/iam';
import { coversAction, describeStatement } from '../../synthesized/policy-document';

/**
 * An EventBridge target that starts a state machine does so with a role that may start exactly
 * that state machine: `states:StartExecution` on nothing but the target's ARN.
 */
export const EventsTargetRoleStartsOnlyItsTarget = defineRule({
  id: 'EventsTargetRoleStartsOnlyItsTarget',
  summary: 'an EventBridge rule that starts a state machine may start only that one',
  explanation:
    'An event role that may start other state machines lets anyone who can put a matching event on the bus (or edit the rule) run them: every trigger role is least privilege, measured against its own target.',
  fix: 'Give the target\'s role one statement: states:StartExecution on the target state machine\'s ARN only (standard-etl\'s RunTrigger does).',
  anchors: {},
  subjects: ['aws_cloudwatch_event_target'],
  evaluate(target, stack) {
    const machines = stack.referencedBlocks(target.config.arn).filter((b) => b.type === 'aws_sfn_state_machine');
    if (machines.length === 0 && !String(target.config.arn ?? '').includes(':states:')) return notApplicable;
    const roles = stack.referencedBlocks(target.config.role_arn).filter((b) => b.type === 'aws_iam_role');
    if (roles.length === 0) return resultOf([`the target starts a state machine with a role that is not in this stack (${String(target.config.role_arn)}): its permissions cannot be checked`]);
    const reasons: string[] = [];
    for (const role of roles) {
      for (const { read } of rolePermissions(role, stack).documents) {
        if (!read.ok) continue; // reported by IamPolicyDocumentsReadable
        for (const statement of read.document.statements) {
          if (statement.effect !== 'Allow') continue;
          const where = `${role.address}: ${describeStatement(read.document, statement)}`;
          if (!coversAction(statement, 'states:StartExecution')) {
            reasons.push(`${where} allows more than states:StartExecution`);
            continue;
          }
          const others = (statement.resources ?? ['*']).filter((resource) => resource !== target.config.arn);
          if (others.length > 0) reasons.push(`${where} may also start ${others.map((r) => `"${r}"`).join(', ')}`);
        }
      }
    }
    return resultOf(reasons);
  },
});
