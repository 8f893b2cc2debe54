import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readManifestFile, type Manifest } from '@data-platform/core';

/** The manifests of one side of a fixture (`<dir>/<folder>.json`), in file-name order. */
export function readManifestFiles(dir: string): Manifest[] {
  return readdirSync(dir).filter((file) => file.endsWith('.json')).sort().flatMap((file) => readManifestFile(join(dir, file)) ?? []);
}
