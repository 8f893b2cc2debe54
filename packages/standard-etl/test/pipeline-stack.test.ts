import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { NAME, OWNER, SERVICE, synthPipeline } from './pipeline-fixture';

describe('PipelineStack', () => {
  test('PipelineStack - every resource carries pipeline, owner, project, environment, managed-by and the cost tags', () => {
    expect(synthPipeline(SERVICE).text).toHaveProviderWithProperties(AwsProvider, {
      default_tags: [{ tags: { pipeline: NAME, owner: OWNER, project: NAME, environment: 'dev', 'managed-by': 'data-platform', 'cost-center': 'data-engineering' } }],
      allowed_account_ids: ['111111111111'],
    });
  });

  test('PipelineStack - each environment has its own stack and state key', () => {
    for (const environment of ['dev', 'prod']) {
      const { json, stack } = synthPipeline(SERVICE, { environment });
      expect(stack.node.id).toBe(`${NAME}-${environment}`);
      expect(json.terraform.backend.s3).toMatchObject({ key: `${NAME}-${environment}/terraform.tfstate`, use_lockfile: true, encrypt: true });
    }
  });

  test('PipelineStack - no secret value reaches the synthesized JSON: only parameter names', () => {
    const { text } = synthPipeline({ ...SERVICE, secrets: { API_KEY: 'api-key' } });
    expect(text).not.toMatch(/SecureString|"value":\s*"[^"$]*api-key/);
    expect(text).toContain(`parameter/data-platform/dev/pipelines/${NAME}/api-key`);
  });
});
