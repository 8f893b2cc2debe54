// Nx loads plugins with a plain require(): on Node 20, without @swc-node/register or ts-node, it
// cannot load TypeScript. tsx's scoped require compiles src/plugin.ts (and what it imports) on
// load, the way the data-platform bin does, without hooking every other module of the process.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./src/plugin.ts', __filename);
