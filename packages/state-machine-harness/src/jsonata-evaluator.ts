import { createHash } from 'node:crypto';
import jsonata from 'jsonata';

/**
 * JSONata as Step Functions evaluates it: the `jsonata` package at 2.0.6, the version AWS
 * documents ("Step Functions implements JSONata based on the 2.0.6 specification ... `$eval` is
 * not available, use `$parse`", https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html),
 * with the functions Step Functions adds ($partition, $range, $hash, $random, $uuid, $parse)
 * and `$now`/`$millis` read from the simulation's clock.
 */

/** A field value in JSONata mode: `{% expression %}`, the whole string. */
const TEMPLATE = /^\{%([\s\S]*)%\}$/;

/** The expression inside a `{% ... %}` string, or undefined when the string is a literal. */
export function expressionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TEMPLATE.exec(value);
  return match ? match[1]!.trim() : undefined;
}

/** Raised when an expression fails or yields nothing: Step Functions' `States.QueryEvaluationError`. */
export class QueryEvaluationError extends Error {
  override readonly name = 'QueryEvaluationError';
}

const compiled = new Map<string, jsonata.Expression>();

/** Every expression text evaluated in this process: tests check that the scenarios reached each one. */
export const evaluatedExpressions = new Set<string>();

/** Compiles once per expression text (scenarios evaluate the same few expressions thousands of times). */
export function compile(expression: string): jsonata.Expression {
  let found = compiled.get(expression);
  if (!found) {
    found = jsonata(expression);
    compiled.set(expression, found);
  }
  return found;
}

/** Deterministic stand-ins for Step Functions' random functions, so a scenario replays the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export interface EvaluationScope {
  /** `$states`: input, context, and result or errorOutput where the field may read them. */
  readonly states: Record<string, unknown>;
  /** The execution's variables (`Assign`). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Virtual now, epoch ms. */
  readonly nowMs: number;
  /** For `$random` and `$uuid`. */
  readonly random: () => number;
  /** The partition of the machine's region, for `$partition`. */
  readonly partition?: string;
}

export function randomSource(seed: number): () => number {
  return seededRandom(seed);
}

function stepFunctionsFunctions(scope: EvaluationScope): Record<string, unknown> {
  return {
    millis: () => scope.nowMs,
    now: (picture?: string) => {
      if (picture !== undefined) throw new QueryEvaluationError('$now with a picture is not simulated; use $fromMillis($millis(), picture)');
      return new Date(scope.nowMs).toISOString();
    },
    parse: (text: string) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new QueryEvaluationError(`$parse: ${(error as Error).message}`);
      }
    },
    eval: () => {
      throw new QueryEvaluationError('$eval is not available in Step Functions; use $parse');
    },
    partition: () => scope.partition ?? 'aws',
    range: (start: number, end: number, step: number) => {
      const values: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) values.push(v);
      return values;
    },
    hash: (text: string, algorithm: string) => {
      const names: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
      const name = names[algorithm];
      if (!name) throw new QueryEvaluationError(`$hash: algorithm ${JSON.stringify(algorithm)} is not one of ${Object.keys(names).join(', ')}`);
      return createHash(name).update(String(text)).digest('hex');
    },
    random: () => scope.random(),
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(scope.random() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
    },
  };
}

/**
 * Evaluates one expression. Step Functions fails the state with `States.QueryEvaluationError`
 * when an expression throws or evaluates to nothing (undefined) in a field that needs a value.
 */
export async function evaluateExpression(expression: string, scope: EvaluationScope, where: string): Promise<unknown> {
  let value: unknown;
  evaluatedExpressions.add(expression);
  try {
    value = await compile(expression).evaluate({}, { ...stepFunctionsFunctions(scope), ...scope.variables, states: scope.states });
  } catch (error) {
    const detail = error instanceof QueryEvaluationError ? error.message : `${(error as { message?: string }).message ?? String(error)}`;
    throw new QueryEvaluationError(`${where}: the JSONata expression failed: ${detail} (expression: ${expression})`);
  }
  if (value === undefined) throw new QueryEvaluationError(`${where}: the JSONata expression evaluated to undefined (expression: ${expression})`);
  return normalize(value);
}

/** JSONata sequences and frozen arrays, turned into plain JSON values. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  return value;
}

/**
 * A field as Step Functions reads it in JSONata mode: a `{% %}` string is evaluated, an object or
 * array is walked (every `{% %}` string inside evaluated), anything else is taken as written.
 */
export async function evaluateField(value: unknown, scope: EvaluationScope, where: string): Promise<unknown> {
  const expression = expressionOf(value);
  if (expression !== undefined) return evaluateExpression(expression, scope, where);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [i, item] of value.entries()) items.push(await evaluateField(item, scope, `${where}[${i}]`));
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = await evaluateField(item, scope, `${where}.${key}`);
    return result;
  }
  return value;
}

/** Every `{% %}` expression of a definition, with where it sits: for counting and compiling them all. */
export function definitionExpressions(definition: unknown, path = ''): Array<{ readonly path: string; readonly expression: string }> {
  const expression = expressionOf(definition);
  if (expression !== undefined) return [{ path, expression }];
  if (Array.isArray(definition)) return definition.flatMap((item, i) => definitionExpressions(item, `${path}[${i}]`));
  if (definition !== null && typeof definition === 'object') {
    return Object.entries(definition).flatMap(([key, item]) => definitionExpressions(item, path ? `${path}.${key}` : key));
  }
  return [];
}
