import type { MachineDefinition } from './asl-interpreter';
import { harnessErrors } from './errors';

/** A synthesized stack's Terraform JSON (`cdk.tf.json`), as far as the harness reads it. */
export interface TerraformJson {
  readonly provider?: { readonly aws?: ReadonlyArray<{ readonly region?: string; readonly allowed_account_ids?: readonly string[] }> };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

export interface StackMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: MachineDefinition;
}

export interface StackRuleTarget {
  /** A state machine's ARN, or anything else (a topic). */
  readonly arn: string;
  readonly id: string;
}

export interface StackRule {
  readonly name: string;
  readonly pattern: unknown;
  readonly targets: readonly StackRuleTarget[];
}

/** A CloudWatch alarm on a Step Functions metric of one machine. */
export interface StackAlarm {
  readonly name: string;
  readonly metric: string;
  readonly machineArn: string;
  readonly periodSeconds: number;
  readonly actions: readonly string[];
}

export interface StackSchedule {
  readonly name: string;
  readonly expression: string;
  readonly targetArn: string;
  /** The target's input, with Scheduler's `<aws.scheduler.scheduled-time>` still in it. */
  readonly input: string;
}

/** What the harness needs of one synthesized stack: machines, rules, alarms, schedules, tables, with references resolved. */
export interface SynthesizedStack {
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly machines: readonly StackMachine[];
  readonly rules: readonly StackRule[];
  readonly alarms: readonly StackAlarm[];
  readonly schedules: readonly StackSchedule[];
  readonly tables: ReadonlyArray<{ readonly name: string; readonly hashKey: string }>;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Reads a stack's synthesized JSON. References between its own resources are resolved as
 * Terraform would (`${aws_sfn_state_machine.X.arn}` becomes the machine's ARN from its name,
 * `${aws_dynamodb_table.X.name}` the table's name); references to what only AWS knows (SSM
 * parameters of the shared platform) stay as their text, which the fakes take as opaque names.
 */
export function readSynthesizedStack(name: string, json: TerraformJson): SynthesizedStack {
  const provider = json.provider?.aws?.[0] ?? {};
  const region = provider.region ?? 'us-east-1';
  const account = provider.allowed_account_ids?.[0] ?? '123456789012';
  const partition = partitionOf(region);
  const resources = json.resource ?? {};
  const of = (type: string) => Object.entries(resources[type] ?? {});
  const machineArn = (machineName: string) => `arn:${partition}:states:${region}:${account}:stateMachine:${machineName}`;

  const resolve = (text: string, what: string): string =>
    text.replace(/\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)\.([a-z_]+)\}/g, (reference, type: string, id: string, attribute: string) => {
      const resource = resources[type]?.[id];
      if (!resource) throw harnessErrors.unresolvedReference(what, reference);
      if (type === 'aws_sfn_state_machine' && attribute === 'arn') return machineArn(String(resource.name));
      const value = resource[attribute];
      return typeof value === 'string' && !value.includes('${') ? value : reference;
    });

  const machines: StackMachine[] = of('aws_sfn_state_machine').map(([id, machine]) => ({
    name: String(machine.name),
    arn: machineArn(String(machine.name)),
    type: machine.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    definition: JSON.parse(resolve(String(machine.definition), `the definition of aws_sfn_state_machine.${id}`)) as MachineDefinition,
  }));

  const targets = of('aws_cloudwatch_event_target');
  const rules: StackRule[] = of('aws_cloudwatch_event_rule').map(([id, rule]) => {
    const ruleName = String(rule.name);
    const reference = `\${aws_cloudwatch_event_rule.${id}.name}`;
    return {
      name: ruleName,
      pattern: JSON.parse(resolve(String(rule.event_pattern), `the pattern of aws_cloudwatch_event_rule.${id}`)) as unknown,
      targets: targets
        .filter(([, target]) => target.rule === reference || target.rule === ruleName)
        .map(([targetId, target]) => ({ id: String(target.target_id ?? targetId), arn: resolve(String(target.arn), `aws_cloudwatch_event_target.${targetId}`) })),
    };
  });

  const alarms: StackAlarm[] = of('aws_cloudwatch_metric_alarm')
    .filter(([, alarm]) => alarm.namespace === 'AWS/States')
    .map(([id, alarm]) => ({
      name: String(alarm.alarm_name),
      metric: String(alarm.metric_name),
      machineArn: resolve(String((alarm.dimensions as Record<string, unknown> | undefined)?.StateMachineArn ?? ''), `aws_cloudwatch_metric_alarm.${id}`),
      periodSeconds: Number(alarm.period ?? 300),
      actions: ((alarm.alarm_actions as string[] | undefined) ?? []).map((a) => resolve(a, `aws_cloudwatch_metric_alarm.${id}`)),
    }));

  const schedules: StackSchedule[] = of('aws_scheduler_schedule').map(([id, schedule]) => {
    const target = ((Array.isArray(schedule.target) ? schedule.target[0] : schedule.target) ?? {}) as Record<string, unknown>;
    return {
      name: String(schedule.name),
      expression: String(schedule.schedule_expression),
      targetArn: resolve(String(target.arn), `aws_scheduler_schedule.${id}`),
      input: String(target.input ?? '{}'),
    };
  });

  const tables = of('aws_dynamodb_table').map(([, table]) => ({ name: String(table.name), hashKey: String(table.hash_key) }));
  return { name, region, account, partition, machines, rules, alarms, schedules, tables };
}
