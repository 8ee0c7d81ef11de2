import { Col, Collapse, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '../../../../shared/schemas/audit.ts';
import { auditChanges, changeText, type AuditChange } from './auditChanges.ts';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>;
  return <pre className="zj-json">{JSON.stringify(value, null, 2)}</pre>;
}

function BeforeAfter({ entry }: { entry: TAuditEntry }) {
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

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === undefined) return <Typography.Text type="secondary">{t('audit.absent')}</Typography.Text>;
  return <Typography.Text style={{ wordBreak: 'break-all' }}>{changeText(value)}</Typography.Text>;
}

/**
 * One audit entry opened: for an edit, the fields it changed (before → after) with the whole
 * record below on request; otherwise what was recorded, side by side.
 */
export function AuditDiff({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const changes = auditChanges(entry.before, entry.after);
  if (changes === null) return <BeforeAfter entry={entry} />;
  return (
    <>
      {changes.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>
      ) : (
        <Table<AuditChange>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={changes}
          data-testid="audit-changes"
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'field',
              width: 200,
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            { title: t('audit.before'), key: 'before', render: (_, c) => <Value value={c.before} /> },
            { title: t('audit.after'), key: 'after', render: (_, c) => <Value value={c.after} /> },
          ]}
        />
      )}
      <Collapse
        ghost
        size="small"
        style={{ marginTop: 8 }}
        items={[{ key: 'all', label: t('audit.wholeRecord'), children: <BeforeAfter entry={entry} /> }]}
      />
    </>
  );
}
