import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { generatePath, useNavigate } from 'react-router';
import type { TForm, TFormSummary } from '../../../../shared/schemas/form.ts';
import { PATHS } from '../../app/router-paths.ts';
import { errorMessage } from '../../lib/errors.ts';
import { duplicateForm, setFormArchived } from './api.ts';

/** What the actions need of a scorecard: the list's rows and the scorecard page's form both have it. */
export type ScorecardRef = Pick<TFormSummary, 'id' | 'name' | 'version'>;

/**
 * Archive, restore and duplicate a scorecard, with their confirmations and messages: one copy for
 * the scorecard list's ⋯ menu and the scorecard's own page. `onSaved` gets the archived or
 * restored form; a copy opens in the editor.
 */
export function useScorecardActions(onSaved: (saved: TForm) => void): {
  handleArchive: (form: ScorecardRef, archived: boolean) => void;
  handleDuplicate: (form: ScorecardRef) => void;
} {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();

  const handleArchive = (form: ScorecardRef, archived: boolean) => {
    const run = async () => {
      try {
        const saved = await setFormArchived(form, archived);
        onSaved(saved);
        void message.success(
          t(archived ? 'scorecards.actions.archived' : 'scorecards.actions.restored', { name: form.name }),
        );
      } catch (err) {
        void message.error(errorMessage(t, err));
      }
    };
    modal.confirm({
      title: t(archived ? 'scorecards.actions.archiveConfirm' : 'scorecards.actions.restoreConfirm', {
        name: form.name,
      }),
      okText: t(archived ? 'scorecards.actions.archive' : 'scorecards.actions.restore'),
      okButtonProps: archived ? { danger: true } : {},
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const handleDuplicate = (form: ScorecardRef) => {
    modal.confirm({
      title: t('scorecards.actions.duplicateConfirm', { name: form.name }),
      okText: t('scorecards.actions.duplicate'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const copy = await duplicateForm(form.id);
          void message.success(t('scorecards.actions.duplicated', { name: copy.name }));
          void navigate(generatePath(PATHS.scorecardEdit, { id: String(copy.id) }));
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  return { handleArchive, handleDuplicate };
}
