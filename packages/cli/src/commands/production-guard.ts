import type { GithubDeploySource, ResolvedEnvironment } from '@data-platform/config';
import { repositoryName } from '@data-platform/config';
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
}

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
 *   context = await guardProtectedEnvironment(stack, context, { command: 'rollback' });
 *
 * For an environment that is not protected, it returns `context` as it is. For a protected one,
 * the command runs only inside the deploy workflow on one of the environment's deploy sources:
 * GITHUB_ACTIONS=true, GITHUB_REPOSITORY one of its deploy-source repositories (without ids), on
 * that source's branch (GITHUB_REF) or GitHub environment (DATA_PLATFORM_GITHUB_ENVIRONMENT, which
 * the deploy jobs set from their `environment:`), and in deploy.yml (GITHUB_WORKFLOW_REF) or in
 * universal-deploy.yml (DATA_PLATFORM_DEPLOY_WORKFLOW, which that called workflow sets: a called
 * workflow's GITHUB_WORKFLOW_REF is its caller's). Anywhere else it throws, saying how to ship the
 * change through a pull request. This check is advice to honest users; IAM is the fence (the
 * deployer role trusts only the workflow's OIDC subject).
 */
export async function guardProtectedEnvironment(
  stack: GuardedStack,
  context: CommandContext,
  request: ProductionGuardRequest,
): Promise<CommandContext> {
  const { environment } = stack;
  if (!environment.protected) return context;
  const why = outsideDeployWorkflow(environment, context.env ?? process.env);
  if (why === undefined) return context;
  throw commandErrors.protectedEnvironment(stack.name, request.command, environment.name, describeSources(environment.github.deploySources), why);
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
