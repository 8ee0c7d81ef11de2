/**
 * The one data generator (issue 7): a seeded center and its interactions, shared by the demo, the
 * test factories and the `bench:*` scripts.
 *
 *   const center = generateCenter({ seed: 7, agents: 500, teams: 12, queues: 6 });
 *   await writeInteractionsCsv(file, interactionRows({ seed: 7, center, month: '2026-10', limit: 1_000_000 }));
 */
export * from './center.ts';
export * from './csv.ts';
export * from './interactions.ts';
export * from './names.ts';
export * from './phrases.ts';
export * from './random.ts';
export * from './seed.ts';
