/**
 * What the workflows need to know about each environment, derived from packages/config (account,
 * region, who may plan and deploy) and platformNames (role names), so that nothing is typed twice
 * in YAML and the workflows cannot drift from the OIDC trust the shared stack creates.
 *
 *   tsx .github/scripts/ci-environments.ts plan
 *     -> matrix={"include":[{environment, region, role_arn, github_environment}, ...]}
 *        (every environment, with its read-only planner role)
 *   tsx .github/scripts/ci-environments.ts deploy dev prod
 *     -> dev={...}  prod={...}
 *        (the stages deploy.yml runs, in its order, each with its deployer role and the GitHub
 *        environment the deploy job must declare for the role to trust it)
 *
 * Prints `name=value` lines for $GITHUB_OUTPUT; reads GITHUB_REPOSITORY and GITHUB_REF. GITHUB_REPOSITORY
 * is `owner/name`, never with ids: a repository written with its ids (`owner@<id>/name@<id>`) in
 * environments.ts is compared by its name.
 */
import { loadEnvironments, partitionOf, repositoryName, type ResolvedEnvironment } from '@data-platform/config';
import { platformNames } from '@data-platform/core';

/** One environment as a workflow job sees it. Snake case: these are read in YAML expressions. */
export interface CiEnvironment {
  /** The environment's name, the Nx configuration (`-c <environment>`). */
  readonly environment: string;
  readonly region: string;
  /** The IAM role the job assumes through GitHub's OIDC provider. */
  readonly role_arn: string;
  /**
   * The GitHub environment the job declares (`environment:`), which puts `environment:<name>` in
   * the OIDC subject the role trusts and applies that environment's protection rules (approval).
   * Empty when the role trusts a branch instead: a job declaring an environment would be refused.
   */
  readonly github_environment: string;
}

const WHERE = 'packages/config/src/environments.ts';

export class CiEnvironmentError extends Error {
  override readonly name = 'CiEnvironmentError';
}

export const ciEnvironmentErrors = {
  usage: (args: readonly string[]) =>
    new CiEnvironmentError(
      `usage: ci-environments.ts plan | deploy <environment>...; received ${JSON.stringify(args)}.`,
    ),
  missingVariable: (name: string) =>
    new CiEnvironmentError(`${name} is not set: run this inside GitHub Actions, or set it (e.g. ${name}=owner/name).`),
  stagesMismatch: (stages: readonly string[], declared: readonly string[]) =>
    new CiEnvironmentError(
      `deploy.yml deploys the stages ${JSON.stringify(stages)} but ${WHERE} declares ${JSON.stringify(declared)}: ` +
        'every environment must be deployed exactly once. Add a stage for it in .github/workflows/deploy.yml, or remove it from environments.ts.',
    ),
  notAPlanRepository: (environment: string, repository: string, allowed: readonly string[]) =>
    new CiEnvironmentError(
      `environment "${environment}": github.planRepositories is ${JSON.stringify(allowed)}, which does not hold ${JSON.stringify(repository)}; ` +
        `its planner role would refuse this repository's pull requests. Add "${repository}" to github.planRepositories in ${WHERE}.`,
    ),
  notADeploySource: (environment: string, repository: string, ref: string, sources: unknown) =>
    new CiEnvironmentError(
      `environment "${environment}": github.deploySources is ${JSON.stringify(sources)}, which allows neither a GitHub environment ` +
        `nor the ref ${JSON.stringify(ref)} of ${JSON.stringify(repository)}; its deployer role would refuse this job. ` +
        `Add { repository: "${repository}", branch: "<branch>" } or { repository: "${repository}", environment: "<name>" } in ${WHERE}.`,
    ),
};

function roleArn(environment: ResolvedEnvironment, roleName: string): string {
  return `arn:${partitionOf(environment.region)}:iam::${environment.accountId}:role/${roleName}`;
}

/** Every environment with its planner role, for the pull-request plan's matrix. */
export function planMatrix(
  environments: ReadonlyMap<string, ResolvedEnvironment>,
  repository: string,
): { readonly include: readonly CiEnvironment[] } {
  const include = [...environments.values()].map((environment) => {
    if (!environment.github.planRepositories.some((planned) => repositoryName(planned) === repository)) {
      throw ciEnvironmentErrors.notAPlanRepository(environment.name, repository, environment.github.planRepositories);
    }
    return {
      environment: environment.name,
      region: environment.region,
      role_arn: roleArn(environment, platformNames(environment).plannerRole),
      github_environment: '',
    };
  });
  return { include };
}

/**
 * The deploy stages, in order, each with its deployer role. A deploy source naming a GitHub
 * environment wins over a branch: the environment is where the approval lives.
 */
export function deployStages(
  environments: ReadonlyMap<string, ResolvedEnvironment>,
  repository: string,
  ref: string,
  stages: readonly string[],
): ReadonlyMap<string, CiEnvironment> {
  const declared = [...environments.keys()];
  if (stages.length !== declared.length || [...declared].sort().join() !== [...stages].sort().join()) {
    throw ciEnvironmentErrors.stagesMismatch(stages, declared);
  }
  return new Map(
    stages.map((name) => {
      const environment = environments.get(name)!;
      const sources = environment.github.deploySources.filter((source) => repositoryName(source.repository) === repository);
      const byEnvironment = sources.find((source) => source.environment !== undefined);
      const byBranch = sources.find((source) => source.branch !== undefined && ref === `refs/heads/${source.branch}`);
      if (!byEnvironment && !byBranch) {
        throw ciEnvironmentErrors.notADeploySource(name, repository, ref, environment.github.deploySources);
      }
      const stage: CiEnvironment = {
        environment: name,
        region: environment.region,
        role_arn: roleArn(environment, platformNames(environment).deployerRole),
        github_environment: byEnvironment?.environment ?? '',
      };
      return [name, stage];
    }),
  );
}

/** The `$GITHUB_OUTPUT` lines for one invocation. */
export function ciOutputs(
  args: readonly string[],
  variables: Readonly<Record<string, string | undefined>>,
  environments: ReadonlyMap<string, ResolvedEnvironment> = loadEnvironments(),
): string {
  const [mode, ...stages] = args;
  const repository = variables.GITHUB_REPOSITORY;
  if (!repository) throw ciEnvironmentErrors.missingVariable('GITHUB_REPOSITORY');
  if (mode === 'plan' && stages.length === 0) {
    return `matrix=${JSON.stringify(planMatrix(environments, repository))}\n`;
  }
  if (mode === 'deploy' && stages.length > 0) {
    const ref = variables.GITHUB_REF;
    if (!ref) throw ciEnvironmentErrors.missingVariable('GITHUB_REF');
    const lines = [...deployStages(environments, repository, ref, stages)].map(([name, stage]) => `${name}=${JSON.stringify(stage)}`);
    return `${lines.join('\n')}\n`;
  }
  throw ciEnvironmentErrors.usage(args);
}

if (require.main === module) {
  try {
    process.stdout.write(ciOutputs(process.argv.slice(2), process.env));
  } catch (error) {
    process.stderr.write(`::error title=ci-environments::${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
