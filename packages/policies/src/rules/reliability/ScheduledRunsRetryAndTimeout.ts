import { defineRule, notApplicable, resultOf } from '../../rule';
import { allStates, isRunTaskState } from '../../synthesized/ecs';
import { asObjects, asStrings, firstObject } from '../../synthesized/values';

const RETRIED_ERRORS = ['States.ALL', 'States.TaskFailed'];

/**
 * Scheduled runs retry a failed run and stop at a maximum runtime. In a state machine, every
 * `ecs:runTask` state waits for the task (`.sync`), has a timeout, and retries `States.TaskFailed`
 * (or `States.ALL`). A schedule or EventBridge rule that runs an ECS task directly can do neither,
 * so it is non-compliant: it should start a state machine instead.
 */
export const ScheduledRunsRetryAndTimeout = defineRule({
  id: 'ScheduledRunsRetryAndTimeout',
  summary: 'scheduled runs retry a failed run and have a timeout',
  explanation:
    'A bare Scheduler → RunTask target retries only a failed call: a task that starts and exits 1 is never retried, and ECS has no task timeout, so a hung run holds its slot and its cost forever.',
  fix: 'Start the task from a Step Functions state machine with "arn:aws:states:::ecs:runTask.sync", TimeoutSeconds, and Retry [{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: n, BackoffRate: 2 }]; schedule the state machine (standard-etl does this for run mode "schedule").',
  anchors: {},
  subjects: ['aws_sfn_state_machine', 'aws_scheduler_schedule', 'aws_cloudwatch_event_target'],
  evaluate(block, stack) {
    if (block.type === 'aws_scheduler_schedule') {
      const ecs = firstObject(firstObject(block.config.target).ecs_parameters);
      return Object.keys(ecs).length === 0 ? notApplicable : resultOf(['the schedule runs an ECS task directly: no retry of a failed run, no timeout']);
    }
    if (block.type === 'aws_cloudwatch_event_target') {
      return Object.keys(firstObject(block.config.ecs_target)).length === 0
        ? notApplicable
        : resultOf(['the EventBridge target runs an ECS task directly: no retry of a failed run, no timeout']);
    }
    const read = stack.readJson(block.config.definition, `${block.address}.definition`);
    if (!read.ok) return resultOf([read.reason]);
    const runTasks = allStates(read.value).filter(({ state }) => isRunTaskState(state));
    if (runTasks.length === 0) return notApplicable;
    const reasons: string[] = [];
    for (const { name, state } of runTasks) {
      if (!String(state.Resource).endsWith('.sync')) reasons.push(`state "${name}" does not wait for the task (use ecs:runTask.sync)`);
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) reasons.push(`state "${name}" has no TimeoutSeconds`);
      const retried = asObjects(state.Retry).some(
        (retry) => asStrings(retry.ErrorEquals).some((error) => RETRIED_ERRORS.includes(error)) && Number(retry.MaxAttempts ?? 3) >= 1,
      );
      if (!retried) reasons.push(`state "${name}" does not retry States.TaskFailed`);
    }
    return resultOf(reasons);
  },
});
