import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prComment, type PrCommentIo } from '../../src/commands/pr-comment';
import { failedPlanSummary, PLAN_COMMENT_MARKER, summarizePlan, writePlanSummary } from '../../src/plan/plan-summary';
import type { PlanFixture } from '../plan/fixtures/generate-plan-fixtures';
import { pipelineManifest } from '../plan/manifest-fixtures';

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A workspace whose dist/plans holds the summaries of real plans (test/plan/fixtures). */
function workspace(fixtures: readonly string[]): { io: PrCommentIo & { text: () => string }; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pr-comment-'));
  created.push(dir);
  for (const name of fixtures) {
    const plan = JSON.parse(readFileSync(join(__dirname, '..', 'plan', 'fixtures', `${name}.json`), 'utf8')) as PlanFixture;
    writePlanSummary(join(dir, 'dist', 'plans'), summarizePlan(plan, { stack: plan.stack, project: plan.project, environment: plan.environment }));
  }
  let written = '';
  return { dir, io: { cwd: dir, write: (t) => (written += t), text: () => written } };
}

const ALL = ['shared-dev.change', 'shared-prod.change', 'ticketing-api-dev.change', 'ticketing-api-prod.change'];

describe('pr-comment --check', () => {
  test('pr-comment --check - every affected stack planned: one line each, exit 0', async () => {
    const { io } = workspace(ALL);
    await expect(prComment(['--check', '--projects', '["shared","ticketing-api"]'], io)).resolves.toBe(0);
    expect(io.text().trimEnd().split('\n')).toEqual([
      'shared-dev: 0 to add, 3 to change, 1 to replace, 1 to destroy',
      'ticketing-api-dev: 0 to add, 1 to change, 1 to replace, 0 to destroy',
      'shared-prod: 0 to add, 3 to change, 1 to replace, 1 to destroy',
      'ticketing-api-prod: 0 to add, 1 to change, 1 to replace, 0 to destroy',
    ]);
  });

  test('pr-comment --check --env - judges one environment only', async () => {
    const { io } = workspace(['shared-dev.change']);
    await expect(prComment(['--check', '--env', 'dev', '--projects', '["shared"]'], io)).resolves.toBe(0);
    expect(io.text()).toBe('shared-dev: 0 to add, 3 to change, 1 to replace, 1 to destroy\n');
  });

  test('pr-comment --check - throws naming each stack whose plan failed or wrote nothing', async () => {
    const { dir, io } = workspace(['shared-dev.change']);
    writePlanSummary(join(dir, 'dist', 'plans'), failedPlanSummary({ stack: 'ticketing-api-dev', project: 'ticketing-api', environment: 'dev' }, 'ticketing-api-dev: terraform init failed:\nError: x'));
    await expect(prComment(['--check', '--env', 'dev', '--projects', '["shared","ticketing-api","shopify-products"]'], io)).rejects.toThrow(
      '2 plans failed:\n' +
        '  shopify-products-dev: no plan summary (dist/plans/shopify-products-dev.json): its plan did not run, or failed before writing one (synth?); see the log of `nx affected -t plan`.\n' +
        '  ticketing-api-dev: plan failed: ticketing-api-dev: terraform init failed:',
    );
  });
});

describe('pr-comment', () => {
  test('pr-comment --out - writes the comment of every environment', async () => {
    const { dir, io } = workspace(ALL);
    const args = ['--projects', '["shared","ticketing-api"]', '--out', 'dist/pr-comment.md', '--commit', 'abcdef1234567890', '--run-url', 'https://x/runs/9'];
    await expect(prComment(args, io)).resolves.toBe(0);
    const comment = readFileSync(join(dir, 'dist', 'pr-comment.md'), 'utf8');
    expect(comment.startsWith(`${PLAN_COMMENT_MARKER}\n`)).toBe(true);
    expect(comment).toContain('| `shared-prod` | prod | 0 | 3 | 1 | 1 | changes :warning: |');
    expect(comment).toContain('Planned at `abcdef123456` · [workflow run](https://x/runs/9)');
    expect(io.text()).toBe('');
  });

  test('pr-comment --fork - the comment says nothing was planned', async () => {
    const { io } = workspace([]);
    await expect(prComment(['--projects', '["shared"]', '--fork'], io)).resolves.toBe(0);
    expect(io.text()).toContain('| `shared-dev` | dev | – | – | – | – | not planned (fork) |');
  });

  test.each([
    [['--projects', 'shared'], 'pr-comment: --projects is "shared"; expected a JSON array of project names'],
    [['--projects', '{"a":1}'], 'pr-comment: --projects is "{\\"a\\":1}"; expected a JSON array'],
    [[], 'pr-comment: --projects is required'],
    [['--projects', '[]', '--plan', 'x'], "pr-comment: Unknown option '--plan'"],
    [['--projects', '[]', '--env', 'staging'], 'unknown environment "staging"; known environments are "dev", "prod"'],
  ])('pr-comment - throws one clear error for %j', async (args, message) => {
    const { io } = workspace([]);
    await expect(prComment(args, io)).rejects.toThrow(message);
  });
});

describe('pr-comment --manifests', () => {
  test('pr-comment --manifests - owner and cost columns in the table, the egress and cost sections, from the base\'s and the head\'s manifests', async () => {
    const { io, dir } = workspace(['ticketing-api-dev.change']);
    const egress = [{ port: 5432, to: '10.40.0.0/16', reason: 'Orders replica' }];
    for (const [side, desiredCount, owner, rules] of [['base', 1, 'analytics', []], ['head', 2, 'orders-team', egress]] as const) {
      mkdirSync(join(dir, 'dist', 'manifests', side), { recursive: true });
      writeFileSync(join(dir, 'dist', 'manifests', side, 'ticketing-api.json'), JSON.stringify(pipelineManifest('ticketing-api', { desiredCount, owner, egress: rules })));
    }
    await expect(prComment(['--env', 'dev', '--projects', '["ticketing-api"]', '--manifests', 'dist/manifests'], io)).resolves.toBe(0);
    const comment = io.text();
    expect(comment).toContain('| stack | environment | owner | add | change | replace | destroy | | monthly cost (estimate) |');
    expect(comment).toMatch(/^\| `ticketing-api-dev` \| dev \| analytics → \*\*orders-team\*\* \| 0 \| 1 \| 1 \| 0 \| .+ \| \$15\.02 \(\+\$7\.21 \(\+92%\)\) \|$/m);
    expect(comment).toContain('| `ticketing-api-dev` | dev | $7.81 | $15.02 | +$7.21 (+92%) |');
    expect(comment).toContain('| ➕ added | dev | `ticketing-api` | orders-team | 5432 | `10.40.0.0/16` | Orders replica |');
  });
});
