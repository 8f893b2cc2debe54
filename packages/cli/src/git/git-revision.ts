import type { CommandRunner } from '../process/command-runner';
import { commandErrors } from '../errors';

/** The commit a work tree is at, and whether it has changes not in that commit. */
export interface GitRevision {
  /** The full commit id of HEAD. */
  readonly commit: string;
  /** Uncommitted changes (`git status --porcelain` lines), untracked files included; empty when clean. */
  readonly changes: readonly string[];
}

/** Reads HEAD and the work tree's status through the runner. */
export async function readGitRevision(runner: CommandRunner, dir: string): Promise<GitRevision> {
  const head = await runner.run('git', ['rev-parse', '--verify', 'HEAD'], { cwd: dir });
  if (head.exitCode !== 0) throw commandErrors.notGitRepository(dir, head.stderr || head.stdout);
  const status = await runner.run('git', ['status', '--porcelain'], { cwd: dir });
  if (status.exitCode !== 0) throw commandErrors.notGitRepository(dir, status.stderr || status.stdout);
  return {
    commit: head.stdout.trim(),
    changes: status.stdout.split('\n').filter((line) => line.trim().length > 0),
  };
}

/**
 * The image tag of a revision: the commit id, or for a dirty work tree (allowed outside prod) the
 * commit id with a `-dirty-<UTC timestamp>` suffix, so that it never takes the clean commit's tag
 * in a repository whose tags are immutable.
 */
export function imageTag(revision: GitRevision, now: Date): string {
  if (revision.changes.length === 0) return revision.commit;
  return `${revision.commit}-dirty-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase()}`;
}
