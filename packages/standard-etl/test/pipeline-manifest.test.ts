import { manifestEntry, pipelineManifest } from '../src/pipeline-manifest';
import { NAME, OWNER, SERVICE, synthPipeline } from './pipeline-fixture';

describe('pipelineManifest', () => {
  const egress = [
    { port: 5432, to: '10.20.0.0/16', reason: 'Orders replica' },
    { port: 8443, to: '203.0.113.0/24', reason: 'Partner API', publicReason: 'No peering' },
  ];

  test('manifestEntry - names the owner and the egress as declared, for the fleet check, the graph, cost and the plan comment', () => {
    const entry = manifestEntry(synthPipeline({ ...SERVICE, egress }).stack.pipeline.pipeline);
    expect(entry.owner).toBe(OWNER);
    expect(entry.egress).toEqual(egress);
    expect(manifestEntry(synthPipeline(SERVICE).stack.pipeline.pipeline).egress).toEqual([]);
  });

  test('pipelineManifest - one entry per environment, each with its own egress', () => {
    const config = { ...SERVICE, egress: [egress[0]!], overrides: { prod: { egress: [] } } };
    const manifest = pipelineManifest(NAME, ['dev', 'prod'].map((environment) => synthPipeline(config, { environment }).stack.pipeline.pipeline));
    expect(manifest.environments.dev!.egress).toEqual([egress[0]]);
    expect(manifest.environments.prod!.egress).toEqual([]);
    expect(manifest.environments.prod!.owner).toBe(OWNER);
  });
});
