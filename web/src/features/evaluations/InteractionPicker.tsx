import { FormOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import type { TInteraction } from '../../../../shared/schemas/interaction.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAllPages } from '../../lib/api.ts';
import { dayjs, formatDateTime } from '../../lib/time.ts';
import { useQueueName } from '../interactions/useQueueName.ts';
import { formatDuration } from '../interactions/api.ts';

/** /evaluate with nothing chosen: pick a recent contact, or evaluate a CSR without a recording. */
export function InteractionPicker() {
  const { t } = useTranslation();
  const queueName = useQueueName();
  const me = useMe();
  // The inspector's own drafts, by contact: such a contact opens its draft (one per contact).
  const drafts = useLoad(
    () => fetchAllPages<TEvaluation>('/evaluations', { status: 'draft', evaluator_id: me.id }),
    [me.id],
  );
  const draftOf = new Map(
    (drafts.data ?? []).flatMap((e) =>
      e.interaction_id === null ? [] : [[e.interaction_id, e.id] as const],
    ),
  );
  const [externalId, setExternalId] = useState<string>();
  const [day, setDay] = useState<string>();
  const list = useCursorList<TInteraction>('/interactions', {
    external_id: externalId,
    from: day,
    to: day,
    sort: 'started_at',
    order: 'desc',
  });
  return (
    <>
      <PageHeader
        title={t('evaluations.picker.title')}
        subtitle={t('evaluations.picker.subtitle')}
        extra={
          <Link to="/evaluate?blank=1">
            <Button icon={<UserSwitchOutlined />} data-testid="evaluate-without-contact">
              {t('evaluations.picker.withoutContact')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('evaluations.picker.externalId')}
            onSearch={(v) => setExternalId(v.trim() || undefined)}
            style={{ width: 240 }}
          />
          <DatePicker
            value={day ? dayjs(day) : null}
            onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : undefined)}
            placeholder={t('evaluations.picker.day')}
          />
        </Flex>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TInteraction>
          rowKey="id"
          size="middle"
          data-testid="interaction-picker"
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('evaluations.fields.startedAt'),
              dataIndex: 'started_at',
              render: (v: string) => formatDateTime(v),
            },
            { title: t('evaluations.fields.agent'), dataIndex: 'agent_name' },
            {
              title: t('evaluations.fields.queue'),
              dataIndex: 'queue',
              render: (v: string | null) => queueName(v) ?? '—',
            },
            {
              title: t('evaluations.fields.duration'),
              dataIndex: 'duration_s',
              render: (v: number) => formatDuration(v),
            },
            {
              title: t('evaluations.fields.externalId'),
              dataIndex: 'external_id',
              render: (v: string, r) => <Link to={`/interactions/${r.id}`}>{v}</Link>,
            },
            {
              title: t('evaluations.fields.recording'),
              key: 'rec',
              render: (_, r) => (
                <>
                  {r.has_recording && <Tag color="blue">{t('evaluations.fields.recording')}</Tag>}
                  {r.has_transcript && <Tag>{t('evaluations.transcript.title')}</Tag>}
                  {draftOf.has(r.id) && (
                    <Tag color="gold" data-testid={`my-draft-${r.id}`}>
                      {t('evaluations.picker.myDraft')}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: t('common.actions'),
              key: 'go',
              fixed: 'right',
              render: (_, r) => {
                const draftId = draftOf.get(r.id);
                return (
                  <Link to={draftId ? `/evaluate?draft=${draftId}` : `/evaluate?interaction=${r.id}`}>
                    <Button
                      type={draftId ? 'default' : 'primary'}
                      size="small"
                      icon={<FormOutlined />}
                      data-testid={`evaluate-${r.id}`}
                    >
                      {t(draftId ? 'evaluations.picker.continueDraft' : 'evaluations.picker.evaluate')}
                    </Button>
                  </Link>
                );
              },
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
