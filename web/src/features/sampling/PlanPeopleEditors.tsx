import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { SAMPLING_LIMITS } from '../../../../shared/schemas/sampling.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import type { PlanDirectory } from './api.ts';
import type { PlanValues } from './PlanForm.tsx';

/** Notes and reasons grow to show the whole text (a generated one runs past one line). */
export const NOTE_ROWS = { minRows: 1 };

export const userOptions = (users: TUser[]) =>
  users.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }));

/** Who checks: every active inspector or a list, each with a daily capacity. */
export function InspectorsEditor({
  form,
  directory,
  readOnly,
}: {
  form: FormInstance<PlanValues>;
  directory: PlanDirectory;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const mode = Form.useWatch(['config', 'inspectors', 'mode'], form);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['config', 'inspectors', 'mode']} label={t('sampling.plan.fields.inspectorMode')}>
            <Radio.Group
              data-testid="plan-inspector-mode"
              options={[
                { value: 'all_qa', label: t('sampling.plan.inspectorMode.all_qa') },
                { value: 'listed', label: t('sampling.plan.inspectorMode.listed') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name={['config', 'inspectors', 'default_capacity']}
            label={t('sampling.plan.fields.defaultCapacity')}
            tooltip={t('sampling.plan.help.capacity')}
            rules={[{ required: true }]}
          >
            <InputNumber
              min={0}
              max={SAMPLING_LIMITS.capacityMax}
              style={{ width: '100%' }}
              data-testid="plan-default-capacity"
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">
        {mode === 'listed'
          ? t('sampling.plan.help.listed')
          : t('sampling.plan.help.allQa', { count: directory.inspectors.length })}
      </Typography.Paragraph>
      <Form.List name={['config', 'inspectors', 'listed']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top">
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'user_id']}
                    rules={[{ required: true, message: t('sampling.plan.required') }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={userOptions(directory.inspectors)}
                      placeholder={t('sampling.plan.fields.inspector')}
                    />
                  </Form.Item>
                </Col>
                <Col flex="160px">
                  <Form.Item
                    name={[field.name, 'capacity']}
                    rules={[{ required: true, message: t('sampling.plan.required') }]}
                  >
                    <InputNumber
                      min={0}
                      max={SAMPLING_LIMITS.capacityMax}
                      suffix={t('sampling.plan.perDay')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                {!readOnly && (
                  <Col flex="40px">
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('sampling.plan.remove')}
                    />
                  </Col>
                )}
              </Row>
            ))}
            {!readOnly && (
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    capacity: form.getFieldValue(['config', 'inspectors', 'default_capacity']) as number,
                  })
                }
                data-testid="plan-add-inspector"
              >
                {mode === 'listed' ? t('sampling.plan.addInspector') : t('sampling.plan.addCapacity')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}

/** CSRs with a higher daily quota than the plan's (the larger one applies). */
export function OverridesEditor({ directory, readOnly }: { directory: PlanDirectory; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name={['config', 'agent_overrides']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top">
              <Col flex="280px">
                <Form.Item
                  name={[field.name, 'agent_id']}
                  rules={[{ required: true, message: t('sampling.plan.required') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={userOptions(directory.agents)}
                    placeholder={t('sampling.plan.fields.agent')}
                  />
                </Form.Item>
              </Col>
              <Col flex="150px">
                <Form.Item
                  name={[field.name, 'daily_min']}
                  rules={[{ required: true, message: t('sampling.plan.required') }]}
                >
                  <InputNumber
                    min={0}
                    max={SAMPLING_LIMITS.dailyMinMax}
                    suffix={t('sampling.plan.perDay')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item name={[field.name, 'reason']}>
                  <Input.TextArea
                    autoSize={NOTE_ROWS}
                    maxLength={SAMPLING_LIMITS.reasonMax}
                    placeholder={t('sampling.plan.fields.reason')}
                    data-testid="plan-override-reason"
                  />
                </Form.Item>
              </Col>
              {!readOnly && (
                <Col flex="40px">
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('sampling.plan.remove')}
                  />
                </Col>
              )}
            </Row>
          ))}
          {fields.length === 0 && (
            <Typography.Paragraph type="secondary">{t('sampling.plan.noOverrides')}</Typography.Paragraph>
          )}
          {!readOnly && (
            <Button icon={<PlusOutlined />} onClick={() => add({ daily_min: 5, reason: '' })}>
              {t('sampling.plan.addOverride')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
