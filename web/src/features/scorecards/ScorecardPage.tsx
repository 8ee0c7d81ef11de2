import {
  ArrowLeftOutlined,
  CopyOutlined,
  EditOutlined,
  InboxOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePath, Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PAGE_ABILITIES, PATHS } from '../../app/router-paths.ts';
import { useAbility } from '../../app/session.tsx';
import { DetailLoadError } from '../../components/DetailLoadError.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchCategories, fetchForm, fetchQueues, fetchVersions, type FormVersionSummary } from './api.ts';
import { FormContent } from './FormContent.tsx';
import { ScorecardPreview, type PreviewSection } from './ScorecardPreview.tsx';
import { useCategoryName } from './useCategoryName.ts';
import { useScorecardActions } from './useScorecardActions.ts';

/** One scorecard: its content (any version, read-only), a live preview and its versions. */
export function ScorecardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('form_version')) || undefined;
  const tab = params.get('tab') ?? 'content';
  const canEdit = useAbility(...PAGE_ABILITIES.scorecardEdit);
  const canCreate = useAbility('forms.create');
  const form = useLoad(() => fetchForm(id, asked), [id, asked]);
  // The same actions as the list's ⋯ menu; after archiving or restoring, the page shows the new status.
  const { handleArchive, handleDuplicate } = useScorecardActions(() => form.reload());
  const versions = useLoad(() => fetchVersions(id), [id]);
  const categories = useLoad(fetchCategories, []);
  const queues = useLoad(fetchQueues, []);
  const categoryName = useCategoryName(categories.data ?? []);
  const f = form.data;
  const previewSections = useMemo<PreviewSection[]>(
    () =>
      (f?.sections ?? []).map((s) => ({
        title: s.title,
        items: s.items.map((i) => ({ ...i })),
      })),
    [f],
  );

  if (form.loading && !f) return <PageSpinner />;
  if (!f) {
    return (
      <DetailLoadError
        error={form.error}
        onRetry={form.reload}
        back={{ to: PATHS.scorecards, label: t('scorecards.view.back') }}
      />
    );
  }

  const setQuery = (patch: Record<string, string | null>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) p.delete(k);
        else p.set(k, v);
      }
      return p;
    });
  const isOld = f.form_version !== f.current_version;
  const queueNames = f.queue_ids.length
    ? f.queue_ids.map((q) => queues.data?.find((x) => x.id === q)?.name ?? `#${q}`).join('、')
    : t('scorecards.allQueues');

  return (
    <>
      <Link to={PATHS.scorecards}>
        <ArrowLeftOutlined /> {t('scorecards.view.back')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '12px 0 16px' }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="scorecard-title">
            {f.name}
          </Typography.Title>
          <Tag color="blue">{t('scorecards.view.versionTag', { n: f.form_version })}</Tag>
          <Tag color={f.status === 'active' ? 'success' : 'default'} data-testid="scorecard-status">
            {t(`scorecards.status.${f.status}`)}
          </Tag>
        </Flex>
        {canEdit && (
          <Space wrap>
            {canCreate && (
              <Button
                icon={<CopyOutlined />}
                onClick={() => handleDuplicate(f)}
                data-testid="scorecard-duplicate"
              >
                {t('scorecards.actions.duplicate')}
              </Button>
            )}
            {f.status === 'active' ? (
              <Button
                danger
                icon={<InboxOutlined />}
                onClick={() => handleArchive(f, true)}
                data-testid="scorecard-archive"
              >
                {t('scorecards.actions.archive')}
              </Button>
            ) : (
              <Button
                icon={<UndoOutlined />}
                onClick={() => handleArchive(f, false)}
                data-testid="scorecard-restore"
              >
                {t('scorecards.actions.restore')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => void navigate(generatePath(PATHS.scorecardEdit, { id: String(f.id) }))}
              data-testid="scorecard-edit"
            >
              {t('scorecards.actions.edit')}
            </Button>
          </Space>
        )}
      </Flex>
      {isOld && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('scorecards.view.oldVersion', { n: f.form_version, current: f.current_version })}
          action={
            <Button size="small" onClick={() => setQuery({ form_version: null })}>
              {t('scorecards.view.showCurrent')}
            </Button>
          }
          data-testid="old-version-banner"
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('scorecards.view.passMark')}>{f.pass_mark}</Descriptions.Item>
          <Descriptions.Item label={t('scorecards.view.totalPoints')}>{f.total_points}</Descriptions.Item>
          <Descriptions.Item label={t('scorecards.view.queues')}>{queueNames}</Descriptions.Item>
          {f.description && (
            <Descriptions.Item label={t('scorecards.view.description')} span={3}>
              {f.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setQuery({ tab: key === 'content' ? null : key })}
          items={[
            {
              key: 'content',
              label: t('scorecards.view.tabs.content'),
              children: <FormContent form={f} categoryName={categoryName} />,
            },
            {
              key: 'preview',
              label: t('scorecards.view.tabs.preview'),
              children: (
                <ScorecardPreview
                  key={f.form_version_id}
                  sections={previewSections}
                  passMark={f.pass_mark}
                  categoryName={categoryName}
                />
              ),
            },
            {
              key: 'versions',
              label: t('scorecards.view.tabs.versions'),
              children: (
                <>
                  <ErrorAlert error={versions.error} onRetry={versions.reload} />
                  <Table<FormVersionSummary>
                    rowKey="form_version"
                    size="small"
                    data-testid="versions-table"
                    loading={versions.loading}
                    dataSource={versions.data ?? []}
                    pagination={false}
                    columns={[
                      {
                        title: t('scorecards.versions.version'),
                        dataIndex: 'form_version',
                        render: (v: number) => (
                          <Flex gap={4}>
                            {t('scorecards.view.versionTag', { n: v })}
                            {v === f.current_version && (
                              <Tag color="blue">{t('scorecards.view.currentTag')}</Tag>
                            )}
                          </Flex>
                        ),
                      },
                      {
                        title: t('scorecards.versions.createdAt'),
                        dataIndex: 'created_at',
                        render: (v: string) => formatDateTime(v),
                      },
                      { title: t('scorecards.versions.items'), dataIndex: 'item_count', align: 'right' },
                      { title: t('scorecards.versions.passMark'), dataIndex: 'pass_mark', align: 'right' },
                      {
                        title: t('scorecards.versions.used'),
                        dataIndex: 'used',
                        render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
                      },
                      {
                        title: t('common.actions'),
                        key: 'open',
                        render: (_, r) => (
                          <Button
                            type="link"
                            size="small"
                            onClick={() =>
                              setQuery({
                                form_version:
                                  r.form_version === f.current_version ? null : String(r.form_version),
                                tab: null,
                              })
                            }
                          >
                            {t('scorecards.versions.open')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
