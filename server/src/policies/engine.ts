import { forbidden } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * The one authorization engine. Each module's `*.policy.ts` declares its rules with `allow`;
 * routes call `authorize` (instance decisions) and repositories use the module's scope function
 * (list filters in SQL). No role checks anywhere else.
 */
type Rule = (actor: Actor, resource: unknown) => boolean;

const rules = new Map<string, Rule>();

/** Declares who may take `action`. The resource, when given, is the loaded record. */
export function allow<R = undefined>(action: string, rule: (actor: Actor, resource: R) => boolean): void {
  if (rules.has(action)) throw new Error(`policy for ${action} declared twice`);
  rules.set(action, rule as Rule);
}

export function can(actor: Actor, action: string, resource?: unknown): boolean {
  const rule = rules.get(action);
  if (!rule) throw new Error(`no policy declared for ${action}`);
  return rule(actor, resource);
}

/** @throws AppError forbidden (403) when the actor may not take the action. */
export function authorize(actor: Actor, action: string, resource?: unknown): void {
  if (!can(actor, action, resource)) throw forbidden();
}

/** All declared actions: the matrix test checks that every route names one. */
export function declaredActions(): string[] {
  return [...rules.keys()].sort();
}

/** Abilities that take no resource, for the UI (`GET /me`). */
export function globalAbilities(actor: Actor, actions: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a)]));
}
