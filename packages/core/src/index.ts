export * from './arns';
export * from './alert-message';
export * from './errors';
export * from './manifest';
export * from './platform-names';
export * from './platform-stack';
export * from './run-app';
export * from './shared-platform';
