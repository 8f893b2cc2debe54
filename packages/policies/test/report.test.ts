import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateStack } from '../src/evaluate';
import { dataPlatformPack } from '../src/pack';
import { formatPolicyTable, readPolicyReport, writePolicyReport } from '../src/report';
import { bucket, container, failureAlert, taskDefinition } from './support/fixtures';
import { synthesized, TEST_CONTEXT, testStack } from './support/harness';

function reportOfATaskStack() {
  const stack = testStack();
  bucket(stack, 'Lake');
  const scratch = bucket(stack, 'Scratch', { versioning: false, lifecycle: false });
  taskDefinition(stack, 'Task', (log) => [container(log, { readonlyRootFilesystem: false })]);
  failureAlert(stack);
  return evaluateStack({
    synthesized: synthesized(stack),
    context: TEST_CONTEXT,
    pack: dataPlatformPack,
    suppressions: [
      { ruleId: 'S3Versioning', reason: 'scratch space, rebuilt nightly', address: `aws_s3_bucket.${scratch.friendlyUniqueId}`, constructPath: 'test-dev/Scratch' },
      { ruleId: 'S3LifecycleRules', reason: 'emptied by a nightly job', address: `aws_s3_bucket.${scratch.friendlyUniqueId}`, constructPath: 'test-dev/Scratch' },
    ],
  });
}

describe('policy report', () => {
  test('evaluateStack - counts rules by outcome', () => {
    const report = reportOfATaskStack();
    expect(report.summary).toEqual({
      rulesChecked: dataPlatformPack.entries.length,
      passed: report.rules.filter((r) => r.outcome === 'passed').length,
      notApplicable: report.rules.filter((r) => r.outcome === 'not-applicable').length,
      warnings: 1,
      suppressed: 2,
      errors: 0,
      blocksChecked: expect.any(Number),
    });
    expect(report.summary.passed + report.summary.notApplicable + 3).toBe(dataPlatformPack.entries.length);
    expect(report.rules.find((r) => r.id === 'EcsReadOnlyRootFilesystem')).toMatchObject({ outcome: 'warned', checked: 1, nonCompliant: 1 });
    expect(report.rules.find((r) => r.id === 'S3Versioning')).toMatchObject({ outcome: 'suppressed', checked: 2, nonCompliant: 1 });
    expect(report.suppressionProblems).toEqual([]);
  });

  test('formatPolicyTable - prints the counts, then each warning and suppression', () => {
    const report = reportOfATaskStack();
    const table = formatPolicyTable(report).split('\n');
    expect(table[0]).toBe('policy checks of test-dev (pack data-platform, network mode private):');
    expect(table[1]).toBe('| rules checked | passed | not applicable | warnings | suppressed | errors |');
    expect(table[2]).toBe('|---------------|--------|----------------|----------|------------|--------|');
    expect(table[3]).toBe(
      `| ${String(dataPlatformPack.entries.length).padEnd(13)} | ${String(report.summary.passed).padEnd(6)} | ${String(report.summary.notApplicable).padEnd(14)} | 1        | 2          | 0      |`,
    );
    expect(table.slice(4)).toEqual([
      '  warning    EcsReadOnlyRootFilesystem aws_ecs_task_definition.Task: container "app" has a writable root filesystem',
      '  suppressed S3Versioning aws_s3_bucket.Scratch: scratch space, rebuilt nightly',
      '  suppressed S3LifecycleRules aws_s3_bucket.Scratch: emptied by a nightly job',
    ]);
  });

  test('writePolicyReport - round-trips through the stack folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'policy-report-')), 'stacks', 'test-dev');
    const report = reportOfATaskStack();
    expect(writePolicyReport(dir, report)).toBe(join(dir, 'policy-report.json'));
    expect(readPolicyReport(dir)).toEqual(report);
    expect(readPolicyReport(join(dir, 'missing'))).toBeUndefined();
  });
});
