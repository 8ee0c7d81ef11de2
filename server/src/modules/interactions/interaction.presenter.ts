import {
  type TInteraction,
  type TInteractionDetail,
  type TTranscriptTurn,
  maskCustomerRef,
} from '../../../../shared/schemas/interaction.ts';
import { localDateOf } from '../../../../shared/time.ts';

export type InteractionRow = {
  id: string | number;
  external_id: string;
  agent_id: number;
  agent_username: string;
  agent_name: string;
  team_id: number | null;
  started_at: Date | string;
  duration_s: number;
  channel: TInteraction['channel'];
  direction: TInteraction['direction'];
  queue_id: number | null;
  queue: string | null;
  customer_ref: string | null;
  recording_url: string | null;
  recording_file: string | null;
  recording_mime: string | null;
  recording_bytes: string | number | null;
  has_transcript: boolean;
  import_id: number | null;
  created_at: Date | string;
  updated_at: Date | string;
};

export type PresentOptions = { timezone: string; revealCustomerRef: boolean };

/** The only place that shapes an interaction for the API; masks the customer reference when asked. */
export function presentInteraction(row: InteractionRow, options: PresentOptions): TInteraction {
  const started = new Date(row.started_at);
  return {
    id: Number(row.id),
    external_id: row.external_id,
    agent_id: row.agent_id,
    agent_username: row.agent_username,
    agent_name: row.agent_name,
    team_id: row.team_id,
    started_at: started.toISOString(),
    local_date: localDateOf(started, options.timezone),
    duration_s: row.duration_s,
    channel: row.channel,
    direction: row.direction,
    queue_id: row.queue_id,
    queue: row.queue,
    customer_ref:
      row.customer_ref === null
        ? null
        : options.revealCustomerRef
          ? row.customer_ref
          : maskCustomerRef(row.customer_ref),
    recording_url: row.recording_url,
    has_recording: row.recording_file !== null || row.recording_url !== null,
    recording_uploaded: row.recording_file !== null,
    has_transcript: row.has_transcript,
    import_id: row.import_id,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export function presentInteractionDetail(
  row: InteractionRow & { transcript: TTranscriptTurn[] | null; cited: boolean },
  options: PresentOptions,
): TInteractionDetail {
  return {
    ...presentInteraction(row, options),
    transcript: row.transcript,
    recording_mime: row.recording_mime,
    recording_bytes: row.recording_bytes === null ? null : Number(row.recording_bytes),
    recording_locked: row.cited && (row.recording_file !== null || row.recording_url !== null),
  };
}
