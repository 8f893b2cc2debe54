export * from './errors';
export * from './generators/from-copilot/generator';
export * from './generators/pipeline/generator';
export * from './plugin';
