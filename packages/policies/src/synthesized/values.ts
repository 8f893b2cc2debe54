/** Small readers over values of synthesized Terraform JSON, where a block list may be one object. */

/** `undefined` → `[]`, a list → itself, anything else → a list of one. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The object form of a nested block (cdktf writes a single block as an object or a list of one). */
export function asObjects(value: unknown): Record<string, unknown>[] {
  return asArray(value).filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The first nested block, or an empty object. */
export function firstObject(value: unknown): Record<string, unknown> {
  return asObjects(value)[0] ?? {};
}

/** Strings of a value that may be one string or a list of them; other entries are dropped. */
export function asStrings(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

/** Whether a string holds a Terraform interpolation (a value known only at apply time). */
export function hasToken(value: string): boolean {
  return value.includes('${');
}

/** A boolean as Terraform accepts it: `true` or `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * The text inside each top-level `${...}` interpolation of a string (nested braces and quoted
 * strings inside the interpolation are stepped over).
 */
export function interpolations(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      i += 1;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    let inString = false;
    while (j < text.length && depth > 0) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth += 1;
      else if (c === '}') depth -= 1;
      j += 1;
    }
    found.push(text.slice(i + 2, j - 1));
    i = j;
  }
  return found;
}

/** Every string inside a value, however deep. */
export function deepStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(deepStrings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(deepStrings);
  return [];
}

/** Whether a string has an IAM-style wildcard (`*` or `?`) outside any interpolation. */
export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value.replace(/\$\{[^}]*\}/g, ''));
}

/**
 * Whether an IAM-style pattern (`*` any run, `?` one character; case-insensitive, as IAM compares
 * actions) matches a text. A pattern holding an interpolation matches nothing: it is a reference,
 * not a wildcard.
 */
export function globMatches(pattern: string, text: string): boolean {
  if (hasToken(pattern)) return false;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(text);
}
