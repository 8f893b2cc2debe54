// Nx loads generator factories with a plain require(): see plugin.js for why tsx compiles them.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = {
  ...tsxRequire('./src/generators/pipeline/generator.ts', __filename),
  ...tsxRequire('./src/generators/from-copilot/generator.ts', __filename),
};
