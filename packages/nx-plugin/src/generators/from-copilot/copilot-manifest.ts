/**
 * A Copilot manifest as read, with a record of which fields the translation used, so that every
 * field it did not use is listed at the end: nothing is dropped silently.
 */

export type Path = readonly string[];

/** A field of the manifest left behind, and why. */
export interface NotCarried {
  /** The field, dotted: `http`, `image.port`, `environments.test`. */
  readonly field: string;
  /** Why it has no equivalent here, and what to do instead. */
  readonly why: string;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export class ManifestFields {
  private readonly used = new Set<string>();

  constructor(readonly document: Readonly<Record<string, unknown>>) {}

  /** The value at `path`, marked as used (with everything under it). */
  take(path: Path): unknown {
    this.used.add(path.join('\u0000'));
    return this.peek(path);
  }

  /** Marks `path` as partly used: its parts not taken are listed one by one. */
  open(path: Path): void {
    this.used.add([...path, '\u0001'].join('\u0000'));
  }

  /** The value at `path`, not marked. */
  peek(path: Path): unknown {
    let value: unknown = this.document;
    for (const key of path) {
      if (!isMapping(value)) return undefined;
      value = value[key];
    }
    return value;
  }

  /** The keys of the mapping at `path` (none when it is not a mapping). */
  keys(path: Path): string[] {
    const value = this.peek(path);
    return isMapping(value) ? Object.keys(value) : [];
  }

  /**
   * Every field not used, as the largest parts left whole: a field none of whose parts was used is
   * one entry; a field partly used lists its unused parts.
   */
  unused(path: Path = []): Path[] {
    if (this.used.has(path.join('\u0000'))) return [];
    const value = this.peek(path);
    const touched = [...this.used].some((used) => used.startsWith(`${path.join('\u0000')}${path.length > 0 ? '\u0000' : ''}`));
    if (!touched && path.length > 0) return [path];
    if (!isMapping(value)) return [];
    return Object.keys(value).flatMap((key) => this.unused([...path, key]));
  }
}
