// Brings cdktf's jest matchers (set up in jest.setup.js) into the type checker.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { loadEnvironment, type ResolvedEnvironment } from '@data-platform/config';
import { Testing } from 'cdktf';
import type { PipelineConfig } from '../src/pipeline-config';
import { PipelineStack } from '../src/pipeline-stack';

/** The name every test pipeline gets unless a test says otherwise. */
export const NAME = 'test-pipeline';

/** The base of its AWS names in dev. */
export const PREFIX = `dp-${NAME}-dev`;

/** The team that owns every test pipeline unless a test says otherwise. */
export const OWNER = 'test-team';

/** A pipeline's configuration in a test: the owner is OWNER unless given (`owner: undefined` leaves it out). */
export type FixtureConfig = Omit<PipelineConfig, 'owner'> & { readonly owner?: string };

/** The configuration with OWNER as its owner, unless the test gives the field. */
export function withOwner(config: FixtureConfig): PipelineConfig {
  return ('owner' in config ? config : { owner: OWNER, ...config }) as PipelineConfig;
}

/** A reference to one field of the shared-platform contract, as synthesized. */
export const SSM = (field: string) =>
  new RegExp(`^\\$\\{data\\.aws_ssm_parameter\\.Pipeline_SharedPlatform_${field}_[0-9A-F]{8}\\.insecure_value\\}$`);

/** A reference to the owner team's alerts topic (its contract parameter), as synthesized. */
export const OWNER_TOPIC = /^\$\{data\.aws_ssm_parameter\.Pipeline_OwnerAlertsTopic_[0-9A-F]{8}\.insecure_value\}$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A synthesized pipeline stack, with helpers to read what tests assert on. */
export interface SynthesizedPipeline {
  readonly stack: PipelineStack;
  /** The synthesized Terraform JSON, as the cdktf matchers take it. */
  readonly text: string;
  readonly json: Json;
  /** Every resource of a type. */
  resources(type: string): Json[];
  /** The one resource of a type; fails when there is not exactly one. */
  resource(type: string): Json;
  /** The statements of the policy document whose construct path ends with `pathEnd`, by sid. */
  policy(pathEnd: string): Record<string, Json>;
  /** The single container definition of the task definition. */
  container(): Json;
  /** The main state machine's definition. */
  stateMachineDefinition(): Json;
  /** The trigger state machine's definition. */
  triggerDefinition(): Json;
}

/** The base of the AWS names of a synthesized pipeline stack (`dp-<name>-<env>`). */
const PREFIX_OF = (stack: PipelineStack) => `dp-${stack.node.id}`;

export function synthPipeline(
  pipeline: FixtureConfig,
  options: { readonly name?: string; readonly environment?: string | ResolvedEnvironment } = {},
): SynthesizedPipeline {
  const environment = typeof options.environment === 'object' ? options.environment : loadEnvironment(options.environment ?? 'dev');
  const stack = new PipelineStack(Testing.app(), { name: options.name ?? NAME, environment, pipeline: withOwner(pipeline) });
  const text = Testing.synth(stack);
  const json = JSON.parse(text) as Json;
  const resources = (type: string): Json[] => Object.values(json.resource?.[type] ?? {});
  const resource = (type: string) => {
    const found = resources(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  };
  return {
    stack,
    text,
    json,
    resources,
    resource,
    policy: (pathEnd) => {
      const construct = stack.node.findAll().find((c) => c instanceof DataAwsIamPolicyDocument && c.node.path.endsWith(`/${pathEnd}`));
      if (!construct) throw new Error(`no policy document at …/${pathEnd}`);
      const document = json.data.aws_iam_policy_document[stack.getLogicalId(construct as DataAwsIamPolicyDocument)];
      return Object.fromEntries((document.statement as Json[]).map((s) => [s.sid, s]));
    },
    container: () => {
      const definitions = JSON.parse(resource('aws_ecs_task_definition').container_definitions) as Json[];
      if (definitions.length !== 1) throw new Error(`expected one container, found ${definitions.length}`);
      return definitions[0];
    },
    stateMachineDefinition: () => JSON.parse(resources('aws_sfn_state_machine').find((m) => m.name === PREFIX_OF(stack))!.definition),
    triggerDefinition: () => JSON.parse(resources('aws_sfn_state_machine').find((m) => m.name === `${PREFIX_OF(stack)}-trigger`)!.definition),
  };
}

/** A minimal valid always-on pipeline. */
export const SERVICE: PipelineConfig = { owner: OWNER, mode: 'service' };

/** A minimal valid scheduled pipeline. */
export const SCHEDULED: PipelineConfig = { owner: OWNER, mode: 'schedule', schedule: 'rate(1 hour)' };
