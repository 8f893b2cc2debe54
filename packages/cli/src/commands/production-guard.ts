import { partitionOf, repositoryName, type GithubDeploySource, type ResolvedEnvironment } from '@data-platform/config';
import { BREAK_GLASS_REASON_TAG, CI_PROJECT, customNotification, platformNames, sharedParameterName, stackName } from '@data-platform/core';
import { guardAccount } from '../aws/account-guard';
import { awsClientFactory } from '../aws/aws-clients';
import { assumeBreakGlassRole, publishToAlertsTopic } from '../aws/break-glass-session';
import { commandErrors } from '../errors';
import type { CommandContext } from './command-context';

/** The commands that change a protected environment, and so go through the guard. */
export type GuardedCommand = 'deploy' | 'destroy' | 'rollback' | 'backfill';

/** What the guard needs of the stack (a `ProjectStack` is one). */
export interface GuardedStack {
  /** `<project>-<environment>`, named in every message. */
  readonly name: string;
  readonly environment: ResolvedEnvironment;
}

export interface ProductionGuardRequest {
  /** The command about to run, named in the refusal. */
  readonly command: GuardedCommand;
  /**
   * `--break-glass "<reason>"`: run outside the deploy workflow anyway, through the break-glass role,
   * announced on the alerts topic first.
   * @default - no break-glass: refused outside the deploy workflow
   */
  readonly breakGlass?: string;
}

/** A reason short enough for a session tag value, long enough to say something. */
export const BREAK_GLASS_REASON_LENGTH = { min: 10, max: 256 } as const;

/**
 * The environment variables the guard reads. Set by GitHub Actions (`GITHUB_*`) and by the deploy
 * workflows (`DATA_PLATFORM_*`, from the same expressions as their job's `environment:`).
 */
export const GITHUB_CONTEXT_VARIABLES = [
  'GITHUB_ACTIONS',
  'GITHUB_REPOSITORY',
  'GITHUB_REF',
  'GITHUB_WORKFLOW_REF',
  'DATA_PLATFORM_GITHUB_ENVIRONMENT',
  'DATA_PLATFORM_DEPLOY_WORKFLOW',
] as const;

/** The platform's deploy workflow; `universal-deploy.yml` is the one pipelines in their own repository call. */
const DEPLOY_WORKFLOWS = ['deploy.yml', 'universal-deploy.yml'] as const;

/**
 * The production guard. Call it first in every command that changes an environment (deploy,
 * destroy, rollback, backfill), before any AWS call, and continue with the context it returns:
 *
 *   context = await guardProtectedEnvironment(stack, context, { command: 'rollback', breakGlass: values['break-glass'] });
 *
 * For an environment that is not protected, and for the CI stack (`ci-<env>`, which only an
 * administrator's credentials can apply), it returns `context` as it is. For a protected one,
 * the command runs only inside the deploy workflow on one of the environment's deploy sources:
 * GITHUB_ACTIONS=true, GITHUB_REPOSITORY one of its deploy-source repositories (without ids), on
 * that source's branch (GITHUB_REF) or GitHub environment (DATA_PLATFORM_GITHUB_ENVIRONMENT, which
 * the deploy jobs set from their `environment:`), and in deploy.yml (GITHUB_WORKFLOW_REF) or in
 * universal-deploy.yml (DATA_PLATFORM_DEPLOY_WORKFLOW, which that called workflow sets: a called
 * workflow's GITHUB_WORKFLOW_REF is its caller's). Anywhere else it throws, saying how to ship the
 * change through a pull request, before any AWS call.
 *
 * With `breakGlass` (a reason), a person goes ahead anyway: the reason is checked and printed, the
 * caller's account checked, the role `data-platform-break-glass-<env>` assumed with the caller as
 * source identity and the reason in the session name and a session tag, the session announced on
 * the alerts topic, and only then the returned context (its AWS clients and terraform's
 * environment on that session) lets the command change anything.
 *
 * This check is advice to honest users; IAM is the fence (the deployer role trusts only the
 * workflow's OIDC subject, the break-glass role only the configured roles).
 */
export async function guardProtectedEnvironment(
  stack: GuardedStack,
  context: CommandContext,
  request: ProductionGuardRequest,
): Promise<CommandContext> {
  const { environment } = stack;
  if (context.brokenGlass !== undefined) return context;
  if (stack.name === stackName(CI_PROJECT, environment.name)) {
    // The deploy workflow's role may not change the CI stack: an administrator applies it with their own credentials.
    context.report.step(
      `${stack.name}: the CI stack is applied with your own administrator credentials, never by the deploy workflow` +
        (request.breakGlass !== undefined ? ' (--break-glass ignored: the break-glass role may not change it either)' : ''),
    );
    return context;
  }
  if (!environment.protected) {
    if (request.breakGlass !== undefined) context.report.step(`${stack.name}: --break-glass ignored: environment "${environment.name}" is not protected`);
    return context;
  }
  const why = outsideDeployWorkflow(environment, context.env ?? process.env);
  if (why === undefined) {
    if (request.breakGlass !== undefined) context.report.step(`${stack.name}: --break-glass ignored: this is the deploy workflow`);
    return context;
  }
  if (request.breakGlass === undefined) {
    throw commandErrors.protectedEnvironment(stack.name, request.command, environment.name, describeSources(environment.github.deploySources), why);
  }
  return breakGlass(stack, context, request.command, request.breakGlass, why);
}

