import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ZTranscript } from '../../../shared/schemas/interaction.ts';
import { checkRow } from '../modules/interactions/import.row.ts';
import {
  CLOSING_MARKERS,
  FORBIDDEN_PHRASES,
  GREETING_MARKERS,
  INTERACTION_CSV_COLUMNS,
  type GeneratedInteraction,
  createRng,
  generateCenter,
  interactionRows,
  interactionsCsv,
  perAgentPerDayFor,
  toImportRecord,
  writeInteractionsCsv,
} from './index.ts';

const center = generateCenter({ seed: 42, agents: 30, teams: 3, queues: 4 });
const sample = (seed = 42, extra: Partial<Parameters<typeof interactionRows>[0]> = {}) => [
  ...interactionRows({ seed, center, days: 3, perAgentPerDay: 6, transcriptShare: 0.5, ...extra }),
];

describe('seeded PRNG', () => {
  it('repeats with the same seed and differs with another', () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const seqA = Array.from({ length: 20 }, () => a.next());
    assert.deepEqual(
      seqA,
      Array.from({ length: 20 }, () => b.next()),
    );
    assert.notDeepEqual(
      seqA,
      Array.from({ length: 20 }, () => c.next()),
    );
    for (const x of seqA) assert.ok(x >= 0 && x < 1);
  });

  it('keeps int() within its bounds', () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      assert.ok(Number.isInteger(n) && n >= 3 && n <= 7);
    }
  });
});

describe('generateCenter', () => {
  it('is the same for the same seed and different for another', () => {
    assert.deepEqual(generateCenter({ seed: 42, agents: 30, teams: 3, queues: 4 }), center);
    assert.notDeepEqual(generateCenter({ seed: 43, agents: 30, teams: 3, queues: 4 }).agents, center.agents);
  });

  it('has the sizes asked for, unique usernames and Chinese names', () => {
    const big = generateCenter({ seed: 1, agents: 500, teams: 12, queues: 6 });
    assert.equal(big.agents.length, 500);
    assert.equal(big.teams.length, 12);
    assert.equal(big.queues.length, 6);
    const all = [...big.agents, ...big.teams.map((t) => t.leader), ...big.inspectors, big.qaLead];
    const names = all.map((p) => p.username);
    assert.equal(new Set(names).size, names.length);
    assert.ok(!names.includes('admin'));
    for (const p of all) {
      assert.match(p.username, /^[a-z]+\d*$/);
      assert.match(p.displayName, /^[\u4e00-\u9fff]{2,4}$/);
    }
    assert.equal(new Set(big.teams.map((t) => t.name)).size, 12);
    assert.ok(big.agents.some((a) => a.probation));
  });
});

describe('interactionRows', () => {
  it('repeats with the same seed', () => {
    assert.deepEqual(sample(), sample());
    assert.notDeepEqual(sample(7), sample());
  });

  it('streams lazily and stops at the limit', () => {
    const rows = interactionRows({ seed: 1, center, perAgentPerDay: 1000, limit: 5 });
    assert.equal([...rows].length, 5);
  });

  it('yields about the asked number of rows with perAgentPerDayFor', () => {
    const per = perAgentPerDayFor(2000, center.agents.length, 10);
    const rows = [...interactionRows({ seed: 5, center, days: 10, perAgentPerDay: per, limit: 2000 })];
    assert.equal(rows.length, 2000);
  });

  it('has unique external ids, known agents and queues, times with the offset in the month', () => {
    const rows = sample();
    assert.equal(new Set(rows.map((r) => r.external_id)).size, rows.length);
    const agents = new Set(center.agents.map((a) => a.username));
    const queues = new Set(center.queues.map((q) => q.code));
    for (const r of rows) {
      assert.ok(agents.has(r.agent));
      assert.ok(queues.has(r.queue));
      assert.match(r.started_at, /^2026-10-0[1-3]T(0[89]|1\d|2[01]):\d\d:\d\d\+08:00$/);
      assert.ok(r.duration_s > 0 && r.duration_s <= 4 * 3600);
    }
  });

  it('writes transcripts the import schema accepts, consistent with their traits', () => {
    const rows = sample(42, { days: 5, transcriptShare: 1 });
    const withTranscript = rows.filter((r) => r.transcript);
    assert.ok(withTranscript.length > 100);
    let missingGreeting = 0;
    let missingClosing = 0;
    let forbidden = 0;
    let holds = 0;
    for (const r of withTranscript) {
      const turns = r.transcript ?? [];
      assert.ok(ZTranscript.safeParse(turns).success, `${r.external_id} fails ZTranscript`);
      for (let i = 1; i < turns.length; i++) {
        assert.ok((turns[i]?.start_s ?? 0) >= (turns[i - 1]?.end_s ?? 0), 'turns do not overlap');
      }
      assert.ok(r.duration_s >= (turns.at(-1)?.end_s ?? 0));
      const traits = r.traits;
      assert.ok(traits);
      const agentText = turns.filter((t) => t.speaker === 'agent').map((t) => t.text);
      const first = agentText[0] ?? '';
      const last = agentText.at(-1) ?? '';
      assert.equal(
        GREETING_MARKERS.every((m) => first.includes(m)),
        traits.greeting,
      );
      assert.equal(
        CLOSING_MARKERS.every((m) => last.includes(m)),
        traits.closing,
      );
      const said = FORBIDDEN_PHRASES.filter((p) => agentText.some((t) => t.includes(p)));
      assert.deepEqual(said, traits.forbidden);
      if (!traits.greeting) missingGreeting++;
      if (!traits.closing) missingClosing++;
      if (traits.forbidden.length > 0) forbidden++;
      if (traits.holdS > 0) holds++;
    }
    // Every kind of problem turns up, and most calls are clean.
    for (const n of [missingGreeting, missingClosing, forbidden, holds]) {
      assert.ok(n > 0 && n < withTranscript.length / 2, String(n));
    }
    assert.ok(withTranscript.some((r) => (r.traits?.longestSilenceS ?? 0) > 10));
  });
});

describe('CSV in the import format', () => {
  it('parses back with csv-parse to the same values, header first', async () => {
    const rows = sample();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-gen-')), 'i.csv');
    try {
      const written = await writeInteractionsCsv(file, rows);
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(written.rows, rows.length);
      assert.equal(written.bytes, Buffer.byteLength(text));
      assert.equal(text, interactionsCsv(rows));
      const parsed = parse<Record<string, string>>(text, { columns: true });
      assert.deepEqual(Object.keys(parsed[0] ?? {}), [...INTERACTION_CSV_COLUMNS]);
      assert.deepEqual(parsed, rows.map(toImportRecord));
      const transcripts = parsed.filter((r) => r.transcript);
      assert.ok(transcripts.length > 0);
      for (const r of transcripts) assert.ok(ZTranscript.safeParse(JSON.parse(r.transcript ?? '')).success);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('gives rows the import accepts as they are', () => {
    const lookups = {
      agentIdByUsername: new Map(center.agents.map((a, i) => [a.username, i + 1])),
      queueIdByCode: new Map(center.queues.map((q, i) => [q.code, i + 1])),
      timezone: 'Asia/Shanghai',
    };
    const rows: GeneratedInteraction[] = sample();
    for (const r of rows) {
      const checked = checkRow(toImportRecord(r), lookups);
      assert.ok(checked.ok, `${r.external_id}: ${checked.ok ? '' : checked.reason}`);
      assert.equal(checked.row.started_at, new Date(r.started_at).toISOString());
    }
  });
});
