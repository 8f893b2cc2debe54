// The types of cdktf's jest matchers (toHaveResourceWithProperties, ...), registered at run time by jest.setup.js.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { environments, resolveEnvironments, type EnvironmentConfig, type ResolvedEnvironment } from '@data-platform/config';

/**
 * Helpers for tests of constructs: environments, and reading a synthesized stack (resources, data
 * sources, policy statements, references). Stack folders' tests take them from here too.
 */

/**
 * Environments for tests: the declared `dev` and `prod`, or `dev` with some fields changed (the
 * change goes through the same validation as the real configuration).
 */
export function testEnvironment(name: 'dev' | 'prod' = 'dev', changes: Partial<EnvironmentConfig> = {}): ResolvedEnvironment {
  return resolveEnvironments({ [name]: { ...environments[name], ...changes } }).get(name)!;
}

/** The parsed `cdk.tf.json` of a synthesized stack. */
export interface Synthesized {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Every resource of a type, in a synthesized stack. */
export function resourcesOf(synthesized: string, type: string): Array<Record<string, unknown>> {
  return Object.values((JSON.parse(synthesized) as Synthesized).resource[type] ?? {});
}

/** Every data source of a type, in a synthesized stack. */
export function dataSourcesOf(synthesized: string, type: string): Array<Record<string, unknown>> {
  return Object.values((JSON.parse(synthesized) as Synthesized).data?.[type] ?? {});
}

/** One IAM policy statement as the policy document data source holds it. */
export interface Statement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: string[];
  readonly not_actions?: string[];
  readonly resources?: string[];
  readonly not_resources?: string[];
  readonly principals?: Array<{ type: string; identifiers: string[] }>;
  readonly condition?: Array<{ test: string; variable: string; values: string[] }>;
}

/**
 * The statements of the policy document at a construct path under the stack, e.g.
 * `PlannerRole/TrustPolicy` (cdktf names it `PlannerRole_TrustPolicy_<hash>`).
 */
export function policyStatements(synthesized: string, path: string): Statement[] {
  const documents = (JSON.parse(synthesized) as Synthesized).data?.aws_iam_policy_document ?? {};
  const logicalId = logicalIdOf(path);
  const matching = Object.entries(documents).filter(([id]) => id.replace(/_[0-9A-F]{8}$/, '') === logicalId);
  if (matching.length !== 1) throw new Error(`expected one policy document at ${path}, found ${matching.length}`);
  return matching[0]![1].statement as Statement[];
}

/**
 * Matches a Terraform reference to the resource at a construct path, e.g.
 * `reference('aws_vpc', 'Network/Vpc')` matches `${aws_vpc.Network_Vpc_FAC8F4A5.id}`.
 */
export function reference(type: string, path: string, attribute = 'id'): string {
  const logicalId = logicalIdOf(path);
  return expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${logicalId}(_[0-9A-F]{8})?\\.${attribute}\\}$`)) as unknown as string;
}

/** cdktf's logical id of a construct path, without its hash: parts joined by `_`, a part its parent ends with dropped. */
function logicalIdOf(path: string): string {
  const kept: string[] = [];
  for (const part of path.split('/')) if (kept.length === 0 || !kept[kept.length - 1]!.endsWith(part)) kept.push(part);
  return kept.join('_');
}
