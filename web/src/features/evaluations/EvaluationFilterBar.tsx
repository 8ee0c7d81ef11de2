import { Button, DatePicker, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import {
  EVALUATION_METHODS,
  EVALUATION_STATUSES,
  type EvaluationMethod,
  type EvaluationStatus,
} from '../../../../shared/workflow.ts';
import { dayjs } from '../../lib/time.ts';
import type { EvaluationFilters } from './api.ts';
import { type EvaluationFilterPatch, personOptions } from './evaluationFilters.ts';

type Tri = 'any' | 'yes' | 'no';
/** "Every status but draft": the checks as the compliance board counts them (`drafts=false`). */
const NOT_DRAFT = 'not_draft';
type StatusChoice = EvaluationStatus | typeof NOT_DRAFT;
const toTri = (v: boolean | undefined): Tri => (v === undefined ? 'any' : v ? 'yes' : 'no');
const fromTri = (v: Tri): boolean | undefined => (v === 'any' ? undefined : v === 'yes');

/** Filters of the evaluation lists; `compact` (the CSR's own list) shows only status and overdue. */
export function EvaluationFilterBar({
  value,
  onChange,
  agents = [],
  inspectors = [],
  teams = [],
  compact = false,
}: {
  value: EvaluationFilters;
  /** A patch of the filters it changes (the page applies it to the latest ones); null resets. */
  onChange: (patch: EvaluationFilterPatch | null) => void;
  agents?: TUser[];
  inspectors?: TUser[];
  teams?: TTeam[];
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const tri = (label: string, key: 'fatal' | 'passed' | 'overdue', testId: string) => (
    <Select<Tri>
      value={toTri(value[key])}
      onChange={(v) => onChange({ [key]: fromTri(v) })}
      options={[
        { value: 'any', label: `${label}: ${t('common.all')}` },
        { value: 'yes', label: `${label}: ${t('common.yes')}` },
        { value: 'no', label: `${label}: ${t('common.no')}` },
      ]}
      style={{ width: 150 }}
      data-testid={testId}
    />
  );
  const people = (users: TUser[]) =>
    personOptions(users, (name) => t('evaluations.filters.inactive', { name }));
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      {!compact && (
        <>
          <Select<number | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('evaluations.filters.agent')}
            value={value.agent_id}
            onChange={(agent_id) => onChange({ agent_id })}
            options={people(agents)}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            data-testid="filter-agent"
          />
          <Select<number | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('evaluations.filters.inspector')}
            value={value.evaluator_id}
            onChange={(evaluator_id) => onChange({ evaluator_id })}
            options={people(inspectors)}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            data-testid="filter-inspector"
          />
          <Select<number | undefined>
            allowClear
            placeholder={t('evaluations.filters.team')}
            value={value.team_id}
            onChange={(team_id) => onChange({ team_id })}
            options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
            style={{ width: 160 }}
            data-testid="filter-team"
          />
        </>
      )}
      <Select<StatusChoice | undefined>
        allowClear
        placeholder={t('evaluations.filters.status')}
        value={value.status ?? (value.drafts === false ? NOT_DRAFT : undefined)}
        onChange={(choice) =>
          onChange({
            status: choice === NOT_DRAFT ? undefined : choice,
            drafts: choice === NOT_DRAFT ? false : undefined,
          })
        }
        options={[
          ...(compact ? [] : [{ value: NOT_DRAFT, label: t('evaluations.filters.notDraft') }]),
          ...EVALUATION_STATUSES.filter((s) => !compact || s !== 'draft').map((s) => ({
            value: s,
            label: t(`evaluations.status.${s}`),
          })),
        ]}
        style={{ width: 150 }}
        data-testid="filter-status"
      />
      {!compact && (
        <>
          <Select<EvaluationMethod | undefined>
            allowClear
            placeholder={t('evaluations.filters.method')}
            value={value.method}
            onChange={(method) => onChange({ method })}
            options={EVALUATION_METHODS.map((m) => ({ value: m, label: t(`evaluations.method.${m}`) }))}
            style={{ width: 150 }}
            data-testid="filter-method"
          />
          {tri(t('evaluations.fatal'), 'fatal', 'filter-fatal')}
          {tri(t('evaluations.passed'), 'passed', 'filter-passed')}
        </>
      )}
      {tri(t('evaluations.overdue'), 'overdue', 'filter-overdue')}
      {!compact && (
        <DatePicker.RangePicker
          value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
          onChange={(range) =>
            onChange({
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
      )}
      <Button onClick={() => onChange(null)} data-testid="filter-reset">
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
