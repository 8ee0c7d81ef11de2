import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { EVALUATION_METHODS, EVALUATION_PHASES, type EvaluationMethod } from '../../../../shared/workflow.ts';
import { useAbility, useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { queuePath } from '../assignments/api.ts';
import { AssignmentBanner } from '../assignments/AssignmentBanner.tsx';
import { type QueuedAssignment, useQueuedAssignment } from '../assignments/useQueuedAssignment.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchForm } from './api.ts';
import { groupFormsForQueue } from './form-choice.ts';
import { useQueueName } from '../interactions/useQueueName.ts';
import { InteractionPicker } from './InteractionPicker.tsx';
import { RecordingPanel } from './RecordingPanel.tsx';
import { ScenarioDescriptions } from './DetailSections.tsx';
import { ScorecardPanel, ScoreSummary, liveScore, type AnswerMap } from './ScorecardPanel.tsx';
import { useEvaluationDraft, type DraftContent } from './useEvaluationDraft.ts';
import { defaultMethod, loadWorkspace, olderFormVersion, type WorkspaceData } from './workspace-data.ts';

/**
 * /evaluate?interaction=ID starts an evaluation of a contact; /evaluate?draft=ID continues a draft;
 * /evaluate alone offers the choice (pick a contact, or evaluate a CSR without a recording).
 * `&assignment=ID` (from the work queue) names the assignment: saving sends it, submitting
 * completes it and returns to the queue.
 */
export function EvaluatePage() {
  const [params] = useSearchParams();
  const location = useLocation();
  // Saving the first draft puts its id in the address; that must not restart the workspace.
  const workspace = (location.state as { workspace?: string } | null)?.workspace ?? location.key;
  const draft = Number(params.get('draft')) || null;
  const interaction = Number(params.get('interaction')) || null;
  const blank = params.get('blank') === '1';
  const assignment = Number(params.get('assignment')) || null;
  if (!draft && !interaction && !blank) return <InteractionPicker />;
  return (
    <Workspace
      key={workspace}
      workspace={workspace}
      draftId={draft}
      interactionId={interaction}
      assignmentId={assignment}
    />
  );
}

function Workspace({
  workspace,
  draftId,
  interactionId,
  assignmentId,
}: {
  workspace: string;
  draftId: number | null;
  interactionId: number | null;
  assignmentId: number | null;
}) {
  const canListScenarios = useAbility('test_calls.list');
  const me = useMe();
  const data = useLoad(
    () => loadWorkspace(draftId, interactionId, canListScenarios, me.id),
    // Loaded once per workspace; the draft id added after the first save must not reload it.
    [workspace],
  );
  const queue = useQueuedAssignment(assignmentId, workspace);
  if ((data.loading && !data.data) || queue.loading) return <PageSpinner />;
  if (!data.data) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  return <Editor data={data.data} workspace={workspace} queued={queue.queued} />;
}

function initialContent(data: WorkspaceData): DraftContent {
  const e = data.evaluation;
  const answers: AnswerMap = {};
  for (const a of e?.answers ?? []) answers[a.item_id] = { result: a.result, comment: a.comment ?? '' };
  return {
    method: e?.method ?? defaultMethod(data.interaction),
    phase: e?.phase ?? 'after',
    agentId: e?.agent_id ?? null,
    scenarioId: e?.test_call_scenario_id ?? null,
    answers,
    marks: (e?.marks ?? []).map((m) => ({
      at_s: m.at_s,
      turn_index: m.turn_index,
      item_id: m.item_id,
      text: m.text,
    })),
    positives: e?.positives ?? '',
    negatives: e?.negatives ?? '',
  };
}

/** Server field paths (answers.3.item_id, or "item 12: not answered") → messages per item id. */
function itemErrors(error: unknown, sent: { item_id: number }[]): Record<number, string> {
  const out: Record<number, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const issue of error.fieldIssues) {
    const [field, index] = issue.path;
    const byIndex = field === 'answers' && typeof index === 'number' ? sent[index]?.item_id : undefined;
    const byText = /item (\d+)/.exec(issue.message)?.[1];
    const id = byIndex ?? (byText ? Number(byText) : undefined);
    if (id !== undefined) out[id] = issue.message.replace(/^item \d+: /, '');
  }
  return out;
}

