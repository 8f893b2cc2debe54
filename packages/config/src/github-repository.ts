/**
 * A GitHub repository as `environments.ts` writes it: by name, `owner/name`, or with GitHub's
 * immutable ids, `owner@<owner id>/name@<repository id>`. GitHub puts the ids in the OIDC subject
 * of repositories that use immutable subject claims (`repo:octocat@123456/my-repo@456789:ref:...`);
 * `GITHUB_REPOSITORY` never carries them.
 */
const REPOSITORY = /^([A-Za-z0-9_.-]+)(?:@([1-9]\d*))?\/([A-Za-z0-9_.-]+)(?:@([1-9]\d*))?$/;

export interface GithubRepository {
  /** `owner/name`, what `GITHUB_REPOSITORY` holds. */
  readonly name: string;
  /** The owner's and the repository's immutable ids, when the repository is written with them. */
  readonly ids?: { readonly owner: string; readonly repository: string };
}

/** The repository written as `owner/name` or `owner@<id>/name@<id>`; undefined when it is neither. */
export function parseGithubRepository(written: string): GithubRepository | undefined {
  const match = REPOSITORY.exec(written);
  if (!match) return undefined;
  const [, owner, ownerId, name, repositoryId] = match as unknown as [string, string, string | undefined, string, string | undefined];
  if ((ownerId === undefined) !== (repositoryId === undefined)) return undefined;
  return {
    name: `${owner}/${name}`,
    ...(ownerId !== undefined && repositoryId !== undefined ? { ids: { owner: ownerId, repository: repositoryId } } : {}),
  };
}

/** `owner/name` without ids, to compare with `GITHUB_REPOSITORY`. */
export function repositoryName(written: string): string {
  return written.replace(/@\d+(?=\/|$)/g, '');
}

/**
 * The repository part of the OIDC subject GitHub sends for it: `repo:owner/name` in the name form,
 * `repo:owner@<id>/name@<id>` in the immutable form, as written.
 */
export function oidcSubjectPrefix(written: string): string {
  return `repo:${written}`;
}
