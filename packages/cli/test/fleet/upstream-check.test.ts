import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOwnUpstreams } from '../../src/fleet/upstream-check';
import { synthesizedPipelineFolder } from '../support/pipeline-folder';
import { tempWorkspace, type TempWorkspace } from '../support/stack-fixtures';

describe('checkOwnUpstreams', () => {
  let workspace: TempWorkspace;
  beforeEach(() => {
    workspace = tempWorkspace();
  });
  afterEach(() => workspace.remove());

  test('checkOwnUpstreams - upstreams that exist and are jobs pass', () => {
    synthesizedPipelineFolder(workspace.root, 'orders', { mode: 'job', schedule: 'rate(1 hour)' });
    const stack = synthesizedPipelineFolder(workspace.root, 'summary', { mode: 'job', after: ['orders'], freshWithinHours: 3 });
    expect(() => checkOwnUpstreams(stack, workspace.root)).not.toThrow();
  });

  test('checkOwnUpstreams - throws the fleet check\'s message on an unknown upstream', () => {
    synthesizedPipelineFolder(workspace.root, 'orders', { mode: 'job', schedule: 'rate(1 hour)' });
    const stack = synthesizedPipelineFolder(workspace.root, 'summary', { mode: 'job', after: ['ordres'], freshWithinHours: 3 });
    expect(() => checkOwnUpstreams(stack, workspace.root)).toThrow(
      'summary-dev: pipeline "summary": after[0] is "ordres"; no pipeline of that name exists (known pipelines: orders); name a folder under pipelines/.\n' +
        'The rule of an unknown upstream would never fire; fix after in main.ts and synthesize again (npx nx run fleet:validate checks every pipeline).',
    );
  });

  test('checkOwnUpstreams - throws on an always-on upstream, listing every refused one', () => {
    synthesizedPipelineFolder(workspace.root, 'poller', { mode: 'service' });
    const stack = synthesizedPipelineFolder(workspace.root, 'summary', { mode: 'job', after: ['poller', 'nope'], freshWithinHours: 3 });
    expect(() => checkOwnUpstreams(stack, workspace.root)).toThrow(/^summary-dev: \n {2}- pipeline "summary": after\[\d\] is "[a-z]+"; .*\n {2}- pipeline "summary": after\[\d\]/);
  });

  test('checkOwnUpstreams - throws when an upstream folder was never synthesized', () => {
    mkdirSync(join(workspace.root, 'pipelines', 'orders'), { recursive: true });
    writeFileSync(join(workspace.root, 'pipelines', 'orders', 'cdktf.json'), '{"app":"x"}');
    const stack = synthesizedPipelineFolder(workspace.root, 'summary', { mode: 'job', after: ['orders'], freshWithinHours: 3 });
    expect(() => checkOwnUpstreams(stack, workspace.root)).toThrow(
      'summary-dev: its upstream folder(s) pipelines/orders have no manifest (cdktf.out/fleet-manifest.json), so its upstreams cannot be checked: ' +
        'synthesize them first (`npx nx run-many -t synth`; the Nx targets do it for you).',
    );
  });

  test('checkOwnUpstreams - a pipeline without upstreams reads no other folder', () => {
    const stack = synthesizedPipelineFolder(workspace.root, 'orders', { mode: 'job', schedule: 'rate(1 hour)' });
    mkdirSync(join(workspace.root, 'pipelines', 'broken', 'cdktf.out'), { recursive: true });
    writeFileSync(join(workspace.root, 'pipelines', 'broken', 'cdktf.json'), '{"app":"x"}');
    writeFileSync(join(workspace.root, 'pipelines', 'broken', 'cdktf.out', 'fleet-manifest.json'), 'not json');
    expect(() => checkOwnUpstreams(stack, workspace.root)).not.toThrow();
  });
});
