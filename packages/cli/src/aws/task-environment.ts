import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { commandErrors } from '../errors';
import type { StackFacts } from '../stack/stack-facts';
import { literal } from '../stack/stack-facts';
import type { AwsClients } from './aws-clients';
import { awsErrorCode } from './aws-errors';

type Block = Readonly<Record<string, unknown>>;

/** The `app` container of a synthesized task definition, as ECS reads it. */
export interface ContainerDefinition {
  readonly name?: string;
  readonly environment?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly secrets?: ReadonlyArray<{ readonly name: string; readonly valueFrom: string }>;
  readonly readonlyRootFilesystem?: boolean;
  readonly user?: string;
}

/** Where one secret of the task definition comes from. */
export type SecretSource =
  | { readonly store: 'ssm'; readonly name: string }
  | { readonly store: 'secretsmanager'; readonly secretId: string; readonly jsonKey?: string };

/** What the task gets in the cloud, as the synthesized stack declares it. */
export interface TaskDeclaration {
  readonly container: ContainerDefinition;
  /** Plain variables; a value still a Terraform reference to an SSM parameter names that parameter. */
  readonly variables: ReadonlyArray<{ readonly name: string; readonly value?: string; readonly ssmParameter?: string }>;
  readonly secrets: ReadonlyArray<{ readonly name: string; readonly valueFrom: string; readonly source: SecretSource }>;
  /** The task role's ARN. */
  readonly taskRoleArn: string;
}

const SSM_REFERENCE = /^\$\{data\.aws_ssm_parameter\.([A-Za-z0-9_-]+)\.(?:insecure_value|value)\}$/;

/**
 * Where a secret's `valueFrom` points: an SSM parameter ARN (`arn:...:ssm:...:parameter/<name>`),
 * or a Secrets Manager ARN, optionally with a JSON key (`arn:...:secretsmanager:...:secret:<name>:<key>::`).
 */
export function secretSource(valueFrom: string): SecretSource | undefined {
  const ssm = /^arn:[^:]+:ssm:[^:]*:\d*:parameter(\/.+)$/.exec(valueFrom);
  if (ssm) return { store: 'ssm', name: ssm[1]! };
  const sm = /^(arn:[^:]+:secretsmanager:[^:]+:\d+:secret:[^:]+)(?::([^:]*):([^:]*):([^:]*))?$/.exec(valueFrom);
  if (sm) return { store: 'secretsmanager', secretId: sm[1]!, ...(sm[2] ? { jsonKey: sm[2] } : {}) };
  return undefined;
}

const DATA_ARN = /^\$\{data\.(aws_ssm_parameter|aws_secretsmanager_secret)\.([A-Za-z0-9_-]+)\.arn\}(?::([^:]*):([^:]*):([^:]*))?$/;

/** A secret whose ARN is read by a data source at plan time: the parameter's or secret's name, from that data block. */
function referencedSecret(valueFrom: string, data: Readonly<Record<string, Readonly<Record<string, Block>>>>): SecretSource | undefined {
  const match = DATA_ARN.exec(valueFrom);
  const name = match ? literal(data[match[1]!]?.[match[2]!]?.name) : undefined;
  if (!match || !name) return undefined;
  if (match[1] === 'aws_ssm_parameter') return match[3] === undefined ? { store: 'ssm', name } : undefined;
  return { store: 'secretsmanager', secretId: name, ...(match[3] ? { jsonKey: match[3] } : {}) };
}

