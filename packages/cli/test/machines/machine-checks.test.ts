import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TerraformJson } from '@data-platform/state-machine-harness';
import { checkStateMachines } from '../../src/machines/machine-checks';
import { synthesizedPipelineFolder } from '../support/pipeline-folder';
import { tempWorkspace, type TempWorkspace } from '../support/stack-fixtures';

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as TerraformJson;

describe('checkStateMachines', () => {
  let workspace: TempWorkspace;
  beforeAll(() => {
    workspace = tempWorkspace();
  });
  afterAll(() => workspace.remove());

  test('checkStateMachines - a job: its three definitions valid, every expression compiled by 2.0.6, every run scenario passed', async () => {
    const stack = synthesizedPipelineFolder(workspace.root, 'hourly', { mode: 'job', schedule: 'cron(5 * * * ? *)', retries: 1, maxRuntimeMinutes: 20 });
    const report = await checkStateMachines(stack, read(stack.dir));
    expect(report).toMatchObject({ definitions: 3 });
    expect(report.expressions).toBeGreaterThan(30);
    expect(report.scenarios).toBeGreaterThan(20);
  });

  test('checkStateMachines - a service has no machine to check', async () => {
    const stack = synthesizedPipelineFolder(workspace.root, 'poller', { mode: 'service' });
    expect(await checkStateMachines(stack, read(stack.dir))).toMatchObject({ definitions: 0, expressions: 0, scenarios: 0 });
  });

  test('checkStateMachines - throws with every problem of every scenario: a slot release that frees nothing', async () => {
    const stack = synthesizedPipelineFolder(workspace.root, 'broken', { mode: 'job', schedule: 'rate(1 hour)', maxRuntimeMinutes: 20 });
    const json = read(stack.dir) as { resource: Record<string, Record<string, { name: string; definition: string }>> };
    for (const machine of Object.values(json.resource.aws_sfn_state_machine!)) {
      if (!machine.name.endsWith('-release')) continue;
      // A release that frees nothing (it deletes a slot only when no run holds it): stopped runs keep their slots.
      const definition = JSON.parse(machine.definition);
      definition.States.FreeSlot.Arguments.ExpressionAttributeValues[':run'] = { S: 'no-run-has-this-name' };
      machine.definition = JSON.stringify(definition);
    }
    const error = await checkStateMachines(stack, json as TerraformJson).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/^broken-dev: its state machines do not hold up \(\d+ problems\):\n/);
    expect(error?.message).toMatch(/\n {2}- scenario "stop: a stopped run .*": manual-\S+ \(ABORTED\) still holds its slot 2 minutes after it ended\n/);
    expect(error?.message).toMatch(/These come from the platform \(packages\/standard-etl\), not from main\.ts: report them with this output\.$/);
  });

  test('checkStateMachines - throws when asl-validator refuses a definition, naming the machine', async () => {
    const stack = synthesizedPipelineFolder(workspace.root, 'invalid', { mode: 'job', schedule: 'rate(1 hour)', maxRuntimeMinutes: 20 });
    const json = read(stack.dir) as { resource: Record<string, Record<string, { name: string; definition: string }>> };
    const release = Object.values(json.resource.aws_sfn_state_machine!).find((m) => m.name.endsWith('-release'))!;
    const definition = JSON.parse(release.definition);
    definition.States.Prepare.Next = 'Nowhere';
    release.definition = JSON.stringify(definition);
    await expect(checkStateMachines(stack, json as TerraformJson)).rejects.toThrow(/^invalid-dev: its state machines do not hold up \(\d+ problems?\):\n {2}- dp-invalid-dev-release: asl-validator: /);
  });
});
