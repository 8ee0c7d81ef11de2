import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { RequireAbility } from '../components/RequireAbility.tsx';

/** A page loaded as its own chunk when first visited. */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

/** A lazily loaded page shown only to users with any of the abilities (the API checks again). */
export const guarded = (abilities: readonly string[], node: ReactNode) => (
  <RequireAbility any={abilities}>
    <Suspense fallback={<PageSpinner />}>{node}</Suspense>
  </RequireAbility>
);
