import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../src/errors';
import { imageTag, readGitRevision } from '../../src/git/git-revision';
import { processRunner } from '../../src/process/command-runner';

/** Real git, in a temporary repository. */
describe('git revision', () => {
  let dir: string;
  const git = async (...args: string[]) => {
    const result = await processRunner.run('git', args, { cwd: dir, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    if (result.exitCode !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-platform-git-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('readGitRevision - throws outside a git work tree', async () => {
    const error = (await readGitRevision(processRunner, dir).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toMatch(new RegExp(`^${dir} is not inside a git work tree \\(.*not a git repository.*\\); images are tagged with the git commit, so deploy from a clone\\.$`, 's'));
  });

  test('readGitRevision - the commit of HEAD, clean, then the changes of a dirty tree', async () => {
    await git('init', '-q');
    writeFileSync(join(dir, 'main.py'), 'print(1)\n');
    await git('add', 'main.py');
    await git('commit', '-q', '-m', 'first');
    const head = await git('rev-parse', 'HEAD');
    expect(await readGitRevision(processRunner, dir)).toEqual({ commit: head, changes: [] });

    writeFileSync(join(dir, 'main.py'), 'print(2)\n');
    writeFileSync(join(dir, 'new.py'), '');
    expect(await readGitRevision(processRunner, dir)).toEqual({ commit: head, changes: [' M main.py', '?? new.py'] });
  });

  test('imageTag - the commit when clean, a timestamped -dirty tag otherwise', () => {
    const commit = 'a'.repeat(40);
    const now = new Date('2026-03-01T10:20:30.456Z');
    expect(imageTag({ commit, changes: [] }, now)).toBe(commit);
    expect(imageTag({ commit, changes: [' M x'] }, now)).toBe(`${commit}-dirty-20260301t102030z`);
    expect(imageTag({ commit, changes: [' M x'] }, now)).toMatch(/^[a-z0-9][a-z0-9._-]{0,127}$/);
  });
});
