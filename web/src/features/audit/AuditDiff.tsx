import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '../../../../shared/schemas/audit.ts';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>;
  return <pre className="zj-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** Before and after of one audit entry, side by side. */
export function AuditDiff({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <Json value={entry.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <Json value={entry.after} />
      </Col>
    </Row>
  );
}
