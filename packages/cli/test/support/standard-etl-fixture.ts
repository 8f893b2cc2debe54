import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { PipelineStack, type PipelineConfig } from '@data-platform/standard-etl';
import { Testing } from 'cdktf';
import { StackProject, type ProjectStack } from '../../src/stack-project';

/** A pipeline stack synthesized by the real standard-etl, written into a temporary workspace (with `app/Dockerfile`). */
export function standardEtlStack(root: string, name: string, config: PipelineConfig, environment = 'dev'): ProjectStack {
  const stack = new PipelineStack(Testing.app(), { name, environment: loadEnvironment(environment), pipeline: config });
  const dir = join(root, 'pipelines', name);
  mkdirSync(join(dir, 'cdktf.out', 'stacks', `${name}-${environment}`), { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'node --import tsx main.ts' }));
  mkdirSync(join(dir, 'app'), { recursive: true });
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM python:3.12-slim\n');
  writeFileSync(join(dir, 'cdktf.out', 'stacks', `${name}-${environment}`, 'cdk.tf.json'), Testing.synth(stack));
  return new StackProject(dir).stack(environment);
}

/** An hourly job, as shopify-products is. */
export const HOURLY_JOB: PipelineConfig = {
  owner: 'analytics',
  mode: 'schedule',
  schedule: 'cron(5 * * * ? *)',
  retries: 2,
  maxRuntimeMinutes: 30,
  variables: { STORE_DOMAIN: 'acme-demo.myshopify.com' },
  secrets: { SHOP_ACCESS_TOKEN: 'admin-api-access-token' },
};

/** An always-on service, as ticketing-api is. */
export const ALWAYS_ON: PipelineConfig = { owner: 'orders-team', mode: 'service', cpu: 256, memoryMiB: 512, variables: { LOOP_INTERVAL: '300' } };
