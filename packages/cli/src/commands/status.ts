import { partitionOf } from '@data-platform/config';
import { platformNames } from '@data-platform/core';
import { guardAccount } from '../aws/account-guard';
import { logsConsoleUrl } from '../aws/log-links';
import { formatDuration } from '../aws/polling';
import { runsByStart } from '../aws/run-ledger';
import { serviceStatus, type ServiceStatus } from '../aws/service-status';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts, type StackFacts } from '../stack/stack-facts';
import { nextScheduled, shortTime as short } from '../status/next-run';
import { runStatus, type RunStatus } from '../status/run-status';
import type { CommandContext } from './command-context';
import { guardedLine } from './state-backend';

export type { RunStatus } from '../status/run-status';

/** What `status` is asked for beyond the stack. */
export interface StatusOptions {
  /**
   * Print one JSON document (for scripts) instead of the table.
   * @default false
   */
  readonly json?: boolean;
  /**
   * How many runs of a job to show, newest first: 1 to 100, as typed after `--limit`.
   * @default '10'
   */
  readonly limit?: string;
}

/** `status --json` of a job. */
export interface JobStatusJson {
  readonly stack: string;
  /** The team that owns the pipeline, whose destination its alerts go to. */
  readonly owner?: string;
  readonly mode: 'job';
  readonly stateMachineArn: string;
  readonly schedule?: { readonly expression: string; readonly timezone: string; readonly next?: string };
  readonly runs: readonly RunStatus[];
}

/** `status --json` of a service. */
export interface ServiceStatusJson {
  readonly stack: string;
  /** The team that owns the pipeline, whose destination its alerts go to. */
  readonly owner?: string;
  readonly mode: 'service';
  readonly service?: ServiceStatus;
}

/** The schedule of the synthesized aws_scheduler_schedule, when the stack has one. */
function scheduleOf(facts: StackFacts): { expression: string; timezone: string } | undefined {
  const schedule = facts.resources.find((r) => r.type === 'aws_scheduler_schedule');
  const expression = literal(schedule?.config.schedule_expression);
  if (!expression) return undefined;
  return { expression, timezone: literal(schedule?.config.schedule_expression_timezone) ?? 'UTC' };
}

/** A run's data checks in a cell: `5 passed`, `1 FAILED, 1 warning, 3 passed`, or `-` when they did not run. */
function checksCell(checks: RunStatus['checks']): string {
  if (!checks) return '-';
  const failed = checks.filter((c) => !c.passed && c.blocking).length;
  const warned = checks.filter((c) => !c.passed && !c.blocking).length;
  const passed = checks.length - failed - warned;
  return [failed ? `${failed} FAILED` : '', warned ? `${warned} warning${warned === 1 ? '' : 's'}` : '', passed ? `${passed} passed` : ''].filter(Boolean).join(', ');
}

function parseLimit(stack: string, text: string | undefined): number {
  if (text === undefined) return 10;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100) throw commandErrors.badLimit(stack, text);
  return Number(text);
}

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/**
 * The state of one pipeline, with the team that owns it. A job: its last runs (data interval, start, duration, outcome, attempts,
 * exit code, stop reason, a link to the logs of its last task) and the next scheduled time, computed
 * from the synthesized schedule's expression and time zone. A service: desired and running tasks,
 * the rollout of its primary deployment, and its latest events.
 */
