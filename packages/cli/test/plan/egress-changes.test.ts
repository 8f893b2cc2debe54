import { compareEgress, egressChangesSection } from '../../src/plan/egress-changes';
import { pipelineManifest } from './manifest-fixtures';

const POSTGRES = { port: 5432, to: '10.40.0.0/16', reason: 'Orders replica of the partner' };
const SFTP = { port: 22, to: 'pl-0123456789abcdef0', reason: 'SFTP drops' };
const PARTNER_API = { port: 8443, to: '203.0.113.0/24', reason: 'Partner API', publicReason: 'The partner offers no peering' };

describe('egressChangesSection', () => {
  const base = [pipelineManifest('partner-orders', { egress: [POSTGRES, SFTP] }), pipelineManifest('ticketing-api')];
  const head = [
    pipelineManifest('partner-orders', { egress: [{ ...POSTGRES, reason: 'Orders replica of the partner, peered' }] }),
    pipelineManifest('ticketing-api', { owner: 'analytics', egress: [PARTNER_API] }),
  ];

  test('compareEgress - rules added, removed, or with a new reason, per environment and pipeline', () => {
    expect(compareEgress(base, head).filter((c) => c.environment === 'dev')).toEqual([
      { change: 'reason changed', environment: 'dev', pipeline: 'partner-orders', owner: 'orders-team', port: 5432, to: '10.40.0.0/16', reason: 'Orders replica of the partner, peered' },
      { change: 'removed', environment: 'dev', pipeline: 'partner-orders', owner: 'orders-team', port: 22, to: 'pl-0123456789abcdef0', reason: 'SFTP drops' },
      { change: 'added', environment: 'dev', pipeline: 'ticketing-api', owner: 'analytics', ...PARTNER_API },
    ].sort((a, b) => `${a.pipeline} ${String(a.port).padStart(5, '0')}`.localeCompare(`${b.pipeline} ${String(b.port).padStart(5, '0')}`)));
  });

  test('egressChangesSection - a table of what opens and closes, a public destination called out first', () => {
    const text = egressChangesSection(base, head);
    expect(text).toContain('### Egress beyond HTTPS');
    expect(text).toContain('> **2 rule(s) open a public destination**: `ticketing-api` (dev) to 203.0.113.0/24:8443, `ticketing-api` (prod) to 203.0.113.0/24:8443.');
    expect(text).toContain('2 rule(s) added, 2 removed, 2 with a new reason.');
    expect(text).toContain('| ➖ removed | dev | `partner-orders` | orders-team | 22 | `pl-0123456789abcdef0` | SFTP drops |');
    expect(text).toContain('| ➕ added | prod | `ticketing-api` | analytics | 8443 | `203.0.113.0/24` | Partner API (**public**: The partner offers no peering) |');
    expect(text).toContain('| ✏️ reason changed | dev | `partner-orders` | orders-team | 5432 | `10.40.0.0/16` | Orders replica of the partner, peered |');
  });

  test('egressChangesSection - empty when no rule changes, and for manifests written before egress existed', () => {
    expect(egressChangesSection(base, base)).toBe('');
    const { egress: _dropped, ...entry } = pipelineManifest('old').environments.dev!;
    const old = { kind: 'pipeline' as const, version: 1 as const, name: 'old', environments: { dev: entry as never } };
    expect(egressChangesSection([old], [old])).toBe('');
  });
});
