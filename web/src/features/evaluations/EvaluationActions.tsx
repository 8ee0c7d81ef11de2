import {
  CheckCircleOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  SignatureOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { isOwnSignature } from '../../../../shared/signature.ts';
import { useMe } from '../../app/session.tsx';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { acknowledgeEvaluation, countersignEvaluation, decideDispute, raiseDispute } from './api.ts';
import { ScenarioDescriptions } from './DetailSections.tsx';

type Dialog = 'acknowledge' | 'countersign' | 'dispute' | 'decide' | null;

/**
 * The buttons the server's `abilities` open for the caller on this evaluation, and their dialogs.
 * `onReview` switches the page into the QA lead's correction mode.
 */
export function EvaluationActions({
  evaluation,
  form,
  onChanged,
  onReview,
}: {
  evaluation: TEvaluationDetail;
  form: TForm | null;
  onChanged: () => void;
  onReview: () => void;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Each opening mounts the dialog afresh: no error, signature or reason left from the last time.
  const [opening, setOpening] = useState(0);
  const openDialog = (next: Exclude<Dialog, null>) => {
    setOpening((n) => n + 1);
    setDialog(next);
  };
  const a = evaluation.abilities;
  const close = (changed: boolean) => {
    setDialog(null);
    if (changed) onChanged();
  };
  return (
    <>
      {a.edit && (
        <Link to={`/evaluate?draft=${evaluation.id}`}>
          <Button type="primary" icon={<EditOutlined />} data-testid="action-edit">
            {t('evaluations.actions.edit')}
          </Button>
        </Link>
      )}
      {a.acknowledge && (
        <Button
          type="primary"
          icon={<SignatureOutlined />}
          onClick={() => openDialog('acknowledge')}
          data-testid="action-acknowledge"
        >
          {t('evaluations.actions.acknowledge')}
        </Button>
      )}
      {a.dispute && (
        <Button
          danger
          icon={<ExclamationCircleOutlined />}
          onClick={() => openDialog('dispute')}
          data-testid="action-dispute"
        >
          {t('evaluations.actions.dispute')}
        </Button>
      )}
      {a.countersign && (
        <Button
          type="primary"
          icon={<SignatureOutlined />}
          onClick={() => openDialog('countersign')}
          data-testid="action-countersign"
        >
          {t('evaluations.actions.countersign')}
        </Button>
      )}
      {a.decide_as_leader && (
        <Button type="primary" onClick={() => openDialog('decide')} data-testid="action-decide">
          {t('evaluations.actions.decide')}
        </Button>
      )}
      {a.review && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={onReview} data-testid="action-review">
          {t('evaluations.actions.review')}
        </Button>
      )}
      {!a.review && a.review_own_evaluation && (
        // 4.2 fairness: the QA lead who scored it does not review its dispute; say so.
        <>
          <Typography.Text type="secondary" data-testid="review-own-evaluation">
            {t('evaluations.review.ownEvaluation')}
          </Typography.Text>
          <Button icon={<CheckCircleOutlined />} disabled data-testid="action-review">
            {t('evaluations.actions.review')}
          </Button>
        </>
      )}
      <SignDialog
        key={`sign-${opening}`}
        kind={dialog === 'acknowledge' || dialog === 'countersign' ? dialog : null}
        evaluation={evaluation}
        onClose={close}
      />
      <DisputeDialog
        key={`dispute-${opening}`}
        open={dialog === 'dispute'}
        evaluation={evaluation}
        form={form}
        onClose={close}
      />
      <DecideDialog
        key={`decide-${opening}`}
        open={dialog === 'decide'}
        evaluation={evaluation}
        onClose={close}
      />
    </>
  );
}

/** E-signature: the signer types their own name (5.5). */
function SignDialog({
  kind,
  evaluation,
  onClose,
}: {
  kind: 'acknowledge' | 'countersign' | null;
  evaluation: TEvaluationDetail;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [signature, setSignature] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Only the signer's own name is taken (shared/signature.ts, the rule the server checks: 400 on
  // `signature`); another name is refused here before it is sent.
  const [otherName, setOtherName] = useState(false);
  const notOwnName =
    otherName ||
    (error instanceof ApiError && error.fieldIssues.some((issue) => issue.path[0] === 'signature'));
  const handleOk = async () => {
    if (!kind || !signature.trim()) return;
    if (!isOwnSignature(signature, me.display_name)) {
      setOtherName(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sign = kind === 'acknowledge' ? acknowledgeEvaluation : countersignEvaluation;
      await sign(evaluation.id, signature.trim(), evaluation.version);
      void message.success(t(`evaluations.sign.done.${kind}`));
      setSignature('');
      onClose(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`evaluations.sign.title.${kind}`) : ''}
      okText={t('evaluations.sign.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void handleOk()}
      onCancel={() => onClose(false)}
      confirmLoading={busy}
      okButtonProps={{ disabled: !signature.trim() }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {kind && t(`evaluations.sign.explain.${kind}`, { score: evaluation.score ?? '—' })}
      </Typography.Paragraph>
      {kind === 'acknowledge' && evaluation.ack_due_at && (
        <Alert
          type={evaluation.overdue ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('evaluations.sign.due', { at: formatDateTime(evaluation.ack_due_at) })}
        />
      )}
      {!notOwnName && <DialogError error={error} onReload={() => onClose(true)} />}
      <Form layout="vertical">
        <Form.Item
          label={t('evaluations.sign.label')}
          extra={t('evaluations.sign.hint', { name: me.display_name })}
          validateStatus={notOwnName ? 'error' : undefined}
          help={notOwnName ? t('evaluations.sign.notOwnName', { name: me.display_name }) : undefined}
        >
          <Input
            value={signature}
            onChange={(e) => {
              setSignature(e.target.value);
              setError(null);
              setOtherName(false);
            }}
            maxLength={100}
            placeholder={me.display_name}
            data-testid="signature"
            style={{ fontFamily: 'cursive', fontSize: 18 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DisputeDialog({
  open,
  evaluation,
  form,
  onClose,
}: {
  open: boolean;
  evaluation: TEvaluationDetail;
  form: TForm | null;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const handleOk = async () => {
    setBusy(true);
    setError(null);
    try {
      await raiseDispute(evaluation.id, reason.trim(), items);
      void message.success(t('evaluations.dispute.done'));
      setReason('');
      setItems([]);
      onClose(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('evaluations.dispute.title')}
      okText={t('evaluations.dispute.ok')}
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
      cancelText={t('common.cancel')}
      onOk={() => void handleOk()}
      onCancel={() => onClose(false)}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('evaluations.dispute.explain')}</Typography.Paragraph>
      <DialogError error={error} onReload={() => onClose(true)} />
      <Form layout="vertical">
        <Form.Item label={t('evaluations.dispute.reason')} required>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={4000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="dispute-reason"
          />
        </Form.Item>
        <Form.Item label={t('evaluations.dispute.items')}>
          <Select<number[]>
            mode="multiple"
            allowClear
            value={items}
            onChange={setItems}
            options={(form?.sections ?? [])
              .flatMap((s) => s.items)
              .map((i) => ({ value: i.id, label: i.text }))}
            data-testid="dispute-items"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** B12–B13: the team leader lets the evaluation stand, or forwards it to the QA lead's review. */
function DecideDialog({
  open,
  evaluation,
  onClose,
}: {
  open: boolean;
  evaluation: TEvaluationDetail;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uphold, setUphold] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dispute = evaluation.disputes.find((d) => d.id === evaluation.open_dispute_id);
  const handleOk = async () => {
    if (!dispute || uphold === null) return;
    setBusy(true);
    setError(null);
    try {
      await decideDispute(dispute.id, { uphold, note: note.trim() || undefined, version: dispute.version });
      void message.success(t(uphold ? 'evaluations.decide.upheld' : 'evaluations.decide.forwarded'));
      onClose(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('evaluations.decide.title')}
      okText={t('evaluations.decide.ok')}
      okButtonProps={{ disabled: uphold === null }}
      cancelText={t('common.cancel')}
      onOk={() => void handleOk()}
      onCancel={() => onClose(false)}
      confirmLoading={busy}
      destroyOnHidden
    >
      {dispute && (
        <Typography.Paragraph>
          <Typography.Text type="secondary">{t('evaluations.dispute.reason')}: </Typography.Text>
          {dispute.reason}
        </Typography.Paragraph>
      )}
      {evaluation.method === 'test_call' && (
        // What the CSR was scored against, to judge the dispute by.
        <div style={{ marginBottom: 12 }} data-testid="decide-scenario">
          <Typography.Text type="secondary">{t('evaluations.testCall.title')}</Typography.Text>
          <ScenarioDescriptions scenario={evaluation.test_call_scenario} />
        </div>
      )}
      <DialogError error={error} onReload={() => onClose(true)} />
      <Radio.Group
        value={uphold}
        onChange={(e) => setUphold(e.target.value as boolean)}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}
        options={[
          { value: true, label: t('evaluations.decide.uphold') },
          { value: false, label: t('evaluations.decide.forward') },
        ]}
        data-testid="decide-choice"
      />
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={4000}
        placeholder={t('evaluations.decide.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="decide-note"
      />
    </Modal>
  );
}

/**
 * A dialog's error. When someone else acted on the evaluation meanwhile (409), it offers Reload:
 * the dialog closes and the page shows the evaluation as it now is, with the steps now open.
 */
function DialogError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (error === null) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={errorMessage(t, error)}
      action={
        conflict ? (
          <Button size="small" onClick={onReload} data-testid="dialog-reload">
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
