import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftIssues, driftMarker, type DriftIssuesIo } from '../../src/commands/drift-issues';
import { failedPlanSummary, summarizePlan, writePlanSummary } from '../../src/plan/plan-summary';
import type { PlanFixture } from '../plan/fixtures/generate-plan-fixtures';
import { FakeGithub } from '../support/fake-github';

const github = new FakeGithub();
beforeAll(() => github.start());
afterAll(() => github.stop());

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const TOKEN = 'ghs_test0000000000000000000000000000000';
const NOW = new Date('2026-12-02T03:17:00Z');
const RUN = 'https://github.com/acme-data/data-platform/actions/runs/42';

/**
 * A workspace whose dist/plans holds the summaries of real plans: `<stack>.change` fixtures drift,
 * `clean:<stack>` plans without changes, `failed:<stack>` failed.
 */
function workspace(plans: readonly string[]): { io: DriftIssuesIo & { text: () => string }; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'drift-issues-'));
  created.push(dir);
  const plansDir = join(dir, 'dist', 'plans');
  for (const name of plans) {
    const [kind, stack] = name.includes(':') ? name.split(':') as [string, string] : ['change', name];
    const environment = stack.endsWith('-prod') ? 'prod' : 'dev';
    const subject = { stack, project: stack.slice(0, -environment.length - 1), environment };
    if (kind === 'failed') {
      writePlanSummary(plansDir, failedPlanSummary(subject, 'Error: No valid credential sources found'));
      continue;
    }
    const plan = JSON.parse(readFileSync(join(__dirname, '..', 'plan', 'fixtures', `${stack}.change.json`), 'utf8')) as PlanFixture;
    writePlanSummary(plansDir, summarizePlan(kind === 'clean' ? { ...plan, resource_changes: [], output_changes: {} } : plan, subject));
  }
  let written = '';
  const env = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme-data/data-platform', GITHUB_API_URL: github.url };
  return { dir, io: { cwd: dir, env, now: () => NOW, write: (t) => (written += t), text: () => written } };
}

const ARGS = ['--projects', '["ticketing-api"]', '--run-url', RUN];

beforeEach(() => {
  github.requests.length = 0;
  github.issues.length = 0;
  delete github.failWith;
});

