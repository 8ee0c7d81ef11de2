import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { generateCenter } from '../center.ts';
import { createRng, deriveSeed, hashSeed } from '../random.ts';
import { demoApi } from './api.ts';
import { bulkWriter } from './bulk.ts';
import { Calendar, addDays, isoWeekday } from './calendar.ts';
import { contactsByDate, playDays } from './days.ts';
import { COMPLAINT_REVISION_ITEM, type FormSeed, formRequest, formSections, formSeedOf } from './forms.ts';
import { monthEnd, proposeNextMonth } from './month-end.ts';
import { importRoster, scheduledSampler, setUpSampling } from './sampling.ts';
import { setUpCenter } from './setup.ts';
import { storeContacts } from './contacts.ts';
import { DemoTrail } from './trail.ts';
import type { AgentInfo, Contact, Person, World } from './world.ts';

/**
 * A living demo center (issue 7): three teams with leaders, about forty CSRs (some on probation),
 * inspectors, a QA lead, coaches, an editor, a trainer, a manager and HR; one scorecard per queue
 * on the clause-4.7 categories with fatal items; the previous month and this month to date of
 * contacts with Chinese transcripts; and the work of the month: checks by all four methods with
 * remarks, signatures, disputes in every state, drafts in progress, imports, API tokens and the
 * audit trail a real month leaves, every timestamp where it would be in a real center. Scores
 * differ between CSRs and improve for some over the period. Seeded: runs repeat.
 */
export type DemoOptions = {
  seed?: number;
  agents?: number;
  perAgentPerDay?: number;
  /** The story's "now" (default: the start of the run). */
  now?: Date;
  /** When the run started: everything the run stamped from then on is moved into the story. */
  runStart?: Date;
  timezone: string;
  /** Told what is being built, step by step (long work shows progress). */
  onProgress?: (step: string) => void;
};

export type DemoAccount = { role: string; username: string; name: string };

export type DemoSummary = {
  accounts: DemoAccount[];
  interactions: number;
  evaluations: number;
  disputes: number;
  auditEntries: number;
  /** Interactions whose transcript should get generated audio (see scripts/demo.ts). */
  audioCandidates: { id: number; turns: { speaker: 'agent' | 'customer'; text: string }[] }[];
};

const ip = (block: number, id: number) => `10.20.${block}.${(id % 250) + 2}`;

