import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  AGENT_RULE_KINDS,
  INTERACTION_RULE_KINDS,
  SAMPLING_LIMITS,
  type TQuantitativeRule,
  type TTargetedRule,
  type TargetedKind,
} from '../../../../shared/schemas/sampling.ts';
import type { PlanDirectory } from './api.ts';
import type { PlanValues } from './PlanForm.tsx';
import { NOTE_ROWS, userOptions } from './PlanPeopleEditors.tsx';

const newId = () => `r${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** A fresh rule of a kind, with sensible defaults for its parameters. */
function targetedDefaults(kind: TargetedKind, id: string, enabled = true): TTargetedRule {
  switch (kind) {
    case 'queue':
      return { id, enabled, kind, queue_id: 0, picks: 1 };
    case 'duration_above':
      return { id, enabled, kind, seconds: 600, picks: 1 };
    case 'duration_below':
      return { id, enabled, kind, seconds: 30, picks: 1 };
    case 'direction':
      return { id, enabled, kind, direction: 'outbound', picks: 1 };
    case 'repeat_contact':
      return { id, enabled, kind, within_days: 7, picks: 1 };
    case 'new_hire':
      return { id, enabled, kind, within_days: 90, extra: 2 };
    case 'below_pass_mark':
      return { id, enabled, kind, extra: 2 };
    case 'fatal_last_month':
      return { id, enabled, kind, extra: 2 };
  }
}

function quantitativeDefaults(
  scope: TQuantitativeRule['scope'],
  id: string,
  enabled = true,
): TQuantitativeRule {
  if (scope === 'agent') return { id, enabled, scope, agent_id: 0, extra: 1 };
  if (scope === 'team') return { id, enabled, scope, team_id: 0, extra: 1 };
  return { id, enabled, scope, queue_id: 0, count: 10 };
}

const required = (message: string) => [{ required: true, message }];
const positive = (message: string) => [
  { required: true, message },
  { validator: (_: unknown, v: number) => (v > 0 ? Promise.resolve() : Promise.reject(new Error(message))) },
];

/** Targeted rules: which contacts (interaction rules) and which CSRs (agent rules) get checked. */
export function TargetedRulesEditor({
  form,
  directory,
  readOnly,
}: {
  form: FormInstance<PlanValues>;
  directory: PlanDirectory;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const path = ['config', 'strategies', 'targeted'];
  const rules: TTargetedRule[] = Form.useWatch<TTargetedRule[] | undefined>(path, form) ?? [];
  const queueOptions = directory.queues.map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }));
  const kindOptions = [
    {
      label: t('sampling.plan.targeted.contactRules'),
      options: INTERACTION_RULE_KINDS.map((k) => ({ value: k, label: t(`sampling.rules.${k}`) })),
    },
    {
      label: t('sampling.plan.targeted.agentRules'),
      options: AGENT_RULE_KINDS.map((k) => ({ value: k, label: t(`sampling.rules.${k}`) })),
    },
  ];
  const pick = t('sampling.plan.required');
  return (
    <Form.List name={path}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => {
            const rule = rules[field.name];
            const kind = rule?.kind;
            return (
              <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid="targeted-rule">
                <Row gutter={8} align="top" wrap>
                  <Col flex="72px">
                    <Form.Item
                      name={[field.name, 'enabled']}
                      valuePropName="checked"
                      label={t('sampling.plan.fields.enabled')}
                    >
                      <Switch size="small" />
                    </Form.Item>
                  </Col>
                  <Col flex="240px">
                    <Form.Item
                      name={[field.name, 'kind']}
                      label={t('sampling.plan.fields.rule')}
                      rules={required(pick)}
                    >
                      <Select
                        options={kindOptions}
                        onChange={(k: TargetedKind) =>
                          (form as FormInstance).setFieldValue(
                            [...path, field.name],
                            targetedDefaults(k, rule?.id ?? newId(), rule?.enabled),
                          )
                        }
                      />
                    </Form.Item>
                  </Col>
                  {kind === 'queue' && (
                    <Col flex="220px">
                      <Form.Item
                        name={[field.name, 'queue_id']}
                        label={t('sampling.plan.fields.queue')}
                        rules={positive(pick)}
                      >
                        <Select options={queueOptions} />
                      </Form.Item>
                    </Col>
                  )}
                  {(kind === 'duration_above' || kind === 'duration_below') && (
                    <Col flex="170px">
                      <Form.Item
                        name={[field.name, 'seconds']}
                        label={t('sampling.plan.fields.seconds')}
                        rules={required(pick)}
                      >
                        <InputNumber
                          min={kind === 'duration_below' ? 1 : 0}
                          max={86_400}
                          suffix={t('sampling.plan.seconds')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {kind === 'direction' && (
                    <Col flex="160px">
                      <Form.Item
                        name={[field.name, 'direction']}
                        label={t('sampling.plan.fields.direction')}
                        rules={required(pick)}
                      >
                        <Select
                          options={[
                            { value: 'inbound', label: t('sampling.plan.direction.inbound') },
                            { value: 'outbound', label: t('sampling.plan.direction.outbound') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {(kind === 'repeat_contact' || kind === 'new_hire') && (
                    <Col flex="150px">
                      <Form.Item
                        name={[field.name, 'within_days']}
                        label={t('sampling.plan.fields.withinDays')}
                        rules={required(pick)}
                      >
                        <InputNumber
                          min={1}
                          max={SAMPLING_LIMITS.withinDaysMax}
                          suffix={t('sampling.plan.days')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {kind && (INTERACTION_RULE_KINDS as readonly string[]).includes(kind) && (
                    <Col flex="150px">
                      <Form.Item
                        name={[field.name, 'picks']}
                        label={t('sampling.plan.fields.picks')}
                        tooltip={t('sampling.plan.help.picks')}
                        rules={required(pick)}
                      >
                        <InputNumber
                          min={1}
                          max={SAMPLING_LIMITS.picksMax}
                          suffix={t('sampling.plan.perDay')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {kind && (AGENT_RULE_KINDS as readonly string[]).includes(kind) && (
                    <Col flex="150px">
                      <Form.Item
                        name={[field.name, 'extra']}
                        label={t('sampling.plan.fields.extra')}
                        tooltip={t('sampling.plan.help.extra')}
                        rules={required(pick)}
                      >
                        <InputNumber
                          min={1}
                          max={SAMPLING_LIMITS.extraMax}
                          suffix={t('sampling.plan.perDay')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'note']} label={t('sampling.plan.fields.note')}>
                      <Input.TextArea
                        autoSize={NOTE_ROWS}
                        maxLength={SAMPLING_LIMITS.reasonMax}
                        data-testid="targeted-rule-note"
                      />
                    </Form.Item>
                  </Col>
                  {!readOnly && (
                    <Col flex="40px" style={{ paddingTop: 30 }}>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('sampling.plan.remove')}
                      />
                    </Col>
                  )}
                </Row>
                {kind && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`sampling.rules.help.${kind}`)}
                  </Typography.Text>
                )}
              </Card>
            );
          })}
          {fields.length === 0 && (
            <Typography.Paragraph type="secondary">{t('sampling.plan.noRules')}</Typography.Paragraph>
          )}
          {!readOnly && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add(targetedDefaults('queue', newId()))}
              data-testid="plan-add-targeted"
            >
              {t('sampling.plan.addTargeted')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** Quantitative rules: fixed extra counts per CSR, team or queue. */
export function QuantitativeRulesEditor({
  form,
  directory,
  readOnly,
}: {
  form: FormInstance<PlanValues>;
  directory: PlanDirectory;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const path = ['config', 'strategies', 'quantitative'];
  const rules: TQuantitativeRule[] = Form.useWatch<TQuantitativeRule[] | undefined>(path, form) ?? [];
  const pick = t('sampling.plan.required');
  return (
    <Form.List name={path}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => {
            const rule = rules[field.name];
            const scope = rule?.scope;
            return (
              <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid="quantitative-rule">
                <Row gutter={8} align="top" wrap>
                  <Col flex="72px">
                    <Form.Item
                      name={[field.name, 'enabled']}
                      valuePropName="checked"
                      label={t('sampling.plan.fields.enabled')}
                    >
                      <Switch size="small" />
                    </Form.Item>
                  </Col>
                  <Col flex="180px">
                    <Form.Item
                      name={[field.name, 'scope']}
                      label={t('sampling.plan.fields.scope')}
                      rules={required(pick)}
                    >
                      <Select
                        options={(['agent', 'team', 'queue'] as const).map((s) => ({
                          value: s,
                          label: t(`sampling.scope.${s}`),
                        }))}
                        onChange={(s: TQuantitativeRule['scope']) =>
                          (form as FormInstance).setFieldValue(
                            [...path, field.name],
                            quantitativeDefaults(s, rule?.id ?? newId(), rule?.enabled),
                          )
                        }
                      />
                    </Form.Item>
                  </Col>
                  {scope === 'agent' && (
                    <Col flex="260px">
                      <Form.Item
                        name={[field.name, 'agent_id']}
                        label={t('sampling.plan.fields.agent')}
                        rules={positive(pick)}
                      >
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          options={userOptions(directory.agents)}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {scope === 'team' && (
                    <Col flex="220px">
                      <Form.Item
                        name={[field.name, 'team_id']}
                        label={t('sampling.plan.fields.team')}
                        rules={positive(pick)}
                      >
                        <Select options={directory.teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
                      </Form.Item>
                    </Col>
                  )}
                  {scope === 'queue' && (
                    <Col flex="220px">
                      <Form.Item
                        name={[field.name, 'queue_id']}
                        label={t('sampling.plan.fields.queue')}
                        rules={positive(pick)}
                      >
                        <Select
                          options={directory.queues.map((q) => ({
                            value: q.id,
                            label: `${q.name} (${q.code})`,
                          }))}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {scope && scope !== 'queue' && (
                    <Col flex="150px">
                      <Form.Item
                        name={[field.name, 'extra']}
                        label={t('sampling.plan.fields.extra')}
                        rules={required(pick)}
                      >
                        <InputNumber
                          min={1}
                          max={SAMPLING_LIMITS.extraMax}
                          suffix={t('sampling.plan.perDay')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  {scope === 'queue' && (
                    <Col flex="170px">
                      <Form.Item
                        name={[field.name, 'count']}
                        label={t('sampling.plan.fields.count')}
                        rules={required(pick)}
                      >
                        <InputNumber
                          min={1}
                          max={10_000}
                          suffix={t('sampling.plan.perDay')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'note']} label={t('sampling.plan.fields.note')}>
                      <Input.TextArea autoSize={NOTE_ROWS} maxLength={SAMPLING_LIMITS.reasonMax} />
                    </Form.Item>
                  </Col>
                  {!readOnly && (
                    <Col flex="40px" style={{ paddingTop: 30 }}>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('sampling.plan.remove')}
                      />
                    </Col>
                  )}
                </Row>
                {scope && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`sampling.scope.help.${scope}`)}
                  </Typography.Text>
                )}
              </Card>
            );
          })}
          {fields.length === 0 && (
            <Typography.Paragraph type="secondary">{t('sampling.plan.noRules')}</Typography.Paragraph>
          )}
          {!readOnly && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add(quantitativeDefaults('team', newId()))}
              data-testid="plan-add-quantitative"
            >
              {t('sampling.plan.addQuantitative')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