export async function status(stack: ProjectStack, context: CommandContext, options: StatusOptions = {}): Promise<void> {
  const { report, polling } = context;
  const { environment } = stack;
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;
  if (!pipeline) throw commandErrors.notAPipeline('status', stack.name);
  const limit = parseLimit(stack.name, options.limit);
  // Who answers for it: the owner team, whose destination its alerts go to.
  const title = pipeline.owner ? `${stack.name} (owner ${pipeline.owner})` : stack.name;
  const owner = pipeline.owner ? { owner: pipeline.owner } : {};
  const aws = context.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  if (!options.json) report.step(guardedLine(identity, stack));
  const now = new Date(polling.now());

  if (pipeline.service) {
    const name = literal(pipeline.service.config.name);
    if (!name) throw commandErrors.notLiteral(stack.name, pipeline.service.address, 'name', pipeline.service.config.name);
    const cluster = platformNames(environment).cluster;
    const found = await serviceStatus(aws.ecs, cluster, name, 5);
    if (options.json) {
      report.summary(JSON.stringify({ stack: stack.name, ...owner, mode: 'service', ...(found ? { service: found } : {}) } satisfies ServiceStatusJson, null, 2));
      return;
    }
    if (!found) {
      report.summary(`${title}: service ${name} is not in cluster ${cluster}: not deployed yet (\`npx nx run ${stack.project.name}:deploy -c ${environment.name}\`).`);
      return;
    }
    const rollout = found.rollout ? `${found.rollout.state} on ${found.rollout.taskDefinition}${found.rollout.reason ? ` (${found.rollout.reason})` : ''}` : 'no deployment';
    report.summary(
      [
        `${title}: service ${name} in cluster ${cluster} (${found.status})`,
        `tasks: ${found.desiredCount} desired, ${found.runningCount} running, ${found.pendingCount} pending`,
        `rollout: ${rollout}`,
        `logs: ${pipeline.logGroup ? logsConsoleUrl(environment.region, pipeline.logGroup) : 'the log group of the task definition'}`,
        found.events.length ? 'latest events:' : 'latest events: none',
        ...found.events.map((e) => `  ${short(e.at)}  ${e.message}`),
      ].join('\n'),
    );
    return;
  }

  const machine = pipeline.stateMachine;
  const machineName = literal(machine?.config.name);
  if (!machine || !machineName) throw commandErrors.notDeployed(stack.name, 'its state machine (no plainly named aws_sfn_state_machine)', stack.project.name, environment.name);
  const stateMachineArn = `arn:${partitionOf(environment.region)}:states:${environment.region}:${environment.accountId}:stateMachine:${machineName}`;
  // Its runs, newest first, from the run ledger the runs write: one Query, whatever their age.
  const ledger = platformNames(environment).runLedgerTable;
  const records = await runsByStart(aws.dynamodb, { table: ledger, environment: environment.name, reader: stack.name }, stack.project.name, limit);
  const withLinks: RunStatus[] = records.map((record) => runStatus(record, environment.region, pipeline.logGroup, now.getTime()));
  const schedule = scheduleOf(facts);
  const next = schedule ? nextScheduled(schedule.expression, schedule.timezone, now) : undefined;

  if (options.json) {
    const json: JobStatusJson = {
      stack: stack.name,
      ...owner,
      mode: 'job',
      stateMachineArn,
      ...(schedule ? { schedule: { ...schedule, ...(next ? { next: next.toISOString() } : {}) } } : {}),
      runs: withLinks,
    };
    report.summary(JSON.stringify(json, null, 2));
    return;
  }
  const nextLine = schedule
    ? `next scheduled run: ${next ? short(next.toISOString()) : 'none within a year'} (${schedule.expression}, ${schedule.timezone})`
    : 'next scheduled run: none (no schedule: it runs after its upstreams, when data lands, or by hand)';
  if (withLinks.length === 0) {
    report.summary(`${title}: no run yet (the run ledger ${ledger} holds no run of ${stack.project.name}).\n${nextLine}\nStart one now: \`npx nx run ${stack.project.name}:run -c ${environment.name}\`.`);
    return;
  }
  const rows = [
    ['INTERVAL', 'STARTED', 'DURATION', 'OUTCOME', 'ATTEMPTS', 'EXIT', 'CHECKS', 'STOP REASON', 'RUN', 'LOGS'],
    ...withLinks.map((r) => [
      `${short(r.interval.start)} → ${short(r.interval.end)}`,
      short(r.startedAt),
      formatDuration(r.durationSeconds * 1000),
      r.status,
      r.attempts === undefined ? '-' : String(r.attempts),
      r.exitCode === undefined ? '-' : String(r.exitCode),
      checksCell(r.checks),
      r.stopReason ?? '-',
      r.name,
      r.logsUrl,
    ]),
  ];
  const lost = withLinks.some((r) => r.status === 'LOST')
    ? '\nLOST: the run outlived its execution timeout and no end was recorded (its status event and its own write were both lost); its execution says how it ended.'
    : '';
  // The data checks of the newest run that ran them, one line each.
  const checked = withLinks.find((r) => r.checks !== undefined);
  const checkLines = checked
    ? [
        `data checks of ${checked.name}:`,
        table([
          ['DATASET', 'CHECK', 'KIND', 'OBSERVED', 'EXPECTED', 'RESULT'],
          ...checked.checks!.map((c) => [c.dataset, c.check, c.blocking ? 'blocks' : 'warns', c.observed === null ? 'NULL' : String(c.observed), c.expected, c.passed ? 'passed' : c.blocking ? 'FAILED' : 'warning']),
        ]),
      ]
    : [];
  report.summary([`${title}: last ${withLinks.length} run(s) of ${machineName}, newest first (run ledger ${ledger})`, table(rows), ...checkLines, `${nextLine}${lost}`].join('\n'));
}
