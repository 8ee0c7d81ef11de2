import type { en } from './en.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language file must have: the keys of en.ts, any text. */
export type Messages = Widen<typeof en>;
