// One jest run over the whole workspace. @swc/jest strips types (fast); `npm run typecheck` checks them.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/{packages,stacks,pipelines,scripts}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/files/'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
  testTimeout: 120000,
};
