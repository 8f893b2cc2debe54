import { checkDefinition } from '../src/definition-checks';

describe('checkDefinition', () => {
  test('checkDefinition - a valid JSONata definition: no error, its expressions counted, the definition left as it was', () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% 1 + 1 %}', End: true } } };
    const copy = structuredClone(definition);
    expect(checkDefinition('m', definition)).toEqual({ machine: 'm', aslErrors: [], expressionErrors: [], expressions: 1 });
    expect(definition).toEqual(copy);
  });

  test('checkDefinition - an expression over several lines, one 2.0.6 cannot parse, and a schema error are each reported', () => {
    const result = checkDefinition('m', {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { a: '{% (\n 1 ) %}', b: '{% $x ?? 1 %}' }, Next: 'Nowhere' } },
    });
    expect(result.aslErrors.length).toBeGreaterThan(0);
    expect(result.expressionErrors).toEqual([
      'States.A.Assign.a: spans several lines; Step Functions definitions keep each expression on one line',
      expect.stringMatching(/^States\.A\.Assign\.b: /),
    ]);
  });
});

describe('checkDefinition with a cache', () => {
  test('checkDefinition - keeps asl-validator\'s verdict by content: the same definition is not validated twice', () => {
    const { mkdtempSync, readdirSync, writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const dir = mkdtempSync(join(require('node:os').tmpdir(), 'asl-cache-'));
    try {
      const definition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
      expect(checkDefinition('m', definition, { cacheDir: dir }).aslErrors).toEqual([]);
      const [file] = readdirSync(dir);
      // A planted verdict is what comes back: the validator did not run again.
      writeFileSync(join(dir, file!), JSON.stringify(['planted']));
      expect(checkDefinition('m', definition, { cacheDir: dir }).aslErrors).toEqual(['planted']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
