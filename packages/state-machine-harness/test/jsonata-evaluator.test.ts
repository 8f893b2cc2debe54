import jsonata from 'jsonata';
import { definitionExpressions, evaluateExpression, evaluateField, expressionOf, randomSource, type EvaluationScope } from '../src/jsonata-evaluator';

const scope = (states: Record<string, unknown> = {}, variables: Record<string, unknown> = {}): EvaluationScope => ({
  states,
  variables,
  nowMs: Date.parse('2026-12-01T10:05:00Z'),
  random: randomSource(1),
});

describe('jsonata evaluator', () => {
  test('jsonata - the version Step Functions runs, 2.0.6, is the one installed', () => {
    expect((require('jsonata/package.json') as { version: string }).version).toBe('2.0.6');
  });

  test('jsonata 2.0.6 - misreads a compact time with a picture, which is why the machines parse it by hand', async () => {
    // The trap the trigger avoids: 2.2 reads 2026-12-01T09:05Z here.
    expect(await jsonata("$fromMillis($toMillis('20261201T0905Z', '[Y0001][M01][D01]T[H01][m01]Z'))").evaluate({})).toBe('2026-12-04T18:05:00.000Z');
  });

  test('expressionOf - a whole {% %} string is an expression; anything else is a literal', () => {
    expect(expressionOf('{% $states.input %}')).toBe('$states.input');
    expect(expressionOf('text {% x %}')).toBeUndefined();
    expect(expressionOf(3)).toBeUndefined();
  });

  test('evaluateExpression - $states, variables, $millis and $now from the virtual clock, $parse', async () => {
    expect(await evaluateExpression("$states.input.a & $v & ' ' & $string($millis()) & ' ' & $now()", scope({ input: { a: 'x' } }, { v: 'y' }), 'here')).toBe(
      `xy ${Date.parse('2026-12-01T10:05:00Z')} 2026-12-01T10:05:00.000Z`,
    );
    expect(await evaluateExpression('$parse(\'{"b": 2}\').b', scope(), 'here')).toBe(2);
  });

  test('evaluateExpression - throws when the expression evaluates to nothing (an absent field)', async () => {
    await expect(evaluateExpression('$states.errorOutput.Cause', scope({ errorOutput: { Error: 'States.Timeout' } }), 'Catch.Assign.cause')).rejects.toThrow(
      'Catch.Assign.cause: the JSONata expression evaluated to undefined (expression: $states.errorOutput.Cause)',
    );
  });

  test('evaluateExpression - $eval is not available in Step Functions', async () => {
    await expect(evaluateExpression("$eval('1 + 1')", scope(), 'here')).rejects.toThrow('$eval is not available in Step Functions; use $parse');
  });

  test('evaluateExpression - operators added after 2.0.6 fail', async () => {
    await expect(evaluateExpression('$states.input.a ?? 1', scope({ input: {} }), 'here')).rejects.toThrow('here: the JSONata expression failed');
  });

  test('evaluateField - walks objects and arrays, evaluating each {% %} string', async () => {
    expect(await evaluateField({ a: ['{% 1 + 1 %}', 'plain'], b: { c: '{% $x %}' } }, scope({}, { x: true }), 'Arguments')).toEqual({ a: [2, 'plain'], b: { c: true } });
  });

  test('definitionExpressions - every {% %} value with its path', () => {
    expect(definitionExpressions({ States: { A: { Arguments: { X: '{% 1 %}', Y: 'no' }, Choices: [{ Condition: '{% true %}' }] } } })).toEqual([
      { path: 'States.A.Arguments.X', expression: '1' },
      { path: 'States.A.Choices[0].Condition', expression: 'true' },
    ]);
  });
});
