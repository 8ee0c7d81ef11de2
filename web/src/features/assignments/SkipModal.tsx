import { App, Descriptions, Flex, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SKIP_REASON_MAX, type TAssignment } from '../../../../shared/schemas/assignments.ts';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/time.ts';
import { skipAssignment } from './api.ts';
import { changeErrorMessage } from './parts.tsx';

const PRESETS = ['noAudio', 'wrongAgent', 'tooShort', 'duplicate'] as const;

/** Asks why an assignment is skipped (required, for the record) and skips it. */
export function SkipModal({
  assignment,
  onClose,
  onDone,
}: {
  assignment: TAssignment;
  onClose: () => void;
  /** Called after a skip, and after a refusal that means the list is out of date. */
  onDone: (skipped: TAssignment | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  const handleOk = async () => {
    setSaving(true);
    try {
      const skipped = await skipAssignment(assignment.id, reason.trim(), assignment.version);
      void message.success(t('assignments.skip.done'));
      onDone(skipped);
    } catch (err) {
      void message.error(changeErrorMessage(t, err));
      if (
        err instanceof ApiError &&
        (err.code === 'conflict' || err.code === 'stale_write' || err.status === 404)
      )
        onDone(null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('assignments.skip.title')}
      okText={t('assignments.skip.confirm')}
      okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
      confirmLoading={saving}
      onOk={() => void handleOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('assignments.skip.intro')}</Typography.Paragraph>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('assignments.columns.agent')}>{assignment.agent_name}</Descriptions.Item>
        <Descriptions.Item label={t('assignments.columns.startedAt')}>
          {formatDateTime(assignment.started_at)}
        </Descriptions.Item>
      </Descriptions>
      <div style={{ marginBottom: 4 }}>{t('assignments.skip.reason')}</div>
      <Flex gap={4} wrap style={{ marginBottom: 8 }}>
        {PRESETS.map((key) => (
          <Tag.CheckableTag
            key={key}
            checked={reason === t(`assignments.skip.presets.${key}`)}
            onChange={() => setReason(t(`assignments.skip.presets.${key}`))}
          >
            {t(`assignments.skip.presets.${key}`)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Input.TextArea
        autoFocus
        value={reason}
        maxLength={SKIP_REASON_MAX}
        showCount
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('assignments.skip.reasonPlaceholder')}
        onChange={(e) => setReason(e.target.value)}
        data-testid="skip-reason"
      />
    </Modal>
  );
}
