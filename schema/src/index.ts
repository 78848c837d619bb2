export * from './args.ts';
export * from './context.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './mutators.ts';
export * from './permissions.ts';
export * from './queries.ts';
export * from './schema.ts';
