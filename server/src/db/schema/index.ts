export * from './people.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './interactions.ts';
export * from './scorecards.ts';
export * from './evaluations.ts';
export * from './sampling.ts';
export * from './reports.ts';
