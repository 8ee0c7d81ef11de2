import { CheckCircleOutlined, CopyOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TSamplingPlan } from '../../../../shared/schemas/sampling.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { activatePlan, archivePlan, createPlan, updatePlan, type PlanDirectory } from './api.ts';
import { planPath } from './access.ts';
import { PlanForm, type PlanValues } from './PlanForm.tsx';
import { planName } from './plan-name.ts';
import { planValuesForDisplay, planValuesForStorage } from './generated-notes.ts';

export const STATUS_COLORS: Record<TSamplingPlan['status'], string> = {
  active: 'green',
  proposed: 'gold',
  archived: 'default',
};

/**
 * One plan: its state, the form, and the actions the user may take on it (save with the version
 * read, activate, discard a proposal, copy into a new proposal).
 */
export function PlanEditor({
  plan,
  directory,
  canManage,
  onChanged,
}: {
  plan: TSamplingPlan;
  directory: PlanDirectory;
  canManage: boolean;
  onChanged: (plan: TSamplingPlan) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PlanValues>();
  const [busy, setBusy] = useState<'save' | 'activate' | 'archive' | 'copy' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The system-given name and generated notes show in the user's language; saved unchanged as stored.
  const initial = useMemo(() => planValuesForDisplay(t, plan), [t, plan]);
  const editable = canManage && plan.status !== 'archived';

  useEffect(() => {
    form.resetFields();
  }, [form, initial]);

  const handleSave = async (values: PlanValues) => {
    setBusy('save');
    setError(null);
    try {
      const saved = await updatePlan(plan.id, {
        version: plan.version,
        ...planValuesForStorage(t, plan, values),
      });
      onChanged(saved);
      void message.success(t('sampling.plan.saved'));
    } catch (err) {
      if (!applyFieldErrors(form, err, t)) setError(errorMessage(t, err));
      else setError(t('errors.codes.validation_failed'));
    } finally {
      setBusy(null);
    }
  };

  const handleActivate = () => {
    modal.confirm({
      title: t('sampling.plan.activateConfirm', { name: planName(t, plan.name) }),
      content: t('sampling.plan.activateHelp'),
      okText: t('sampling.plan.activate'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('activate');
        try {
          const saved = await activatePlan(plan.id, plan.version);
          onChanged(saved);
          void message.success(t('sampling.plan.activated', { name: planName(t, saved.name) }));
        } catch (err) {
          void message.error(errorMessage(t, err));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const handleArchive = () => {
    modal.confirm({
      title: t('sampling.plan.archiveConfirm', { name: planName(t, plan.name) }),
      okText: t('sampling.plan.archive'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('archive');
        try {
          onChanged(await archivePlan(plan.id, plan.version));
        } catch (err) {
          void message.error(errorMessage(t, err));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const handleCopy = async () => {
    setBusy('copy');
    try {
      const values = planValuesForStorage(t, plan, form.getFieldsValue(true) as PlanValues);
      const copy = await createPlan({
        ...values,
        name: t('sampling.plan.copyName', { name: planName(t, values.name) }),
        month: null,
      });
      void message.success(t('sampling.plan.copied'));
      void navigate(planPath(copy.id));
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="plan-editor" data-plan-status={plan.status}>
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              {
                key: 'status',
                label: t('sampling.plan.fields.status'),
                children: (
                  <Tag color={STATUS_COLORS[plan.status]} data-testid="plan-status">
                    {t(`sampling.plan.status.${plan.status}`)}
                  </Tag>
                ),
              },
              { key: 'version', label: t('sampling.plan.fields.version'), children: plan.version },
              {
                key: 'updated',
                label: t('sampling.plan.fields.updatedAt'),
                children: formatDateTime(plan.updated_at),
              },
              {
                key: 'activated',
                label: t('sampling.plan.fields.activatedAt'),
                children: plan.activated_at ? formatDateTime(plan.activated_at) : '—',
              },
              ...(plan.month
                ? [{ key: 'month', label: t('sampling.plan.fields.month'), children: plan.month }]
                : []),
            ]}
          />
          {canManage && (
            <Space wrap>
              <Button icon={<CopyOutlined />} loading={busy === 'copy'} onClick={() => void handleCopy()}>
                {t('sampling.plan.copy')}
              </Button>
              {plan.status === 'proposed' && (
                <Button icon={<StopOutlined />} danger loading={busy === 'archive'} onClick={handleArchive}>
                  {t('sampling.plan.archive')}
                </Button>
              )}
              {plan.status !== 'active' && (
                <Button
                  icon={<CheckCircleOutlined />}
                  loading={busy === 'activate'}
                  onClick={handleActivate}
                  data-testid="plan-activate"
                >
                  {t('sampling.plan.activate')}
                </Button>
              )}
              {editable && (
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  loading={busy === 'save'}
                  onClick={() => form.submit()}
                  data-testid="plan-save"
                >
                  {t('common.save')}
                </Button>
              )}
            </Space>
          )}
        </Flex>
        {plan.status === 'archived' && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('sampling.plan.archivedHelp')} />
        )}
        {error && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="plan-error" />
        )}
      </Card>
      <PlanForm
        form={form}
        initial={initial}
        directory={directory}
        readOnly={!editable}
        onFinish={(v) => void handleSave(v)}
      />
    </div>
  );
}
