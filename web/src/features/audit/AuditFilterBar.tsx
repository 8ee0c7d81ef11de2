import { Button, DatePicker, Flex, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { centerDayStart } from '../../lib/time.ts';
import type { AuditFilters } from './api.ts';

type Draft = {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_id?: number;
  period: [Dayjs, Dayjs] | null;
};

const EMPTY: Draft = { action: '', entity_type: '', entity_id: '', period: null };

/** Days are the center's local days: [first day 00:00, day after the last day 00:00). */
function toFilters(d: Draft): AuditFilters {
  return {
    action: d.action.trim() || undefined,
    entity_type: d.entity_type.trim() || undefined,
    entity_id: d.entity_id.trim() || undefined,
    actor_id: d.actor_id,
    from: d.period ? centerDayStart(d.period[0]) : undefined,
    to: d.period ? centerDayStart(d.period[1].add(1, 'day')) : undefined,
  };
}

export function AuditFilterBar({
  actors,
  onChange,
}: {
  actors: TUser[];
  onChange: (f: AuditFilters) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Flex
      gap={8}
      wrap
      style={{ marginBottom: 16 }}
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(toFilters(draft));
      }}
    >
      <Input
        placeholder={t('audit.filters.action')}
        value={draft.action}
        onChange={(e) => set({ action: e.target.value })}
        style={{ width: 200 }}
      />
      <Input
        placeholder={t('audit.filters.entityType')}
        value={draft.entity_type}
        onChange={(e) => set({ entity_type: e.target.value })}
        style={{ width: 200 }}
      />
      <Input
        placeholder={t('audit.filters.entityId')}
        value={draft.entity_id}
        onChange={(e) => set({ entity_id: e.target.value })}
        style={{ width: 140 }}
      />
      <Select<number>
        allowClear
        placeholder={t('audit.filters.actor')}
        value={draft.actor_id}
        onChange={(actor_id) => set({ actor_id })}
        showSearch={{ optionFilterProp: 'label' }}
        options={actors.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }))}
        style={{ width: 200 }}
      />
      <DatePicker.RangePicker
        value={draft.period}
        onChange={(v) => set({ period: v && v[0] && v[1] ? [v[0], v[1]] : null })}
      />
      <Button type="primary" htmlType="submit">
        {t('common.search')}
      </Button>
      <Button
        onClick={() => {
          setDraft(EMPTY);
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
