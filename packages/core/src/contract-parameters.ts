import type { ResolvedEnvironment } from '@data-platform/config';
import { exampleSharedParameters, sharedParameterPrefix } from './shared-platform';
import { exampleTeamParameter, teamParameterPrefix } from './team-alerts';

/**
 * Every SSM prefix of an environment's contract parameters: plain Strings that stacks publish for
 * other stacks to read (the shared platform's, and where each team's alerts go). Plans read them,
 * so roles that plan may read these and no other parameter.
 */
export function contractParameterPrefixes(environment: string): readonly string[] {
  return [sharedParameterPrefix(environment), teamParameterPrefix(environment)];
}

/**
 * A plausible value of any contract parameter, by full name, for offline plans with a mocked
 * provider; undefined for a name outside the contracts.
 */
export function exampleContractParameter(environment: ResolvedEnvironment, name: string): string | undefined {
  return exampleSharedParameters(environment)[name] ?? exampleTeamParameter(environment, name);
}