function Editor({
  data,
  workspace,
  queued,
}: {
  data: WorkspaceData;
  workspace: string;
  queued: QueuedAssignment | null;
}) {
  const { t } = useTranslation();
  const queueName = useQueueName();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  // The work queue's address as the inspector left it, to return to after submitting.
  const back = useSearchParams()[0].get('back');
  const [form, setForm] = useState<TForm | null>(data.form);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const interaction = data.interaction;

  const onCreated = useCallback(
    (id: number) => {
      const params = new URLSearchParams({ draft: String(id) });
      if (queued) params.set('assignment', String(queued.id));
      if (back) params.set('back', back);
      void navigate(`/evaluate?${params.toString()}`, { replace: true, state: { workspace } });
    },
    [navigate, workspace, queued, back],
  );
  // A contact the inspector already had a draft of opened that draft: its address says so.
  const resumedId = data.resumed ? (data.evaluation?.id ?? null) : null;
  useEffect(() => {
    if (resumedId !== null) onCreated(resumedId);
  }, [resumedId, onCreated]);
  // Saves name the assignment only while it can still be completed.
  const assignmentId = queued?.open ? queued.id : null;
  const draft = useEvaluationDraft({
    initial: useMemo(() => initialContent(data), [data]),
    evaluation: data.evaluation,
    interactionId: interaction?.id ?? null,
    form,
    assignmentId,
    onCreated,
  });
  const { content, update } = draft;
  const locked = draft.id !== null;
  const started =
    Object.values(content.answers).some((a) => a.result || a.comment.trim()) ||
    content.marks.length > 0 ||
    content.positives.trim() !== '' ||
    content.negatives.trim() !== '';
  const methodMissing = content.method === null && started;
  // The create refused because this inspector has a draft of the contact already (another tab).
  const existingDraft = draftExistsId(draft.save.kind === 'error' ? draft.save.error : null);
  const scenario = data.scenarios.find((s) => s.id === content.scenarioId);
  // A test call is submitted with its scenario (the server refuses it otherwise, 400 on the field).
  const [scenarioMissing, setScenarioMissing] = useState(false);
  const scenarioRefused =
    submitError instanceof ApiError &&
    submitError.fieldIssues.some((issue) => issue.path[0] === 'test_call_scenario_id');
  const scenarioError =
    content.method === 'test_call' && !content.scenarioId && (scenarioMissing || scenarioRefused);
  const older = olderFormVersion(form);

  // Grouped when the contact has a queue: the queue's own forms, then those for every queue.
  const formOptions = useMemo(() => {
    const option = (f: Pick<TForm, 'id' | 'name' | 'form_version'>) => ({
      value: f.id,
      label: `${f.name} · v${f.form_version}`,
    });
    if (data.forms.length === 0) return form ? [option(form)] : [];
    const queueId = interaction?.queue_id;
    if (!queueId) return data.forms.map(option);
    const g = groupFormsForQueue(data.forms, queueId);
    return [
      {
        label: t('evaluations.workspace.formsOfQueue', { queue: queueName(interaction.queue) ?? '' }),
        forms: g.queue,
      },
      { label: t('evaluations.workspace.formsForEveryQueue'), forms: g.every },
      { label: t('evaluations.workspace.formsOfOtherQueues'), forms: g.other },
    ]
      .filter((group) => group.forms.length > 0)
      .map((group) => ({ label: group.label, title: group.label, options: group.forms.map(option) }));
  }, [data.forms, form, interaction, queueName, t]);

  const handleFormChange = async (formId: number) => {
    try {
      setForm(await fetchForm(formId));
      // Another scorecard: the answers and the items comments were pinned to belong to the old one.
      update({ answers: {}, marks: content.marks.map((m) => ({ ...m, item_id: null })) });
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  const handleSubmit = async () => {
    if (!form) return;
    setSubmitting(true);
    setErrors({});
    setSubmitError(null);
    const sent = form.sections.flatMap((s) => s.items).filter((i) => content.answers[i.id]?.result);
    try {
      const saved = await draft.submit();
      void message.success(t('evaluations.workspace.submitted'));
      // From the work queue: back to it (the assignment is done), ready for the next one, with a
      // link to what was just submitted.
      await navigate(
        assignmentId
          ? queuePath(back, { assignment: assignmentId, evaluation: saved.id })
          : `/evaluations/${saved.id}`,
      );
    } catch (err) {
      setErrors(
        itemErrors(
          err,
          sent.map((i) => ({ item_id: i.id })),
        ),
      );
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const confirming = useRef(false);
  /** Submitting sends the result to the CSR and ends editing: the inspector confirms the score first. */
  const confirmSubmit = () => {
    // One question at a time: a double click must not open two (and send twice).
    if (!form || confirming.current || content.method === null) return;
    if (content.method === 'test_call' && !content.scenarioId) {
      setScenarioMissing(true);
      return;
    }
    confirming.current = true;
    const result = liveScore(form, content.answers);
    const score = result.score.toFixed(1);
    void modal.confirm({
      title: t('evaluations.workspace.confirmSubmitTitle'),
      content: result.fatal
        ? t('evaluations.workspace.confirmSubmitFatal', { score })
        : t('evaluations.workspace.confirmSubmit', {
            score,
            verdict: t(result.passed ? 'evaluations.passed' : 'evaluations.notPassed'),
          }),
      okText: t('evaluations.workspace.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { id: 'evaluation-submit-confirm' },
      onOk: () => handleSubmit(),
      afterClose: () => {
        confirming.current = false;
      },
    });
  };

  /** Discarding deletes the saved draft: the inspector confirms first. */
  const confirmDiscard = () => {
    if (confirming.current) return;
    confirming.current = true;
    void modal.confirm({
      title: t('evaluations.workspace.confirmDiscardTitle'),
      content: t('evaluations.workspace.confirmDiscard'),
      okText: t('evaluations.workspace.discard'),
      okButtonProps: { danger: true, id: 'evaluation-discard-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await draft.discard();
        } catch (err) {
          void message.error(errorMessage(t, err));
          return;
        }
        void message.success(t('evaluations.workspace.discarded'));
        await navigate(assignmentId ? queuePath(back) : '/evaluate');
      },
      afterClose: () => {
        confirming.current = false;
      },
    });
  };

  const saveText =
    draft.save.kind === 'saving'
      ? t('evaluations.workspace.saving')
      : draft.save.kind === 'saved'
        ? t('evaluations.workspace.savedAt', { at: formatDateTime(draft.save.at.toISOString()) })
        : draft.save.kind === 'idle'
          ? t('evaluations.workspace.notSaved')
          : '';

  return (
    <>
      <PageHeader
        title={t(draft.id ? 'evaluations.workspace.titleDraft' : 'evaluations.workspace.title', {
          id: draft.id ?? 0,
        })}
        subtitle={t('evaluations.workspace.subtitle')}
        extra={
          <Flex align="center" gap={12}>
            <Typography.Text type="secondary" data-testid="save-state">
              {saveText}
            </Typography.Text>
            {draft.id !== null && (
              <Button danger onClick={confirmDiscard} disabled={submitting} data-testid="evaluation-discard">
                {t('evaluations.workspace.discard')}
              </Button>
            )}
            <Button
              type="primary"
              onClick={confirmSubmit}
              loading={submitting}
              disabled={!form || draft.save.kind === 'stale' || content.method === null}
              data-testid="evaluation-submit"
            >
              {t('evaluations.workspace.submit')}
            </Button>
          </Flex>
        }
      />
      {draft.save.kind === 'stale' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('evaluations.workspace.stale')}
          action={<Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>}
        />
      )}
      {queued && <AssignmentBanner queued={queued} />}
      {data.resumed && draft.id !== null && (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title={t('evaluations.workspace.resumed', { id: draft.id })}
          data-testid="draft-resumed"
        />
      )}
      {existingDraft !== null ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('evaluations.workspace.draftExists', { id: existingDraft })}
          action={
            <Button onClick={() => void navigate(`/evaluate?draft=${existingDraft}`)}>
              {t('evaluations.workspace.openDraft', { id: existingDraft })}
            </Button>
          }
          data-testid="draft-exists"
        />
      ) : (
        draft.save.kind === 'error' && <ErrorAlert error={draft.save.error} />
      )}
      <ErrorAlert error={submitError} />
      {older && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('evaluations.workspace.olderVersion', older)}
          data-testid="older-form-version"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('evaluations.workspace.contact')} style={{ marginBottom: 16 }}>
            {interaction ? (
              <Descriptions size="small" column={2} data-testid="interaction-meta">
                <Descriptions.Item label={t('evaluations.fields.agent')}>
                  {interaction.agent_name}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.startedAt')}>
                  {formatDateTime(interaction.started_at)}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.queue')}>
                  {queueName(interaction.queue) ?? t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.channel')}>
                  {t(`evaluations.channel.${interaction.channel}`)} ·{' '}
                  {t(`evaluations.direction.${interaction.direction}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.externalId')}>
                  <Link to={`/interactions/${interaction.id}`}>{interaction.external_id}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.customer')}>
                  {interaction.customer_ref ?? t('common.none')}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('evaluations.workspace.noContact')}</Typography.Text>
                <Select<number>
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('evaluations.workspace.pickAgent')}
                  value={content.agentId ?? undefined}
                  disabled={locked}
                  onChange={(agentId) => update({ agentId })}
                  options={data.agents.map((a) => ({
                    value: a.id,
                    label: `${a.display_name} (${a.username})`,
                  }))}
                  style={{ width: '100%' }}
                  data-testid="agent-picker"
                />
              </Space>
            )}
          </Card>
          {interaction && (
            <Card size="small" title={t('evaluations.workspace.recording')}>
              <RecordingPanel
                interaction={interaction}
                marks={content.marks}
                items={form?.sections.flatMap((s) => s.items) ?? []}
                onAddMark={(m) => update({ marks: [...content.marks, m] })}
                onRemoveMark={(i) => update({ marks: content.marks.filter((_, j) => j !== i) })}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={13}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex gap={12} wrap>
              <Field label={t('evaluations.fields.form')}>
                <Tooltip title={locked ? t('evaluations.workspace.formLocked') : undefined}>
                  <Select<number>
                    value={form?.id}
                    disabled={locked}
                    onChange={(id) => void handleFormChange(id)}
                    options={formOptions}
                    style={{ width: 240 }}
                    data-testid="form-picker"
                  />
                </Tooltip>
              </Field>
              <Field label={t('evaluations.fields.method')}>
                <Select<EvaluationMethod>
                  value={content.method ?? undefined}
                  placeholder={t('evaluations.workspace.pickMethod')}
                  status={methodMissing ? 'error' : undefined}
                  onChange={(method) => update({ method })}
                  options={EVALUATION_METHODS.map((m) => ({ value: m, label: t(`evaluations.method.${m}`) }))}
                  // Wide enough for the longest name in either language ("Recording review").
                  style={{ width: 180 }}
                  popupMatchSelectWidth={false}
                  data-testid="method-picker"
                />
              </Field>
              <Field label={t('evaluations.fields.phase')}>
                <Select
                  value={content.phase}
                  onChange={(phase) => update({ phase })}
                  options={EVALUATION_PHASES.map((p) => ({ value: p, label: t(`evaluations.phase.${p}`) }))}
                  style={{ width: 120 }}
                  data-testid="phase-picker"
                />
              </Field>
            </Flex>
            {methodMissing ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="method-required">
                {t('evaluations.workspace.methodRequired')}
              </Typography.Text>
            ) : (
              !locked && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('evaluations.workspace.lockHint')}
                </Typography.Text>
              )
            )}
            {content.method === 'test_call' && (
              <div style={{ marginTop: 12 }}>
                <Field label={t('evaluations.fields.scenario')}>
                  <Select<number>
                    allowClear
                    value={content.scenarioId ?? undefined}
                    onChange={(id) => update({ scenarioId: id ?? null })}
                    options={data.scenarios.map((s) => ({ value: s.id, label: s.title }))}
                    placeholder={t('evaluations.workspace.pickScenario')}
                    status={scenarioError ? 'error' : undefined}
                    style={{ width: '100%' }}
                    data-testid="scenario-picker"
                  />
                </Field>
                {scenarioError && (
                  <Typography.Text type="danger" data-testid="scenario-required">
                    {t('evaluations.testCall.required')}
                  </Typography.Text>
                )}
                {scenario && (
                  <ScenarioDescriptions scenario={scenario} withTitle={false} style={{ marginTop: 8 }} />
                )}
              </div>
            )}
          </Card>
          {form ? (
            <>
              <Card size="small" style={{ marginBottom: 16, position: 'sticky', top: 0, zIndex: 2 }}>
                <ScoreSummary form={form} answers={content.answers} />
              </Card>
              <ScorecardPanel
                form={form}
                answers={content.answers}
                errors={errors}
                onChange={(itemId, next) => update({ answers: { ...content.answers, [itemId]: next } })}
              />
              <Card size="small" title={t('evaluations.fields.remarks')} style={{ marginTop: 16 }}>
                <Field label={<Tag color="success">{t('evaluations.fields.positives')}</Tag>}>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={4000}
                    value={content.positives}
                    onChange={(e) => update({ positives: e.target.value })}
                    data-testid="positives"
                  />
                </Field>
                <div style={{ height: 12 }} />
                <Field label={<Tag color="error">{t('evaluations.fields.negatives')}</Tag>}>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={4000}
                    value={content.negatives}
                    onChange={(e) => update({ negatives: e.target.value })}
                    data-testid="negatives"
                  />
                </Field>
              </Card>
            </>
          ) : (
            <Alert type="warning" showIcon title={t('evaluations.workspace.noForm')} />
          )}
        </Col>
      </Row>
    </>
  );
}

/** The draft id a create was refused for (409: this inspector has a draft of the contact already). */
function draftExistsId(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'duplicate') return null;
  const details = error.details as { draft_id?: unknown } | null | undefined;
  return typeof details?.draft_id === 'number' ? details.draft_id : null;
}

function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ marginBottom: 4, fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{label}</div>
      {children}
    </div>
  );
}
