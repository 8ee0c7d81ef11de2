import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Col, Flex, Form, Input, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { InspectorTable } from './AnalysisTables.tsx';
import { fetchQaSummary, saveQaSummary } from './api.ts';
import { PeriodStepper } from './DateStepper.tsx';
import { DocumentButtons } from './DocumentButtons.tsx';
import { canOpenReport } from './paths.ts';
import type { QaSummaryText } from './types.ts';
import { useMonthParam } from './useReportParams.ts';

type Draft = { findings: string; measures: string };

function SavedBy({ text }: { text: QaSummaryText }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" data-testid="qa-summary-saved-by">
      {text.updated_at && text.updated_by_name
        ? t('reports.qaSummary.lastSaved', {
            name: text.updated_by_name,
            time: formatDateTime(text.updated_at),
          })
        : t('reports.qaSummary.neverSaved')}
    </Typography.Text>
  );
}

/** The findings and measures the QA lead writes; optimistic version, a 409 offers to reload. */
function SummaryEditor({
  month,
  text,
  onSaved,
  onReload,
}: {
  month: string;
  text: QaSummaryText;
  onSaved: (text: QaSummaryText) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>({ findings: text.findings, measures: text.measures });
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const dirty = draft.findings !== text.findings || draft.measures !== text.measures;

  useEffect(() => {
    setDraft({ findings: text.findings, measures: text.measures });
    setConflict(false);
  }, [text]);

  const handleSave = async () => {
    setSaving(true);
    try {
      const saved = await saveQaSummary(month, { ...draft, version: text.version });
      onSaved(saved.text);
      void message.success(t('reports.qaSummary.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(true);
      else void message.error(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          {t('reports.qaSummary.findings')} / {t('reports.qaSummary.measures')}
          {dirty && <Badge status="warning" text={t('reports.qaSummary.unsaved')} />}
        </Space>
      }
      extra={<SavedBy text={text} />}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="qa-summary-conflict"
          title={t('reports.qaSummary.conflict')}
          action={
            <Button size="small" onClick={onReload}>
              {t('reports.qaSummary.reloadTheirs')}
            </Button>
          }
        />
      )}
      <Form layout="vertical" onFinish={() => void handleSave()}>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item label={t('reports.qaSummary.findings')}>
              <Input.TextArea
                value={draft.findings}
                onChange={(e) => setDraft((d) => ({ ...d, findings: e.target.value }))}
                autoSize={{ minRows: 8, maxRows: 24 }}
                maxLength={20000}
                showCount
                placeholder={t('reports.qaSummary.findingsPlaceholder')}
                data-testid="qa-summary-findings"
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item label={t('reports.qaSummary.measures')}>
              <Input.TextArea
                value={draft.measures}
                onChange={(e) => setDraft((d) => ({ ...d, measures: e.target.value }))}
                autoSize={{ minRows: 8, maxRows: 24 }}
                maxLength={20000}
                showCount
                placeholder={t('reports.qaSummary.measuresPlaceholder')}
                data-testid="qa-summary-measures"
              />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="flex-end">
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={saving}
            disabled={!dirty || conflict}
            data-testid="qa-summary-save"
          >
            {t('reports.qaSummary.save')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

function ReadOnlyText({ text }: { text: QaSummaryText }) {
  const { t } = useTranslation();
  const block = (title: string, body: string) => (
    <Col xs={24} lg={12}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {body.trim() ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{body}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('reports.qaSummary.emptyText')}</Typography.Text>
      )}
    </Col>
  );
  return (
    <Card
      title={`${t('reports.qaSummary.findings')} / ${t('reports.qaSummary.measures')}`}
      extra={<SavedBy text={text} />}
    >
      <Typography.Paragraph type="secondary">{t('reports.qaSummary.readOnly')}</Typography.Paragraph>
      <Row gutter={24}>
        {block(t('reports.qaSummary.findings'), text.findings)}
        {block(t('reports.qaSummary.measures'), text.measures)}
      </Row>
    </Card>
  );
}

/** The QA team's monthly work summary (4.9). */
export function QaSummaryPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const canWrite = canOpenReport(useMe(), 'qaSummaryWrite');
  const data = useLoad(() => fetchQaSummary(month), [month]);
  const [savedText, setSavedText] = useState<{ month: string; text: QaSummaryText } | null>(null);
  const summary = data.data?.month === month ? data.data : undefined;
  const text = savedText?.month === month ? savedText.text : summary?.text;

  useEffect(() => setSavedText(null), [data.data]);

  return (
    <>
      <PageHeader
        title={t('reports.qaSummary.title')}
        subtitle={t('reports.qaSummary.subtitle')}
        extra={
          <DocumentButtons
            path="/reports/qa-summary"
            query={{ month }}
            formats={['xlsx', 'pdf']}
            fallbackName={`${t('reports.qaSummary.exportName')}-${month}`}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <PeriodStepper month={month} onChange={(next) => setMonth(next.month)} />
          {summary && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reports.common.generatedAt', {
                time: formatDateTime(summary.generated_at),
                zone: summary.timezone,
              })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {!summary && data.loading && <Card loading />}
      {summary && text && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <InspectorTable
            rows={summary.inspectors}
            fileName={`${t('reports.qaSummary.exportName')}-${month}`}
            title={t('reports.qaSummary.workload')}
          />
          {canWrite ? (
            <SummaryEditor
              month={month}
              text={text}
              onSaved={(saved) => setSavedText({ month, text: saved })}
              onReload={data.reload}
            />
          ) : (
            <ReadOnlyText text={text} />
          )}
        </Space>
      )}
    </>
  );
}
