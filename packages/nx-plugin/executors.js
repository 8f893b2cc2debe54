// Nx loads executors with a plain require(): see plugin.js for why tsx compiles them.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./src/executors/cli/executor.ts', __filename);