/** Seeds the whole demo center on a fresh database (not in a transaction: the API opens its own). */
export async function seedDemoCenter(
  database: Database,
  env: Env,
  passwordHash: string,
  options: DemoOptions,
): Promise<DemoSummary> {
  const db = database.db;
  const seed = options.seed ?? 2026;
  const runStart = options.runStart ?? new Date();
  const cal = new Calendar(options.timezone, options.now ?? runStart);
  const today = cal.today;
  const [year, month] = today.split('-').map(Number) as [number, number];
  const periodStart = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  const setupDay = addDays(periodStart, -24);
  const center = generateCenter({
    seed,
    agents: options.agents ?? 40,
    teams: 3,
    queues: 3,
    inspectors: 4,
    asOf: periodStart,
  });
  const rng = createRng(deriveSeed(seed, 'demo'));
  const api = demoApi(database, env);
  const trail = new DemoTrail(db, runStart, database.kind === 'pglite' ? bulkWriter(database) : null);
  const progress = options.onProgress ?? (() => undefined);
  try {
    progress('queues, teams, people, scorecards, API tokens');
    const setup = await setUpCenter(db, api, trail, cal, center, passwordHash, setupDay);
    const userId = (username: string) => setup.userIdByUsername.get(username) ?? 0;
    const person = (p: { username: string; displayName: string }, block: number): Person => ({
      id: userId(p.username),
      username: p.username,
      name: p.displayName,
      ip: ip(block, userId(p.username)),
    });
    const lead = person(center.qaLead, 2);
    // This month three CSRs (the new hires first) spend most of their rostered days in product
    // training and take calls only on some days: too few of their contacts to sample, so the
    // compliance board shows them at risk of missing the month's twenty checks (clause 4.5).
    const thisMonth = today.slice(0, 7);
    const rostered = (username: string, date: string) => hashSeed(`${username}|${date}`) % 7 < 5;
    const shownAgent = center.agents.find((a) => a.team === 0 && !a.probation) ?? center.agents[0];
    const inTraining = new Map(
      [...center.agents]
        .filter((a) => a !== shownAgent)
        .sort((a, b) => Number(b.probation) - Number(a.probation))
        .slice(0, 3)
        .map((a, i) => [a.username, [0.3, 0.45, 0.4][i] ?? 0.4]),
    );
    const callsToday = new Map<string, number>();
    const takesCall = (username: string, date: string): boolean => {
      const share = inTraining.get(username);
      if (share === undefined || !date.startsWith(thisMonth)) return true;
      if (!rostered(username, date) || (hashSeed(`${username}|${date}|calls`) % 100) / 100 >= share)
        return false;
      const key = `${username}|${date}`;
      callsToday.set(key, (callsToday.get(key) ?? 0) + 1);
      return (callsToday.get(key) ?? 0) <= 2;
    };
    progress('contacts (calls, chats, emails) and imports');
    const contacts = await storeContacts(
      db,
      api,
      trail,
      cal,
      center,
      {
        agents: setup.userIdByUsername,
        queues: setup.queueIdByCode,
        leadId: lead.id,
        ctiToken: setup.ctiToken,
      },
      periodStart,
      {
        perAgentPerDay: options.perAgentPerDay ?? 8,
        keep: (r) => takesCall(r.agent, r.started_at.slice(0, 10)),
      },
    );
    const byDate = contactsByDate(contacts);

    const leaders = center.teams.map((t) => person(t.leader, 0));
    const agents = new Map<string, AgentInfo>();
    for (const a of center.agents) {
      const leader = leaders[a.team] ?? lead;
      agents.set(a.username, { ...person(a, 1), agent: a, leader, improves: rng.chance(0.35) });
    }
    const worked = new Set(contacts.map((c) => `${c.agent}|${c.started_at.slice(0, 10)}`));
    const versions = new Map<string, { from: number; seed: FormSeed }[]>(
      [...setup.forms].map(([code, f]) => [code, [{ from: 0, seed: f.seed }]]),
    );
    const world: World = {
      cal,
      seed,
      periodStart,
      agents,
      agentsById: new Map([...agents.values()].map((a) => [a.id, a])),
      inspectors: center.inspectors.map((p) => person(p, 2)),
      lead,
      windowDays: setup.windowDays,
      scenarios: setup.scenarios,
      formFor: (queue, at) => {
        const list = versions.get(queue) ?? [...versions.values()][0] ?? [];
        const current = list.filter((v) => v.from <= at.getTime()).at(-1) ?? list[0];
        if (!current) throw new Error(`no form for ${queue}`);
        return current.seed;
      },
      // Past days: who handled contacts (and the trainees' rostered training days); to come: the pattern.
      worksOn: (username, date) =>
        date < today && !(inTraining.has(username) && date.startsWith(thisMonth))
          ? worked.has(`${username}|${date}`)
          : rostered(username, date),
      officeDay: (id, date) => {
        const rest = (id % 7) + 1;
        const weekday = isoWeekday(date);
        return weekday !== rest && weekday !== (rest % 7) + 1;
      },
    };

    const hr = setup.staff.find((x) => x.role === 'hr');
    const hrPerson = hr ? { id: hr.id, ip: ip(0, hr.id) } : { id: setup.adminId, ip: ip(0, setup.adminId) };
    progress('the sampling plan and the rosters');
    await setUpSampling(api, trail, world, setup.queueIdByCode, cal.at(addDays(setupDay, 1), 16.8));
    for (const m of [periodStart.slice(0, 7), today.slice(0, 7)])
      await importRoster(api, trail, world, hrPerson, m);

    // Ten days into the period the QA lead adds an item to the complaints scorecard (a new version).
    const revisionDay = addDays(periodStart, 9);
    const complaints = setup.forms.get('complaints');
    const reviseComplaints = async () => {
      const at = cal.at(revisionDay, 8.6);
      const queue = center.queues.find((q) => q.code === 'complaints');
      if (!complaints || !queue || at.getTime() > cal.now.getTime()) return;
      const sections = formSections('complaints');
      sections
        .find((x) => x.items.some((i) => i.category === 'attitude'))
        ?.items.push(COMPLAINT_REVISION_ITEM);
      const updated = await trail.act(at, () =>
        api.call<TForm>('PUT', `/forms/${complaints.form.id}`, {
          as: lead.id,
          ip: lead.ip,
          body: { ...formRequest(queue, sections), version: complaints.form.version },
        }),
      );
      versions.get('complaints')?.push({ from: at.getTime(), seed: formSeedOf(updated, sections) });
    };
    const closing = monthEnd(db, api, trail, world, today.slice(0, 7));
    const first = `${today.slice(0, 7)}-01`;
    const hooks = {
      needsWork: (date: string) =>
        date === addDays(revisionDay, -2) || date === first || date === addDays(first, 2),
      before: async (date: string) => {
        if (date === addDays(revisionDay, -2)) await reviseComplaints();
        await closing(date);
      },
    };

    progress('the period day by day: sampling runs, checks, signatures, disputes');
    const contactById = new Map(contacts.map((c) => [c.id, c]));
    const sampler = scheduledSampler(db, api, trail, world, rng, contactById);
    const days = await playDays(database, world, trail, rng, sampler, byDate, hooks);
    await proposeNextMonth(api, trail, world);
    progress('the audit trail: dating, ordering, sealing');
    const { entries } = await trail.finish();
    // The embedded database has no autovacuum to gather statistics after the bulk writes: without
    // them the planner takes the month's tables for empty and the pages pick poor plans.
    await db.execute(sql`analyze`);

    const accounts: DemoAccount[] = [
      { role: 'admin', username: 'admin', name: 'Administrator' },
      { role: 'qa_lead', username: center.qaLead.username, name: center.qaLead.displayName },
    ];
    const firstInspector = center.inspectors[0];
    if (firstInspector)
      accounts.push({ role: 'qa', username: firstInspector.username, name: firstInspector.displayName });
    const firstTeam = center.teams[0];
    if (firstTeam)
      accounts.push({
        role: 'team_leader',
        username: firstTeam.leader.username,
        name: firstTeam.leader.displayName,
      });
    const firstAgent = center.agents.find((a) => a.team === 0 && !a.probation) ?? center.agents[0];
    if (firstAgent)
      accounts.push({ role: 'agent', username: firstAgent.username, name: firstAgent.displayName });
    for (const role of ['coach', 'kb_editor', 'trainer', 'manager', 'hr']) {
      const s = setup.staff.find((x) => x.role === role);
      if (s) accounts.push({ role, username: s.username, name: s.name });
    }

    // Calls that get real audio where people will open them: the demo CSR's latest checked calls,
    // the demo inspector's latest checks and the calls still waiting in the inspector's queue.
    const hasTranscript = (c: Contact | null | undefined): c is Contact =>
      c?.channel === 'call' && (c.transcript?.length ?? 0) > 2;
    const latest = [...days.seeds].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const demoAgent = accounts.find((a) => a.role === 'agent')?.username;
    const demoInspector = world.inspectors.find(
      (p) => p.username === accounts.find((a) => a.role === 'qa')?.username,
    );
    const queued = demoInspector
      ? await queryRows<{ interaction_id: number }>(
          db,
          sql`select interaction_id::int as interaction_id from assignments
              where assignee_id = ${demoInspector.id} and status = 'pending' order by date desc, id`,
        )
      : [];
    const picks: Contact[] = [
      ...latest
        .filter((s) => s.item.agent.username === demoAgent && s.submittedAt)
        .map((s) => s.item.contact)
        .filter(hasTranscript)
        .slice(0, 2),
      ...latest
        .filter((s) => s.item.inspector.id === demoInspector?.id && s.submittedAt)
        .map((s) => s.item.contact)
        .filter(hasTranscript)
        .slice(0, 2),
      ...queued
        .map((q) => contactById.get(q.interaction_id))
        .filter(hasTranscript)
        .slice(0, 2),
    ];
    const audioCandidates = [...new Map(picks.map((c) => [c.id, c])).values()].map((c) => ({
      id: c.id,
      turns: (c.transcript ?? []).map((t) => ({ speaker: t.speaker, text: t.text })),
    }));
    return {
      accounts,
      interactions: contacts.length,
      evaluations: days.evaluations,
      disputes: days.disputes,
      auditEntries: entries,
      audioCandidates,
    };
  } finally {
    await api.close();
  }
}
