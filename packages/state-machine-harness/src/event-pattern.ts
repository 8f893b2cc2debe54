import { harnessErrors } from './errors';

/**
 * EventBridge event patterns, as "Amazon EventBridge event patterns" defines them: every field of
 * the pattern must match; a list of values matches when the event's value (or one of its values,
 * for an array) equals one of them; `{ "prefix": ... }`, `{ "wildcard": ... }` (`*` matches any
 * characters, `\*` a star), `{ "anything-but": ... }` and `$or` are supported. Another operator is
 * refused loudly.
 */
export function patternMatches(pattern: unknown, event: unknown, rule: string, path = '$'): boolean {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) throw harnessErrors.unsupportedPattern(rule, path, pattern);
  for (const [field, expected] of Object.entries(pattern as Record<string, unknown>)) {
    if (field === '$or') {
      if (!Array.isArray(expected)) throw harnessErrors.unsupportedPattern(rule, `${path}.$or`, expected);
      if (!expected.some((branch) => patternMatches(branch, event, rule, `${path}.$or`))) return false;
      continue;
    }
    const actual = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[field] : undefined;
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      if (!values.some((value) => expected.some((test) => valueMatches(test, value, rule, `${path}.${field}`)))) return false;
    } else if (expected !== null && typeof expected === 'object') {
      if (Array.isArray(actual)) {
        if (!actual.some((item) => patternMatches(expected, item, rule, `${path}.${field}`))) return false;
      } else if (!patternMatches(expected, actual, rule, `${path}.${field}`)) return false;
    } else {
      throw harnessErrors.unsupportedPattern(rule, `${path}.${field}`, expected);
    }
  }
  return true;
}

function valueMatches(test: unknown, value: unknown, rule: string, path: string): boolean {
  if (test === null || typeof test !== 'object') return value === test;
  const operator = test as Record<string, unknown>;
  if ('prefix' in operator && typeof operator.prefix === 'string') return typeof value === 'string' && value.startsWith(operator.prefix);
  if ('wildcard' in operator && typeof operator.wildcard === 'string') return typeof value === 'string' && wildcardPattern(operator.wildcard).test(value);
  if ('anything-but' in operator) {
    const excluded = Array.isArray(operator['anything-but']) ? operator['anything-but'] : [operator['anything-but']];
    return value !== undefined && !excluded.includes(value);
  }
  throw harnessErrors.unsupportedPattern(rule, path, test);
}

/** EventBridge's wildcard matching: `*` matches any characters (none included), an escaped star a star, an escaped backslash a backslash. */
function wildcardPattern(wildcard: string): RegExp {
  let source = '';
  for (let i = 0; i < wildcard.length; i += 1) {
    const char = wildcard[i]!;
    if (char === '\\' && (wildcard[i + 1] === '*' || wildcard[i + 1] === '\\')) source += `\\${wildcard[(i += 1)]}`;
    else if (char === '*') source += '.*';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
