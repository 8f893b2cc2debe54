import { defineRule, notApplicable, resultOf } from '../../rule';
import { allStates } from '../../synthesized/ecs';
import { rolePermissions } from '../../synthesized/iam';
import type { Block, StackView } from '../../synthesized/stack-view';
import { asObjects, asStrings, isTrue } from '../../synthesized/values';

/**
 * What a machine may do and still be started by its own stack's events: bookkeeping of runs that
 * ended (free a run slot, write a run's record in the run ledger), nothing else.
 */
const BOOKKEEPING_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:PutItem'];
const BOOKKEEPING_RESOURCE = /:states:::dynamodb:(deleteItem|putItem)$/;

/**
 * Whether a state machine only keeps books, so that starting it starts no work: every Task state
 * deletes or puts a DynamoDB item, its role's policies (all of them in this stack) allow
 * `dynamodb:DeleteItem` and `dynamodb:PutItem` and nothing else, and no table of this stack sends
 * a stream (a write a stream carries to a function would be work).
 */
function onlyKeepsBooks(machine: Block, stack: StackView): boolean {
  const read = stack.readJson(machine.config.definition, `${machine.address}.definition`);
  if (!read.ok) return false;
  const tasks = allStates(read.value).filter(({ state }) => state.Type === 'Task');
  if (tasks.length === 0 || !tasks.every(({ state }) => BOOKKEEPING_RESOURCE.test(String(state.Resource)))) return false;
  if (stack.blocks('aws_dynamodb_table').some((table) => isTrue(table.config.stream_enabled))) return false;
  const role = stack.referencedBlocks(machine.config.role_arn).find((b) => b.type === 'aws_iam_role');
  if (!role) return false;
  const permissions = rolePermissions(role, stack);
  if (permissions.awsManaged.length > 0 || permissions.unknown.length > 0 || permissions.documents.length === 0) return false;
  return permissions.documents.every(
    (found) =>
      found.read.ok &&
      found.read.document.statements.every(
        (statement) => statement.effect === 'Deny' || (statement.notActions === undefined && (statement.actions ?? []).every((a) => BOOKKEEPING_ACTIONS.includes(a))),
      ),
  );
}

/** The object-key prefixes an S3 Object Created pattern matches (`detail.object.key: [{ prefix }]`). */
function watchedPrefixes(pattern: { detail?: { object?: { key?: unknown } } }): string[] {
  return asObjects(pattern.detail?.object?.key).flatMap((entry) => asStrings(entry.prefix));
}

/** The lake prefixes the stack's policy documents let it write: `s3:PutObject` on `<bucket>/<prefix>*`. */
function writtenPrefixes(stack: StackView): string[] {
  return stack.blocks('data.aws_iam_policy_document').flatMap((document) =>
    asObjects(document.config.statement)
      .filter((statement) => statement.effect !== 'Deny' && asStrings(statement.actions).includes('s3:PutObject'))
      .flatMap((statement) => asStrings(statement.resources))
      .map((resource) => /^(?:\$\{[^}]*\}|arn:[^:]*:s3:::[^/]+)\/(.*?)\*?$/.exec(resource)?.[1])
      .filter((prefix): prefix is string => prefix !== undefined && prefix.length > 0),
  );
}

/**
 * No rule of a stack starts work when that same stack's own state machine succeeds, or when objects
 * land under a prefix that same stack writes: either way each run starts the next, forever. A rule
 * on its own machine's events whose targets only keep books of ended runs (a machine that only
 * deletes and puts DynamoDB items, with a role allowed nothing else, and no table streaming those
 * writes anywhere) starts no work, and is accepted.
 */
export const EventsNoTriggerLoop = defineRule({
  id: 'EventsNoTriggerLoop',
  summary: 'no EventBridge rule triggers on its own stack\'s state machine or on objects its own stack writes (freeing run slots and recording runs is not a trigger)',
  explanation:
    'A rule that matches the status events of a state machine of its own stack, and starts work in that stack, is a trigger loop: each run starts the next (the two-flow trigger storm Kestra users met).',
  fix: 'Remove the pipeline itself from its `after`, or watch (onData) a prefix it does not write; the fleet check also refuses longer cycles across pipelines.',
  anchors: {},
  subjects: ['aws_cloudwatch_event_rule'],
  evaluate(rule, stack) {
    const read = stack.readJson(rule.config.event_pattern, `${rule.address}.event_pattern`);
    if (!read.ok) return notApplicable;
    const pattern = read.value as { source?: unknown; detail?: { stateMachineArn?: unknown; object?: { key?: unknown } } };
    const sources = asStrings(pattern.source);
    if (!sources.includes('aws.states') && !sources.includes('aws.s3')) return notApplicable;
    // Only a rule that starts work is a trigger: one that sends an alert to a topic is not, nor one
    // that starts a machine of this stack that only keeps books of ended runs (judged, and compliant).
    let keepsBooks = false;
    const startsWork = stack.referrers('aws_cloudwatch_event_target', 'rule', rule).some((target) => {
      const machines = stack.referencedBlocks(target.config.arn).filter((b) => b.type === 'aws_sfn_state_machine');
      if (machines.length === 0) return String(target.config.arn ?? '').includes(':states:');
      if (machines.every((machine) => onlyKeepsBooks(machine, stack))) {
        keepsBooks = true;
        return false;
      }
      return true;
    });
    if (!startsWork) return keepsBooks ? resultOf([]) : notApplicable;
    if (sources.includes('aws.s3')) {
      const written = writtenPrefixes(stack);
      return resultOf(
        watchedPrefixes(pattern).flatMap((watched) =>
          written
            .filter((prefix) => prefix.startsWith(watched) || watched.startsWith(prefix))
            .map((prefix) => `the rule starts work when objects land under "${watched}", and this same stack may write "${prefix}"`),
        ),
      );
    }
    const watched = Array.isArray(pattern.detail?.stateMachineArn) ? (pattern.detail!.stateMachineArn as unknown[]).map(String) : [];
    const own = stack
      .blocks('aws_sfn_state_machine')
      .map((machine) => ({ machine, name: machine.config.name }))
      .filter((m): m is { machine: typeof m.machine; name: string } => typeof m.name === 'string');
    const reasons = watched.flatMap((arn) =>
      own
        .filter(({ machine, name }) => arn.endsWith(`:stateMachine:${name}`) || stack.refersTo(arn, machine))
        .map(({ name }) => `the rule starts work when state machine "${name}" of this same stack changes status (${arn})`),
    );
    return resultOf(reasons);
  },
});