describe('drift-issues', () => {
  test('drift-issues - open: a drifted stack without an issue gets one, labelled drift, with its plan summary', async () => {
    const { io, dir } = workspace(['ticketing-api-dev', 'clean:ticketing-api-prod']);
    await expect(driftIssues([...ARGS, '--github-output', 'out.txt'], io)).resolves.toBe(0);
    expect(github.writes()).toEqual([{
      method: 'POST',
      path: '/repos/acme-data/data-platform/issues',
      body: { title: 'Drift: ticketing-api-dev differs from its Terraform configuration', body: expect.any(String), labels: ['drift'] },
      authorization: `Bearer ${TOKEN}`,
    }]);
    const body = github.issues[0]!.body;
    expect(body.startsWith(`${driftMarker('ticketing-api-dev')}\n`)).toBe(true);
    expect(body).toContain(`Last checked 2026-12-02T03:17:00Z in [this run](${RUN})`);
    expect(body).toContain(readFileSync(join(dir, 'dist', 'plans', 'ticketing-api-dev.md'), 'utf8'));
    expect(io.text()).toBe('ticketing-api-dev: opened https://github.com/acme-data/data-platform/issues/1\nticketing-api-prod: none\n');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('appeared=["ticketing-api-dev"]\ndrifted=["ticketing-api-dev"]\n');
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/acme-data/data-platform/issues?labels=drift&state=all&per_page=100&page=1' });
  });

  test('drift-issues - update: the drift lasts, its open issue gets the new summary and nothing else', async () => {
    const { io, dir } = workspace(['ticketing-api-dev', 'clean:ticketing-api-prod']);
    github.add({ body: `${driftMarker('ticketing-api-dev')}\nold summary` });
    await driftIssues([...ARGS, '--github-output', 'out.txt'], io);
    expect(github.writes()).toEqual([{ method: 'PATCH', path: '/repos/acme-data/data-platform/issues/1', body: { body: expect.stringContaining('Last checked 2026-12-02T03:17:00Z'), }, authorization: `Bearer ${TOKEN}` }]);
    expect(github.issues).toHaveLength(1);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('appeared=[]\ndrifted=["ticketing-api-dev"]\n');
  });

  test('drift-issues - reopen: drift back on a stack whose issue was closed reopens that issue rather than opening another', async () => {
    const { io } = workspace(['ticketing-api-dev', 'clean:ticketing-api-prod']);
    github.add({ body: `${driftMarker('ticketing-api-dev')}\nold`, state: 'closed' });
    github.add({ body: `${driftMarker('ticketing-api-prod')}\nanother stack`, state: 'closed' });
    await driftIssues(ARGS, io);
    expect(github.writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/repos/acme-data/data-platform/issues/1', { body: expect.any(String), state: 'open', state_reason: 'reopened' }],
      ['POST', '/repos/acme-data/data-platform/issues/1/comments', { body: 'The drift is back: the plan of 2026-12-02 is not empty again (summary above).' }],
    ]);
    expect(github.issues.map((i) => i.state)).toEqual(['open', 'closed']);
    expect(io.text()).toContain('ticketing-api-dev: reopened https://github.com/acme-data/data-platform/issues/1');
  });

  test('drift-issues - close: a stack clean again has its open issue closed with a comment', async () => {
    const { io } = workspace(['clean:ticketing-api-dev', 'clean:ticketing-api-prod']);
    github.add({ body: `${driftMarker('ticketing-api-dev')}\nold` });
    await driftIssues(ARGS, io);
    expect(github.writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/repos/acme-data/data-platform/issues/1/comments', { body: `\`ticketing-api-dev\` plans clean again (2026-12-02, [run](${RUN})): closing.` }],
      ['PATCH', '/repos/acme-data/data-platform/issues/1', { state: 'closed', state_reason: 'completed' }],
    ]);
    expect(github.issues[0]!.state).toBe('closed');
  });

  test('drift-issues - nothing to do: clean stacks without open issues, and pull requests labelled drift, are left alone', async () => {
    const { io } = workspace(['clean:ticketing-api-dev', 'clean:ticketing-api-prod']);
    github.add({ body: `${driftMarker('ticketing-api-dev')}\nold`, state: 'closed' });
    github.add({ body: `${driftMarker('ticketing-api-prod')}\na pull request`, pull_request: {} });
    await expect(driftIssues(ARGS, io)).resolves.toBe(0);
    expect(github.writes()).toEqual([]);
    expect(io.text()).toBe('ticketing-api-dev: none\nticketing-api-prod: none\n');
  });

  test('drift-issues - throws after keeping the others when a plan failed or wrote no summary; that stack\'s issue is untouched', async () => {
    const { io } = workspace(['failed:ticketing-api-dev', 'ticketing-api-prod']);
    github.add({ body: `${driftMarker('ticketing-api-dev')}\nold` });
    await expect(driftIssues(['--projects', '["ticketing-api","shared"]'], io)).rejects.toThrow(
      'drift-issues: 3 stacks could not be checked for drift (the plan failed or wrote no summary): ticketing-api-dev, shared-dev, shared-prod. Their issues were left as they are; see the plan job\'s log.',
    );
    expect(github.writes().map((r) => [r.method, r.path])).toEqual([['POST', '/repos/acme-data/data-platform/issues']]);
    expect(github.issues[0]!.body).toBe(`${driftMarker('ticketing-api-dev')}\nold`);
  });

  test('drift-issues - throws on a GitHub refusal with its status and message, never the token', async () => {
    const { io } = workspace(['ticketing-api-dev']);
    github.failWith = { status: 403, message: 'Resource not accessible by integration' };
    const error = await driftIssues(ARGS, io).then(() => undefined, (e: Error) => e);
    expect(error?.message).toBe(
      'GitHub API GET /repos/acme-data/data-platform/issues answered 403: Resource not accessible by integration. Check that the job has `permissions: issues: write` and that GITHUB_TOKEN is its token.',
    );
    expect(error?.message).not.toContain(TOKEN);
  });

  test('drift-issues - throws without a token, naming how to give one', async () => {
    const { io } = workspace([]);
    await expect(driftIssues(ARGS, { ...io, env: { GITHUB_REPOSITORY: 'acme-data/data-platform' } })).rejects.toThrow(
      'drift-issues: GITHUB_TOKEN is not set; in GitHub Actions pass it in the step\'s env (GITHUB_TOKEN: ${{ github.token }}, with permissions issues: write).',
    );
  });
});