/** Reads the task definition's `app` container, its variables, secrets and task role, from the synthesized stack. */
export function taskDeclaration(stack: string, facts: StackFacts, environment: ResolvedEnvironment): TaskDeclaration {
  const taskDefinition = facts.resources.find((r) => r.type === 'aws_ecs_task_definition');
  const text = taskDefinition?.config.container_definitions;
  if (!taskDefinition || typeof text !== 'string') throw commandErrors.notLiteral(stack, taskDefinition?.address ?? 'aws_ecs_task_definition', 'container_definitions', text);
  const containers = JSON.parse(text) as ContainerDefinition[];
  const container = containers.find((c) => c.name === 'app') ?? containers[0]!;
  const data = (facts.json as { readonly data?: Readonly<Record<string, Readonly<Record<string, Block>>>> }).data ?? {};

  const variables = (container.environment ?? []).map(({ name, value }) => {
    if (literal(value) !== undefined) return { name, value };
    const id = SSM_REFERENCE.exec(value)?.[1];
    const parameter = id ? literal(data.aws_ssm_parameter?.[id]?.name) : undefined;
    if (!parameter) throw commandErrors.unresolvedVariable(stack, name, value);
    return { name, ssmParameter: parameter };
  });
  const secrets = (container.secrets ?? []).map(({ name, valueFrom }) => {
    const source = literal(valueFrom) !== undefined ? secretSource(valueFrom) : referencedSecret(valueFrom, data);
    if (!source) throw commandErrors.badSecretReference(stack, name, valueFrom);
    return { name, valueFrom, source };
  });

  const roleReference = String(taskDefinition.config.task_role_arn ?? '');
  const roleId = /^\$\{aws_iam_role\.([A-Za-z0-9_-]+)\.arn\}$/.exec(roleReference)?.[1];
  const roleName = roleId ? literal(facts.resources.find((r) => r.address === `aws_iam_role.${roleId}`)?.config.name) : undefined;
  const taskRoleArn = literal(roleReference) ?? (roleName ? `arn:${partitionOf(environment.region)}:iam::${environment.accountId}:role/${roleName}` : undefined);
  if (!taskRoleArn) throw commandErrors.notLiteral(stack, taskDefinition.address, 'task_role_arn', roleReference);
  return { container, variables, secrets, taskRoleArn };
}

/** The value of a plain (String) SSM parameter, e.g. the shared platform's lake bucket name. */
export async function plainParameter(aws: AwsClients, stack: string, variable: string, name: string): Promise<string> {
  try {
    const { Parameter } = await aws.ssm.send(new GetParameterCommand({ Name: name }));
    return Parameter?.Value ?? '';
  } catch (error) {
    throw commandErrors.secretUnreadable(stack, variable, `SSM parameter ${name}`, awsErrorCode(error) ?? (error as Error).message);
  }
}

/**
 * A secret's value, read with the caller's credentials: SSM GetParameter WithDecryption, or Secrets
 * Manager GetSecretValue (the JSON key's value when the reference names one). The value is returned,
 * never logged.
 */
export async function secretValue(aws: AwsClients, stack: string, variable: string, source: SecretSource): Promise<string> {
  if (source.store === 'ssm') {
    try {
      const { Parameter } = await aws.ssm.send(new GetParameterCommand({ Name: source.name, WithDecryption: true }));
      return Parameter?.Value ?? '';
    } catch (error) {
      throw commandErrors.secretUnreadable(stack, variable, `SSM parameter ${source.name}`, awsErrorCode(error) ?? (error as Error).message);
    }
  }
  const where = `Secrets Manager secret ${source.secretId}${source.jsonKey ? ` (JSON key ${source.jsonKey})` : ''}`;
  let text: string;
  try {
    text = (await aws.secretsManager.send(new GetSecretValueCommand({ SecretId: source.secretId }))).SecretString ?? '';
  } catch (error) {
    throw commandErrors.secretUnreadable(stack, variable, where, awsErrorCode(error) ?? (error as Error).message);
  }
  if (!source.jsonKey) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw commandErrors.secretUnreadable(stack, variable, where, 'its value is not a JSON object');
  }
  const value = (parsed as Record<string, unknown> | null)?.[source.jsonKey];
  if (typeof value !== 'string') throw commandErrors.secretUnreadable(stack, variable, where, `the JSON has no string key ${JSON.stringify(source.jsonKey)}`);
  return value;
}

/** Temporary credentials of the task role, for 15 minutes (STS AssumeRole's minimum), as the SDK's environment variables. */
export async function taskRoleCredentials(aws: AwsClients, stack: string, roleArn: string, sessionName: string): Promise<Record<string, string>> {
  try {
    const { Credentials } = await aws.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 900 }));
    return {
      AWS_ACCESS_KEY_ID: Credentials?.AccessKeyId ?? '',
      AWS_SECRET_ACCESS_KEY: Credentials?.SecretAccessKey ?? '',
      AWS_SESSION_TOKEN: Credentials?.SessionToken ?? '',
    };
  } catch (error) {
    throw commandErrors.roleUnassumable(stack, roleArn, `${awsErrorCode(error) ?? 'error'}: ${(error as Error).message}`);
  }
}