async function breakGlass(stack: GuardedStack, context: CommandContext, command: GuardedCommand, given: string, why: string): Promise<CommandContext> {
  const { environment, name } = stack;
  const reason = given.trim().replace(/\s+/g, ' ');
  const { min, max } = BREAK_GLASS_REASON_LENGTH;
  if (reason.length < min || reason.length > max) throw commandErrors.breakGlassReason(name, given, min, max);
  if (environment.breakGlass.assumedBy.length === 0) throw commandErrors.breakGlassNotConfigured(name, environment.name);
  const { report } = context;
  report.step(`BREAK GLASS: ${name}: ${command} outside the deploy workflow (${why}); reason: ${reason}`);

  const aws = context.aws(environment.region);
  const caller = await guardAccount(aws.sts, { stack: name, environment: environment.name, accountId: environment.accountId });
  const who = sourceIdentityOf(caller.arn);
  const roleArn = `arn:${partitionOf(environment.region)}:iam::${environment.accountId}:role/${platformNames(environment).breakGlassRole}`;
  const session = await assumeBreakGlassRole(aws.sts, {
    stack: name,
    roleArn,
    sourceIdentity: who,
    sessionName: `break-glass-${reason.replace(/[^\w+=.@-]+/g, '-')}`.slice(0, 64).replace(/-+$/, ''),
    reasonTag: { key: BREAK_GLASS_REASON_TAG, value: reason.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '-') },
    callerArn: caller.arn,
  });
  report.step(`break-glass: assumed ${roleArn} as ${session.arn}, source identity ${who}`);

  const clients = awsClientFactory(session.credentials);
  const announced = await publishToAlertsTopic(clients(environment.region), {
    stack: name,
    environment: environment.name,
    parameterName: sharedParameterName(environment.name, 'alertsTopicArn'),
    subject: `break-glass ${command} of ${name}`,
    message: JSON.stringify(
      customNotification({
        title: `:rotating_light: break-glass ${command} of ${name} by ${who}`,
        description:
          `${who} (${caller.arn}) runs \`${command}\` on ${name} outside the deploy workflow (${why}).\n` +
          `*Reason:* ${reason}\n` +
          `CloudTrail: session ${session.arn}, source identity ${who}.`,
        nextSteps: [
          'Ship the same change through a pull request, so that main holds what runs',
          `Review what the session did: CloudTrail events with source identity ${who}`,
        ],
        keywords: [environment.name, name, 'break-glass'],
      }),
    ),
  });
  report.step(`break-glass: announced on ${announced.topicArn} (message ${announced.messageId})`);

  return {
    ...context,
    brokenGlass: { reason },
    aws: clients,
    // Terraform and the AWS CLI take the session from the environment, before any profile.
    terraformEnv: {
      ...context.terraformEnv,
      AWS_ACCESS_KEY_ID: session.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.credentials.secretAccessKey,
      AWS_SESSION_TOKEN: session.credentials.sessionToken,
    },
  };
}

/**
 * Who the caller is, as STS accepts a source identity (2 to 64 of `[\w+=,.@-]`): the session name
 * of an assumed role (an IAM Identity Center user's e-mail or name), or an IAM user's name.
 */
export function sourceIdentityOf(callerArn: string): string {
  // arn:aws:sts::<account>:assumed-role/<role>/<session>, arn:aws:iam::<account>:user/<path>/<name>
  const path = callerArn.split(':').slice(5).join(':').split('/');
  const name = path[0] === 'assumed-role' ? path.slice(2).join('-') : (path[path.length - 1] ?? '');
  const identity = name.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return identity.length >= 2 ? identity : `caller-${identity}`;
}

/** Why this process is not the deploy workflow of one of the environment's deploy sources; undefined when it is. */
export function outsideDeployWorkflow(
  environment: ResolvedEnvironment,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (env.GITHUB_ACTIONS !== 'true') return 'this is not GitHub Actions (GITHUB_ACTIONS is not "true")';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const sources = environment.github.deploySources.filter((source) => repositoryName(source.repository) === repository);
  if (sources.length === 0) return `GITHUB_REPOSITORY is ${JSON.stringify(repository)}, which is not one of its deploy sources`;

  const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
  const ownWorkflow = `${repository}/.github/workflows/`;
  const file = workflowRef.startsWith(ownWorkflow) ? workflowRef.slice(ownWorkflow.length).replace(/@.*$/, '') : '';
  const calledWorkflow = env.DATA_PLATFORM_DEPLOY_WORKFLOW;
  const inDeployWorkflow = file === 'deploy.yml' || (file !== '' && calledWorkflow === 'universal-deploy.yml');
  if (!inDeployWorkflow) {
    return (
      `GITHUB_WORKFLOW_REF is ${JSON.stringify(workflowRef)}, which is not ${DEPLOY_WORKFLOWS.join(' or ')} ` +
      `of ${repository}${calledWorkflow ? ` (DATA_PLATFORM_DEPLOY_WORKFLOW is ${JSON.stringify(calledWorkflow)})` : ''}`
    );
  }

  const ref = env.GITHUB_REF ?? '';
  const githubEnvironment = env.DATA_PLATFORM_GITHUB_ENVIRONMENT ?? '';
  const matches = (source: GithubDeploySource) =>
    source.branch !== undefined ? ref === `refs/heads/${source.branch}` : githubEnvironment === source.environment;
  if (sources.some(matches)) return undefined;
  return (
    `the job runs on GITHUB_REF ${JSON.stringify(ref)} in GitHub environment ${JSON.stringify(githubEnvironment)} ` +
    '(DATA_PLATFORM_GITHUB_ENVIRONMENT), which matches none of them'
  );
}

/** `acme-data/data-platform (GitHub environment prod), acme-data/x (branch main)`. */
function describeSources(sources: readonly GithubDeploySource[]): string {
  return sources
    .map((source) => `${repositoryName(source.repository)} (${source.branch !== undefined ? `branch ${source.branch}` : `GitHub environment ${source.environment}`})`)
    .join(', ');
}
