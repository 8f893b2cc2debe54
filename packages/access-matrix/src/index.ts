export * from './access-matrix';
export * from './concrete-world';
export * from './errors';
export * from './must-deny';
export * from './questions';
export * from './terraform-permissions';
