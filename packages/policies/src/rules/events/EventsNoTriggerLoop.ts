import { defineRule, notApplicable, resultOf } from '../../rule';

/**
 * No rule of a stack starts work when that same stack's own state machine succeeds: a pipeline
 * that runs after itself starts its next run from every run, forever.
 */
export const EventsNoTriggerLoop = defineRule({
  id: 'EventsNoTriggerLoop',
  summary: 'no EventBridge rule triggers on its own stack\'s state machine',
  explanation:
    'A rule that matches the status events of a state machine of its own stack, and starts work in that stack, is a trigger loop: each run starts the next (the two-flow trigger storm Kestra users met).',
  fix: 'Remove the pipeline itself from its `after`; the fleet check also refuses longer cycles across pipelines.',
  anchors: {},
  subjects: ['aws_cloudwatch_event_rule'],
  evaluate(rule, stack) {
    const read = stack.readJson(rule.config.event_pattern, `${rule.address}.event_pattern`);
    if (!read.ok) return notApplicable;
    const pattern = read.value as { source?: unknown; detail?: { stateMachineArn?: unknown } };
    if (!Array.isArray(pattern.source) || !pattern.source.includes('aws.states')) return notApplicable;
    // Only a rule that starts work is a trigger: one that sends an alert to a topic is not.
    const startsWork = stack
      .referrers('aws_cloudwatch_event_target', 'rule', rule)
      .some((target) => String(target.config.arn ?? '').includes(':states:') || stack.referencedBlocks(target.config.arn).some((b) => b.type === 'aws_sfn_state_machine'));
    if (!startsWork) return notApplicable;
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
