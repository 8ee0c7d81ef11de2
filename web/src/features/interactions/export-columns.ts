import type { TFunction } from 'i18next';
import type { TInteraction } from '../../../../shared/schemas/interaction.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/time.ts';

/**
 * The interactions list's CSV: the columns of the page, read as the page shows them (the queue's
 * name, not its code), plus the local date. One difference, for spreadsheets: the duration is
 * whole seconds, headed "Duration (s)", where the page shows 0:21. Excel would read "0:21" as a
 * time (0 h 21 min), and seconds sum, average and sort as they are.
 * @param queueName the page's lookup from a queue's code to its name (the code while unknown).
 */
export function interactionCsvColumns(
  t: TFunction,
  queueName: (code: string | null) => string | null,
): CsvColumn<TInteraction>[] {
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  return [
    { header: t('interactions.columns.startedAt'), value: (r) => formatDateTime(r.started_at) },
    { header: t('interactions.columns.localDate'), value: (r) => r.local_date },
    { header: t('interactions.columns.externalId'), value: (r) => r.external_id },
    { header: t('interactions.columns.agent'), value: (r) => `${r.agent_name} (${r.agent_username})` },
    { header: t('interactions.columns.durationSeconds'), value: (r) => r.duration_s },
    { header: t('interactions.columns.channel'), value: (r) => t(`quality.channel.${r.channel}`) },
    { header: t('interactions.columns.direction'), value: (r) => t(`quality.direction.${r.direction}`) },
    { header: t('interactions.columns.queue'), value: (r) => queueName(r.queue) },
    { header: t('interactions.columns.customerRef'), value: (r) => r.customer_ref },
    { header: t('interactions.columns.recording'), value: (r) => yesNo(r.has_recording) },
    { header: t('interactions.columns.transcript'), value: (r) => yesNo(r.has_transcript) },
  ];
}
