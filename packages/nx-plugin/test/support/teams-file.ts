import type { Tree } from '@nx/devkit';

/** Writes the workspace's `stacks/access/teams.ts` into the tree, declaring these teams (as the real one is written). */
export function writeTeamsFile(tree: Tree, names: readonly string[]): void {
  tree.write(
    'stacks/access/teams.ts',
    "import type { AccessConfig } from './src/access-config';\n\nexport const access: AccessConfig = {\n  teams: {\n" +
      names.map((name) => `    '${name}': { owner: '@acme-data/${name}-leads' },\n`).join('') +
      '  },\n};\n',
  );
}
