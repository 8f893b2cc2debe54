export * from './aws-regions';
export * from './cidr';
export * from './environment';
export * from './environments';
export * from './errors';
export * from './load-environment';
export * from './github-repository';
