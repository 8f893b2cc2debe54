import { join } from 'node:path';
import { compareGrants, grantChangesSection } from '../../src/plan/grant-changes';
import { readManifestFiles } from './manifest-fixtures';

const base = readManifestFiles(join(__dirname, 'fixtures', 'manifests', 'base'));
const head = readManifestFiles(join(__dirname, 'fixtures', 'manifests', 'head'));

describe('compareGrants', () => {
  test('compareGrants - grants added and removed, per environment, team and dataset', () => {
    expect(compareGrants(base, head)).toEqual([
      { change: 'added', environment: 'dev', team: 'support', dataset: 'ticketing-api.events', reason: 'Answer customer tickets.', pii: false },
      { change: 'removed', environment: 'prod', team: 'analytics', dataset: 'catalogue-summary.summary', reason: 'Hourly catalogue health report.', pii: false },
    ]);
    expect(compareGrants(base, base)).toEqual([]);
  });

  test('grantChangesSection - a row per grant added or removed; empty when none', () => {
    expect(grantChangesSection(base, head).split('\n')).toEqual([
      '### Access grants',
      '',
      '1 grant(s) added, 1 removed.',
      '',
      '| | environment | team | dataset | reason | PII |',
      '| --- | --- | --- | --- | --- | --- |',
      '| ➕ added | dev | support | `ticketing-api.events` | Answer customer tickets. | no |',
      '| ➖ removed | prod | analytics | `catalogue-summary.summary` | Hourly catalogue health report. | no |',
      '',
    ]);
    expect(grantChangesSection(head, head)).toBe('');
  });
});
