import { Button, DatePicker, Flex, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  auditActionGroup,
  type AuditAction,
  type AuditActionGroup,
} from '../../../../shared/audit.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { dayjs } from '../../lib/time.ts';
import { actionLabel, entityLabel, type AuditFilterState } from './auditFilters.ts';

type Draft = {
  action?: string;
  entity_type?: string;
  entity_id: string;
  actor_id?: number;
  period: [Dayjs, Dayjs] | null;
};

const toDraft = (s: AuditFilterState): Draft => ({
  action: s.action,
  entity_type: s.entity_type,
  entity_id: s.entity_id ?? '',
  actor_id: s.actor_id,
  period: s.from_date && s.to_date ? [dayjs(s.from_date), dayjs(s.to_date)] : null,
});

const toState = (d: Draft): AuditFilterState => ({
  action: d.action,
  entity_type: d.entity_type,
  entity_id: d.entity_id.trim() || undefined,
  actor_id: d.actor_id,
  from_date: d.period?.[0].format('YYYY-MM-DD'),
  to_date: d.period?.[1].format('YYYY-MM-DD'),
});

/** Actions grouped by what they act on, in the catalogue's order. */
function groupedActions(): [AuditActionGroup, AuditAction[]][] {
  const groups = new Map<AuditActionGroup, AuditAction[]>();
  for (const action of AUDIT_ACTIONS) {
    const group = auditActionGroup(action);
    groups.set(group, [...(groups.get(group) ?? []), action]);
  }
  return [...groups];
}

/** Filters of the audit trail; `value` is what the address holds, `onChange` puts a new one there. */
export function AuditFilterBar({
  actors,
  value,
  onChange,
}: {
  actors: TUser[];
  value: AuditFilterState;
  onChange: (f: AuditFilterState) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => toDraft(value));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Flex
      gap={8}
      wrap
      style={{ marginBottom: 16 }}
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(toState(draft));
      }}
    >
      <Select<string>
        allowClear
        placeholder={t('audit.allActions')}
        aria-label={t('audit.filters.action')}
        data-testid="audit-filter-action"
        value={draft.action}
        onChange={(action) => set({ action })}
        showSearch={{ optionFilterProp: 'search' }}
        popupMatchSelectWidth={false}
        options={groupedActions().map(([group, actions]) => ({
          label: t(`audit.groups.${group}`),
          title: group,
          options: actions.map((a) => ({
            value: a,
            label: actionLabel(t, a),
            search: `${actionLabel(t, a)} ${a}`,
          })),
        }))}
        style={{ width: 220 }}
      />
      <Select<string>
        allowClear
        placeholder={t('audit.allEntities')}
        aria-label={t('audit.filters.entityType')}
        data-testid="audit-filter-entity-type"
        value={draft.entity_type}
        onChange={(entity_type) => set({ entity_type })}
        showSearch={{ optionFilterProp: 'label' }}
        options={AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(t, type) }))}
        style={{ width: 170 }}
      />
      <Input
        placeholder={t('audit.filters.entityId')}
        value={draft.entity_id}
        onChange={(e) => set({ entity_id: e.target.value })}
        style={{ width: 120 }}
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
      <Button type="primary" htmlType="submit" data-testid="audit-search">
        {t('common.search')}
      </Button>
      <Button
        onClick={() => {
          setDraft(toDraft({}));
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
