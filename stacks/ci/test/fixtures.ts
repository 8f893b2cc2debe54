// The stacks' test helpers live once, beside the core they build on.
export * from '../../../packages/core/test/support/stack-fixtures';
