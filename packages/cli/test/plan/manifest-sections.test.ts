import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantChangesSection } from '../../src/plan/grant-changes';
import { schemaChangesSection } from '../../src/plan/schema-changes';
import { checkChangesSection } from '../../src/plan/check-changes';
import { MANIFEST_SECTIONS, readManifestDir, renderManifestSections, type ManifestSection } from '../../src/plan/manifest-sections';
import { costSection } from '../../src/plan/cost-section';
import { egressChangesSection } from '../../src/plan/egress-changes';
import { pipelineManifest } from './manifest-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'manifest-sections-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(side: string, name: string, manifest: unknown): void {
  mkdirSync(join(dir, side), { recursive: true });
  writeFileSync(join(dir, side, `${name}.json`), JSON.stringify(manifest));
}

describe('renderManifestSections', () => {
  test('renderManifestSections - each section gets both sides, in file order; empty sections are left out', () => {
    write('base', 'b', pipelineManifest('b'));
    write('head', 'a', pipelineManifest('a'));
    write('head', 'b', pipelineManifest('b'));
    const names: ManifestSection = (base, head) => `base ${base.map((m) => m.name).join(',')} head ${head.map((m) => m.name).join(',')}`;
    expect(renderManifestSections(dir, [names, () => '  '])).toEqual(['base b head a,b']);
  });

  test('renderManifestSections - a missing side reads as no manifests (a base synthesized before manifests existed)', () => {
    write('head', 'a', pipelineManifest('a'));
    expect(readManifestDir(join(dir, 'base'))).toEqual([]);
    expect(renderManifestSections(dir).join('\n')).toContain('| `a-dev` | dev | – | $7.81 | new |');
  });

  test('renderManifestSections - throws on a manifest of a version this workspace does not read', () => {
    write('head', 'a', { ...pipelineManifest('a'), version: 9 });
    expect(() => renderManifestSections(dir)).toThrow(`${join(dir, 'head', 'a.json')} has manifest version 9; this workspace reads version 1. Synthesize its folder again.`);
  });

  test('MANIFEST_SECTIONS - schema changes first, then data checks, grants, egress, the pipeline graph and cost', () => {
    expect(MANIFEST_SECTIONS).toHaveLength(6);
    expect(MANIFEST_SECTIONS[0]).toBe(schemaChangesSection);
    expect(MANIFEST_SECTIONS[1]).toBe(checkChangesSection);
    expect(MANIFEST_SECTIONS[2]).toBe(grantChangesSection);
    expect(MANIFEST_SECTIONS[3]).toBe(egressChangesSection);
    expect(MANIFEST_SECTIONS[5]).toBe(costSection);
    const fixtures = join(__dirname, 'fixtures', 'manifests');
    const [base, head] = [readManifestDir(join(fixtures, 'base')), readManifestDir(join(fixtures, 'head'))];
    const expected = [schemaChangesSection(base, head), grantChangesSection(base, head), costSection(base, head)].filter((t) => t.trim() !== '');
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const rendered = renderManifestSections(fixtures);
    expect(rendered[0]).toBe(expected[0]);
    expect(rendered).toEqual(expect.arrayContaining(expected));
  });
});
