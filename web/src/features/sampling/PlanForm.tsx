import { Alert, Card, Col, Form, Input, InputNumber, Radio, Row, Switch, TimePicker, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { SAMPLING_LIMITS, type TPlanConfig } from '../../../../shared/schemas/sampling.ts';
import { dayjs } from '../../lib/time.ts';
import type { PlanDirectory } from './api.ts';
import { InspectorsEditor, OverridesEditor } from './PlanPeopleEditors.tsx';
import { QuantitativeRulesEditor, TargetedRulesEditor } from './PlanRulesEditors.tsx';

/** Today at HH:MM (the picker wants a date; only the time is kept). */
const atTime = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0);
};

/** The editable fields of a plan, named exactly as the API's body (server errors land on them). */
export type PlanValues = {
  name: string;
  daily_min: number;
  monthly_min: number;
  config: TPlanConfig;
};

/**
 * The whole plan on one form: quotas, inspectors and capacities, per-CSR quotas, strategies and
 * the schedule. Read-only for those who may only read it.
 */
export function PlanForm({
  form,
  initial,
  directory,
  readOnly,
  onFinish,
}: {
  form: FormInstance<PlanValues>;
  initial: PlanValues;
  directory: PlanDirectory;
  readOnly: boolean;
  onFinish: (values: PlanValues) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form<PlanValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onFinish={onFinish}
      data-testid="plan-form"
      scrollToFirstError
    >
      <Card title={t('sampling.plan.sections.quotas')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="name" label={t('sampling.plan.fields.name')} rules={[{ required: true }]}>
              <Input maxLength={SAMPLING_LIMITS.nameMax} data-testid="plan-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="daily_min"
              label={t('sampling.plan.fields.dailyMin')}
              tooltip={t('sampling.plan.help.dailyMin')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={1}
                max={SAMPLING_LIMITS.dailyMinMax}
                style={{ width: '100%' }}
                data-testid="plan-daily-min"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="monthly_min"
              label={t('sampling.plan.fields.monthlyMin')}
              tooltip={t('sampling.plan.help.monthlyMin')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={SAMPLING_LIMITS.monthlyMinMax} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name={['config', 'due_days']}
              label={t('sampling.plan.fields.dueDays')}
              tooltip={t('sampling.plan.help.dueDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={SAMPLING_LIMITS.dueDaysMax} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          noStyle
          shouldUpdate={(a: PlanValues, b: PlanValues) =>
            a.daily_min !== b.daily_min || a.monthly_min !== b.monthly_min
          }
        >
          {() => {
            const daily = form.getFieldValue('daily_min') as number | null;
            const monthly = form.getFieldValue('monthly_min') as number | null;
            return (daily !== null && daily < 3) || (monthly !== null && monthly < 20) ? (
              <Alert type="warning" showIcon title={t('sampling.plan.belowRegulation')} />
            ) : null;
          }}
        </Form.Item>
      </Card>

      <Card title={t('sampling.plan.sections.inspectors')} style={{ marginBottom: 16 }}>
        <InspectorsEditor form={form} directory={directory} readOnly={readOnly} />
      </Card>

      <Card title={t('sampling.plan.sections.overrides')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sampling.plan.help.overrides')}</Typography.Paragraph>
        <OverridesEditor directory={directory} readOnly={readOnly} />
      </Card>

      <Card title={t('sampling.plan.sections.strategies')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sampling.plan.help.strategies')}</Typography.Paragraph>
        <Form.Item
          name={['config', 'strategies', 'random', 'enabled']}
          label={t('sampling.plan.fields.random')}
          valuePropName="checked"
          extra={t('sampling.plan.help.random')}
        >
          <Switch />
        </Form.Item>
        <Typography.Title level={5}>{t('sampling.plan.targeted.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('sampling.plan.help.targeted')}</Typography.Paragraph>
        <TargetedRulesEditor form={form} directory={directory} readOnly={readOnly} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('sampling.plan.quantitative.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('sampling.plan.help.quantitative')}</Typography.Paragraph>
        <QuantitativeRulesEditor form={form} directory={directory} readOnly={readOnly} />
      </Card>

      <Card title={t('sampling.plan.sections.schedule')} style={{ marginBottom: 16 }}>
        <Row gutter={16} align="bottom">
          <Col xs={24} md={6}>
            <Form.Item
              name={['config', 'schedule', 'enabled']}
              label={t('sampling.plan.fields.scheduleEnabled')}
              valuePropName="checked"
            >
              <Switch data-testid="plan-schedule-enabled" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name={['config', 'schedule', 'time']}
              label={t('sampling.plan.fields.scheduleTime')}
              rules={[{ required: true }]}
              getValueProps={(v: string) => ({ value: v ? atTime(v) : null })}
              normalize={(v: ReturnType<typeof dayjs> | null) => (v ? v.format('HH:mm') : '')}
            >
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['config', 'schedule', 'day']} label={t('sampling.plan.fields.scheduleDay')}>
              <Radio.Group
                options={[
                  { value: 'previous', label: t('sampling.plan.scheduleDay.previous') },
                  { value: 'current', label: t('sampling.plan.scheduleDay.current') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary">{t('sampling.plan.help.schedule')}</Typography.Text>
      </Card>
    </Form>
  );
}
