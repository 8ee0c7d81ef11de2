import type { GeneratedAgent, GeneratedInteraction } from '../index.ts';
import type { Calendar } from './calendar.ts';
import type { FormSeed } from './forms.ts';

/** Who is who in the demo center, once their accounts exist. */
export type Person = { id: number; username: string; name: string; ip: string };

export type AgentInfo = Person & {
  agent: GeneratedAgent;
  leader: Person;
  /** Gets better over the period (coaching works for some). */
  improves: boolean;
};

/** A contact as the demo knows it: the generated row and its database id. */
export type Contact = GeneratedInteraction & { id: number };

export type World = {
  cal: Calendar;
  seed: number;
  /** First local date of the period (the previous month's first day). */
  periodStart: string;
  agents: Map<string, AgentInfo>;
  agentsById: Map<number, AgentInfo>;
  /** QA inspectors (role qa only). */
  inspectors: Person[];
  lead: Person;
  /** Days a CSR has to confirm (the policy setting). */
  windowDays: number;
  scenarios: number[];
  /** The scorecard version in use for a queue at a moment. */
  formFor: (queue: string, at: Date) => FormSeed;
  /** Whether a CSR worked that day (handled contacts). */
  worksOn: (username: string, date: string) => boolean;
  /** Office staff rest two days a week, on rotation. */
  officeDay: (personId: number, date: string) => boolean;
};
