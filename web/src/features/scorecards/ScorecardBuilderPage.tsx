import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePath, Link, useNavigate, useParams } from 'react-router';
import type { TForm, TScoreCategory } from '../../../../shared/schemas/form.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import { PATHS } from '../../app/router-paths.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { ApiError } from '../../lib/api.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { createForm, fetchCategories, fetchForm, fetchQueues, setFormArchived, updateForm } from './api.ts';
import {
  checkedBy,
  newItem,
  passMarkProblem,
  previewFromValues,
  requestFromValues,
  valuesFromForm,
  type BuilderValues,
} from './builder-values.ts';
import { ScorecardPreview } from './ScorecardPreview.tsx';
import { SectionEditor } from './SectionEditor.tsx';
import { useCategoryName } from './useCategoryName.ts';

const viewPath = (id: number) => generatePath(PATHS.scorecard, { id: String(id) });

/** Create or edit a scorecard, with a live preview computed by the shared scoring engine. */
export function ScorecardBuilderPage() {
  const id = Number(useParams().id) || null;
  const existing = useLoad(() => (id ? fetchForm(id) : Promise.resolve(null)), [id]);
  const categories = useLoad(fetchCategories, []);
  const queues = useLoad(fetchQueues, []);

  if ((id && existing.loading) || categories.loading) return <PageSpinner />;
  if (existing.error || categories.error)
    return <ErrorAlert error={existing.error ?? categories.error} onRetry={existing.reload} />;
  return (
    <Builder
      key={existing.data?.version ?? 'new'}
      form={existing.data ?? null}
      categories={categories.data ?? []}
      queues={queues.data ?? []}
    />
  );
}

function Builder({
  form: saved,
  categories,
  queues,
}: {
  form: TForm | null;
  categories: TScoreCategory[];
  queues: TQueue[];
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<BuilderValues>();
  const [busy, setBusy] = useState(false);
  // An archived scorecard (a fresh copy starts archived) can be saved and put in use in one go.
  const activateOnSave = useRef(false);
  const inactive = saved?.status === 'archived';
  const categoryName = useCategoryName(categories);
  const firstCategory = categories.find((c) => c.active)?.key ?? '';
  const initial = useMemo<BuilderValues>(
    () =>
      saved
        ? valuesFromForm(saved)
        : {
            name: '',
            description: '',
            pass_mark: 80,
            queue_ids: [],
            sections: [{ title: t('scorecards.builder.newSection'), items: [newItem(firstCategory)] }],
          },
    [saved, firstCategory, t],
  );
  const watched = Form.useWatch([], form);
  const preview = useMemo(() => previewFromValues(watched ?? initial), [watched, initial]);
  const passMark = Number(watched?.pass_mark ?? initial.pass_mark) || 0;
  const totalPoints = preview.flatMap((s) => s.items).reduce((sum, i) => sum + i.points, 0);

  useEffect(() => {
    form.setFieldsValue(initial);
  }, [form, initial]);

  const handleFinish = async (values: BuilderValues) => {
    setBusy(true);
    try {
      const body = requestFromValues(values);
      const activate = activateOnSave.current && inactive;
      activateOnSave.current = false;
      let result = saved
        ? await updateForm(saved.id, { ...body, version: saved.version })
        : await createForm(body);
      if (activate) result = await setFormArchived(result, false);
      void message.success(
        activate
          ? t('scorecards.builder.savedActive', { name: result.name })
          : saved
            ? t('scorecards.builder.saved', { n: result.current_version })
            : t('scorecards.builder.created', { name: result.name }),
      );
      void navigate(viewPath(result.id));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_write') {
        modal.confirm({
          title: t('scorecards.builder.staleTitle'),
          content: t('scorecards.builder.staleBody'),
          okText: t('scorecards.builder.reload'),
          cancelText: t('common.close'),
          onOk: () => window.location.reload(),
        });
      } else if (applyFieldErrors(form, err, t)) {
        void message.error(t('errors.codes.validation_failed'));
      } else {
        void message.error(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('errors.field.required') };

  return (
    <>
      <Link to={saved ? viewPath(saved.id) : PATHS.scorecards}>
        <ArrowLeftOutlined /> {t('scorecards.view.back')}
      </Link>
      <Typography.Title level={3} style={{ margin: '12px 0 16px' }} data-testid="builder-title">
        {saved
          ? t('scorecards.builder.editTitle', { name: saved.name })
          : t('scorecards.builder.createTitle')}
      </Typography.Title>
      {saved?.version_used && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('scorecards.builder.usedBanner', {
            n: saved.current_version,
            next: saved.current_version + 1,
          })}
          data-testid="used-banner"
        />
      )}
      {inactive && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('scorecards.builder.inactiveBanner')}
          description={t('scorecards.builder.inactiveHelp')}
          data-testid="inactive-banner"
        />
      )}
      <Form<BuilderValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void handleFinish(v)}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={16}>
                  <Form.Item
                    name="name"
                    label={t('scorecards.builder.name')}
                    rules={[{ ...required, whitespace: true }]}
                  >
                    <Input maxLength={200} id="scorecard-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="pass_mark"
                    label={t('scorecards.builder.passMark')}
                    rules={[required, checkedBy((v) => passMarkProblem(t, v))]}
                  >
                    <InputNumber<number> step={1} style={{ width: '100%' }} id="scorecard-pass-mark" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="description" label={t('scorecards.builder.description')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
              </Form.Item>
              <Form.Item
                name="queue_ids"
                label={t('scorecards.builder.queues')}
                extra={t('scorecards.builder.queuesHelp')}
                style={{ marginBottom: 0 }}
              >
                <Select<number[]>
                  mode="multiple"
                  optionFilterProp="label"
                  options={queues
                    .filter((q) => q.active || saved?.queue_ids.includes(q.id))
                    .map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }))}
                  data-testid="scorecard-queues"
                />
              </Form.Item>
            </Card>
            <Typography.Title level={5}>
              {t('scorecards.builder.sections')}{' '}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                {t('scorecards.builder.totalPoints', { points: Math.round(totalPoints * 100) / 100 })}
              </Typography.Text>
            </Typography.Title>
            <Form.List name="sections">
              {(fields, { add, remove, move }) => (
                <>
                  {fields.map((field) => (
                    <SectionEditor
                      key={field.key}
                      sectionIndex={field.name}
                      sectionCount={fields.length}
                      categories={categories}
                      categoryName={categoryName}
                      onMoveSection={move}
                      onRemoveSection={() => remove(field.name)}
                    />
                  ))}
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() =>
                      add({ title: t('scorecards.builder.newSection'), items: [newItem(firstCategory)] })
                    }
                    data-testid="add-section"
                    style={{ marginBottom: 16 }}
                  >
                    {t('scorecards.builder.addSection')}
                  </Button>
                </>
              )}
            </Form.List>
            <Space>
              <Button
                type={inactive ? 'default' : 'primary'}
                size="large"
                htmlType="submit"
                loading={busy}
                data-testid="scorecard-save"
              >
                {t('scorecards.builder.save')}
              </Button>
              {inactive && (
                <Button
                  type="primary"
                  size="large"
                  loading={busy}
                  onClick={() => {
                    activateOnSave.current = true;
                    form.submit();
                  }}
                  data-testid="scorecard-save-activate"
                >
                  {t('scorecards.builder.saveActivate')}
                </Button>
              )}
            </Space>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('scorecards.builder.preview')} style={{ position: 'sticky', top: 16 }}>
              <ScorecardPreview sections={preview} passMark={passMark} categoryName={categoryName} />
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
