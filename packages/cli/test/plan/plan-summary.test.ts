import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeCounts,
  failedPlanSummary,
  readPlanSummaries,
  renderPlanMarkdown,
  summarizePlan,
  writePlanSummary,
  type PlanSummary,
} from '../../src/plan/plan-summary';
import { processRunner } from '../../src/process/command-runner';
import { Terraform, type PlanJson } from '../../src/terraform/terraform';

/**
 * The plan JSON comes from a real `terraform plan -out` and `terraform show -json`, of a
 * configuration of terraform_data resources (built into terraform: no provider, no network),
 * applied once and then changed so that the plan adds, changes, replaces, destroys and forgets.
 */
const BEFORE = {
  resource: {
    terraform_data: {
      keep: { input: 'a' },
      update: { input: 'old' },
      replace: { triggers_replace: 'v1' },
      gone: { input: 'x' },
      forgotten: { input: 'z' },
    },
  },
  output: { version: { value: '1' } },
};
const AFTER = {
  resource: {
    terraform_data: {
      keep: { input: 'a' },
      update: { input: 'new' },
      replace: { triggers_replace: 'v2' },
      added: { input: 'y' },
    },
  },
  removed: [{ from: 'terraform_data.forgotten', lifecycle: { destroy: false } }],
  output: { version: { value: '2' } },
};

describe('plan summary', () => {
  let dir: string;
  let plan: PlanJson;
  let changes: boolean;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'data-platform-plan-summary-'));
    const terraform = new Terraform(processRunner, 'fixture', dir);
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(BEFORE));
    await terraform.run('init', ['init', '-input=false', '-no-color']);
    await terraform.run('apply', ['apply', '-auto-approve', '-input=false', '-no-color']);
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(AFTER));
    ({ changes } = await terraform.plan('fixture.tfplan'));
    plan = await terraform.showPlan('fixture.tfplan');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const subject = { stack: 'ticketing-api-dev', project: 'ticketing-api', environment: 'dev' };

  test('summarizePlan - sorts a real plan into adds, changes, replacements, destroys and forgets by address', () => {
    expect(changes).toBe(true);
    const summary = summarizePlan(plan, subject);
    expect(summary.status).toBe('changes');
    expect(summary.counts).toEqual({ add: 1, change: 1, replace: 1, destroy: 1, import: 0, forget: 1 });
    expect(summary.resources.add).toEqual([{ address: 'terraform_data.added', type: 'terraform_data' }]);
    expect(summary.resources.change).toEqual([{ address: 'terraform_data.update', type: 'terraform_data' }]);
    expect(summary.resources.replace).toEqual([{ address: 'terraform_data.replace', type: 'terraform_data', reason: 'replace_because_cannot_update' }]);
    expect(summary.resources.destroy).toEqual([{ address: 'terraform_data.gone', type: 'terraform_data', reason: 'delete_because_no_resource_config' }]);
    expect(summary.resources.forget.map((r) => r.address)).toEqual(['terraform_data.forgotten']);
    expect(summary.outputs).toEqual(['version']);
    expect(describeCounts(summary)).toBe('1 to add, 1 to change, 1 to replace, 1 to destroy, 1 to forget');
  });

  test('summarizePlan - calls out every destroy and replacement in the shared stack, only stateful ones elsewhere', () => {
    expect(summarizePlan(plan, subject).attention).toEqual([]);
    expect(summarizePlan(plan, { ...subject, stack: 'shared-dev', project: 'shared' }).attention).toEqual(['terraform_data.gone', 'terraform_data.replace']);
    const lake: PlanJson = {
      resource_changes: [
        { address: 'aws_s3_bucket.Lake', type: 'aws_s3_bucket', change: { actions: ['delete', 'create'] } },
        { address: 'aws_iam_role.Task', type: 'aws_iam_role', change: { actions: ['delete'] } },
        { address: 'data.aws_iam_policy_document.Task', mode: 'data', type: 'aws_iam_policy_document', change: { actions: ['read'] } },
      ],
    };
    const summary = summarizePlan(lake, subject);
    expect(summary.attention).toEqual(['aws_s3_bucket.Lake']);
    expect(summary.counts.destroy + summary.counts.replace).toBe(2);
  });

  test('summarizePlan - a plan with nothing to do is no-changes', () => {
    const summary = summarizePlan({ resource_changes: [{ address: 'terraform_data.keep', type: 'terraform_data', change: { actions: ['no-op'] } }] }, subject);
    expect(summary.status).toBe('no-changes');
    expect(renderPlanMarkdown(summary)).toBe('### `ticketing-api-dev`: no changes\n');
  });

  test('renderPlanMarkdown - headline, warning, image, and the resources folded in a table', () => {
    const summary = summarizePlan(plan, {
      ...subject,
      stack: 'shared-dev',
      project: 'shared',
      image: { reference: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-x@sha256:abc', source: 'the image of commit 0123456789ab' },
    });
    const markdown = renderPlanMarkdown(summary);
    expect(markdown).toContain('### `shared-dev`: 1 to add, 1 to change, 1 to replace, 1 to destroy, 1 to forget\n');
    expect(markdown).toContain('> [!WARNING]\n> This plan destroys or replaces 2 resources that the whole platform relies on: `terraform_data.gone`, `terraform_data.replace`.');
    expect(markdown).toContain('Image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-x@sha256:abc` (the image of commit 0123456789ab).');
    expect(markdown).toContain('<details><summary>5 resources</summary>');
    expect(markdown).toContain('| `-/+` replace | `terraform_data.replace` | replace_because_cannot_update |');
    expect(markdown).toContain('| `+` add | `terraform_data.added` |  |');
    expect(markdown).toContain('Outputs changed: `version`.');
  });

  test('failedPlanSummary - status error, nothing counted, and what went wrong in a text block', () => {
    const failed = failedPlanSummary({ ...subject, notes: ['a note'] }, 'shared-dev: terraform plan failed:\nError: no valid credential sources');
    expect(failed).toMatchObject({ status: 'error', counts: { add: 0, change: 0, replace: 0, destroy: 0 }, attention: [], notes: ['a note'] });
    expect(renderPlanMarkdown(failed)).toBe(
      '### `ticketing-api-dev`: plan failed\n\n```text\nshared-dev: terraform plan failed:\nError: no valid credential sources\n```\n\n> a note\n',
    );
  });

  test('writePlanSummary - writes <stack>.json and <stack>.md that readPlanSummaries reads back', () => {
    const out = join(dir, 'dist', 'plans');
    const summary = summarizePlan(plan, subject);
    const written = writePlanSummary(out, summary);
    expect(written).toEqual({ json: join(out, 'ticketing-api-dev.json'), markdown: join(out, 'ticketing-api-dev.md') });
    expect(readFileSync(written.markdown, 'utf8')).toBe(renderPlanMarkdown(summary));
    expect(readPlanSummaries(out)).toEqual([JSON.parse(JSON.stringify(summary)) as PlanSummary]);
    writeFileSync(join(out, 'old.json'), JSON.stringify({ ...summary, format: 0 }));
    expect(() => readPlanSummaries(out)).toThrow(`${join(out, 'old.json')} is plan summary format 0; this reader knows format 1.`);
  });
});
