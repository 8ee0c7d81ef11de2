import { Button, DatePicker, Flex, Input, InputNumber, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, DIRECTIONS } from '../../../../shared/schemas/interaction.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { dayjs } from '../../lib/time.ts';
import { AgentPicker } from './AgentPicker.tsx';
import type { Channel, Direction, InteractionFilters } from './api.ts';

type Presence = 'yes' | 'no';
const toPresence = (v: boolean | undefined): Presence | undefined =>
  v === undefined ? undefined : v ? 'yes' : 'no';
const fromPresence = (v: Presence | undefined): boolean | undefined =>
  v === undefined ? undefined : v === 'yes';

/** Every filter of GET /interactions. Dates are the center's local calendar dates. */
export function InteractionFilterBar({
  value,
  teams,
  queues,
  onChange,
}: {
  value: InteractionFilters;
  teams: TTeam[];
  queues: TQueue[];
  onChange: (next: InteractionFilters) => void;
}) {
  const { t } = useTranslation();
  const [externalId, setExternalId] = useState(value.external_id ?? '');
  const set = (patch: Partial<InteractionFilters>) => onChange({ ...value, ...patch });
  const presence = (label: string, v: boolean | undefined, key: 'has_recording' | 'has_transcript') => (
    <Select<Presence | undefined>
      allowClear
      placeholder={label}
      value={toPresence(v)}
      onChange={(p) => set({ [key]: fromPresence(p) })}
      options={[
        { value: 'yes', label: `${label}：${t('interactions.filters.withIt')}` },
        { value: 'no', label: `${label}：${t('interactions.filters.withoutIt')}` },
      ]}
      style={{ width: 140 }}
      data-testid={`interactions-${key}`}
    />
  );

  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <DatePicker.RangePicker
        aria-label={t('interactions.filters.period')}
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
        onChange={(range) =>
          set({
            from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        style={{ width: 260 }}
      />
      <AgentPicker
        value={value.agent_id}
        onChange={(agent_id) => set({ agent_id })}
        placeholder={t('interactions.filters.agent')}
      />
      <Select<number | undefined>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('interactions.filters.team')}
        value={value.team_id}
        onChange={(team_id) => set({ team_id })}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        style={{ width: 150 }}
      />
      <Select<number | undefined>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('interactions.filters.queue')}
        value={value.queue_id}
        onChange={(queue_id) => set({ queue_id })}
        options={queues.map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }))}
        style={{ width: 170 }}
      />
      <Select<Channel | undefined>
        allowClear
        placeholder={t('interactions.filters.channel')}
        value={value.channel}
        onChange={(channel) => set({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: t(`quality.channel.${c}`) }))}
        style={{ width: 150 }}
      />
      <Select<Direction | undefined>
        allowClear
        placeholder={t('interactions.filters.direction')}
        value={value.direction}
        onChange={(direction) => set({ direction })}
        options={DIRECTIONS.map((d) => ({ value: d, label: t(`quality.direction.${d}`) }))}
        style={{ width: 150 }}
      />
      <InputNumber<number>
        min={0}
        precision={0}
        placeholder={t('interactions.filters.minDuration')}
        value={value.min_duration ?? null}
        onChange={(v) => set({ min_duration: v ?? undefined })}
        style={{ width: 100 }}
      />
      <InputNumber<number>
        min={0}
        precision={0}
        placeholder={t('interactions.filters.maxDuration')}
        value={value.max_duration ?? null}
        onChange={(v) => set({ max_duration: v ?? undefined })}
        style={{ width: 100 }}
      />
      {presence(t('interactions.filters.hasRecording'), value.has_recording, 'has_recording')}
      {presence(t('interactions.filters.hasTranscript'), value.has_transcript, 'has_transcript')}
      {/* Exact on purpose: LIKE 'x%' cannot use the unique index under a non-C collation, and a
          second index on external_id would slow every import. So the box says it is exact. */}
      <Tooltip title={t('interactions.filters.externalIdHelp')}>
        <Input.Search
          allowClear
          placeholder={t('interactions.filters.externalId')}
          aria-label={t('interactions.filters.externalId')}
          value={externalId}
          onChange={(e) => setExternalId(e.target.value)}
          onSearch={(v) => set({ external_id: v.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="interactions-external-id"
        />
      </Tooltip>
      <Button
        onClick={() => {
          setExternalId('');
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
