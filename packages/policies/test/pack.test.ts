import { dataPlatformPack, levelOf } from '../src/pack';
import { TEST_CONTEXT } from './support/harness';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SERVICE_FOLDERS = ['iam', 'github-oidc', 's3', 'athena', 'glue', 'ecr', 'ecs', 'network', 'logs', 'reliability', 'chatbot', 'dynamodb', 'events', 'cloudwatch'];

describe('dataPlatformPack', () => {
  test('dataPlatformPack - applies at least the 25 rules of the issue, each once', () => {
    const ids = dataPlatformPack.entries.map((e) => e.rule.id);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('dataPlatformPack - every rule says what, why and how to fix, in its own file with its own test', () => {
    for (const { rule } of dataPlatformPack.entries) {
      expect(rule.id).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
      expect(rule.subjects.length).toBeGreaterThan(0);
      const folder = SERVICE_FOLDERS.find((f) => existsSync(join(__dirname, '..', 'src', 'rules', f, `${rule.id}.ts`)));
      expect({ rule: rule.id, folder }).toEqual({ rule: rule.id, folder: expect.any(String) });
      expect(existsSync(join(__dirname, 'rules', folder!, `${rule.id}.test.ts`))).toBe(true);
    }
  });

  test('dataPlatformPack - everything is an error but the read-only root filesystem, and public IPs in public-dev', () => {
    const levels = (networkMode: 'private' | 'public-dev') =>
      Object.fromEntries(dataPlatformPack.entries.map((e) => [e.rule.id, levelOf(e, { ...TEST_CONTEXT, networkMode })]));
    const warnings = (networkMode: 'private' | 'public-dev') => Object.keys(levels(networkMode)).filter((id) => levels(networkMode)[id] === 'warning');
    expect(warnings('private')).toEqual(['EcsReadOnlyRootFilesystem']);
    expect(warnings('public-dev')).toEqual(['EcsReadOnlyRootFilesystem', 'EcsNoPublicIp']);
  });
});
