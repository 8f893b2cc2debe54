// asl-validator ships CommonJS with `export =`: a default import needs esModuleInterop, a require does not.
import aslValidator = require('asl-validator');
import { compile, definitionExpressions } from './jsonata-evaluator';

/** What the outside checks say of one definition. */
export interface DefinitionCheck {
  readonly machine: string;
  /** asl-validator's errors (none when valid). */
  readonly aslErrors: readonly string[];
  /** Every `{% %}` expression, compiled by jsonata 2.0.6: those that do not compile, with the parser's message. */
  readonly expressionErrors: readonly string[];
  readonly expressions: number;
}

/**
 * Checks a definition with the third-party `asl-validator` (the Amazon States Language's JSON
 * schema, JSONata fields included) and compiles each JSONata expression with jsonata 2.0.6, the
 * version Step Functions runs: what 2.0.6 cannot parse (operators added in 2.1, such as `??`)
 * fails here, before a deploy.
 */
export function checkDefinition(machine: string, definition: unknown): DefinitionCheck {
  // asl-validator writes a QueryLanguage into every state of what it is given: give it a copy.
  const result = aslValidator(structuredClone(definition));
  const aslErrors = result.isValid ? [] : result.errorsText('\n').split('\n').filter((line) => line.trim() !== '');
  const expressions = definitionExpressions(definition);
  const expressionErrors: string[] = [];
  for (const { path, expression } of expressions) {
    if (/[\r\n]/.test(expression)) expressionErrors.push(`${path}: spans several lines; Step Functions definitions keep each expression on one line`);
    try {
      compile(expression);
    } catch (error) {
      expressionErrors.push(`${path}: ${(error as Error).message}`);
    }
  }
  return { machine, aslErrors, expressionErrors, expressions: expressions.length };
}
