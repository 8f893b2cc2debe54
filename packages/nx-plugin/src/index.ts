export * from './errors';
export * from './generators/pipeline/generator';
export * from './plugin';
