import type {
  CHANNELS,
  DIRECTIONS,
  INTERACTION_SORTS,
  TInteraction,
  TInteractionDetail,
} from '../../../../shared/schemas/interaction.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages, type Page, type Query } from '../../lib/api.ts';
import { uploadRaw } from '../../lib/upload-raw.ts';

export type InteractionSort = (typeof INTERACTION_SORTS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** The filters of GET /interactions; dates are local calendar dates in the center's zone. */
export type InteractionFilters = {
  from?: string;
  to?: string;
  agent_id?: number;
  team_id?: number;
  queue_id?: number;
  channel?: Channel;
  direction?: Direction;
  min_duration?: number;
  max_duration?: number;
  has_recording?: boolean;
  has_transcript?: boolean;
  external_id?: string;
  import_id?: number;
};

export type InteractionListQuery = InteractionFilters & { sort: InteractionSort; order: 'asc' | 'desc' };

export const toQuery = (q: InteractionListQuery): Query => ({ ...q });

export const fetchAllInteractions = (q: InteractionListQuery, onProgress?: (n: number) => void) =>
  fetchAllPages<TInteraction>('/interactions', toQuery(q), onProgress);

export const fetchInteraction = (id: number) => api.get<TInteractionDetail>(`/interactions/${id}`);

/** The uploaded file, streamed with HTTP Range by the server (same-origin cookie). */
export const recordingPath = (id: number) => `/api/v1/interactions/${id}/recording`;

export const uploadRecording = (id: number, file: File, onProgress: (fraction: number) => void) =>
  uploadRaw<TInteractionDetail>(
    `/interactions/${id}/recording`,
    file,
    audioType(file),
    { filename: file.name },
    onProgress,
  );

const AUDIO_BY_EXTENSION: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  m4a: 'audio/mp4',
};

/** The file's audio/* type, from the browser or else from its extension. */
export function audioType(file: File): string {
  if (file.type.startsWith('audio/')) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return AUDIO_BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** Teams and queues for the filters; a role that may not list them just gets no options. */
export async function fetchFilterOptions(): Promise<{ teams: TTeam[]; queues: TQueue[] }> {
  const [teams, queues] = await Promise.allSettled([
    fetchAllPages<TTeam>('/teams'),
    fetchAllPages<TQueue>('/queues'),
  ]);
  return {
    teams: teams.status === 'fulfilled' ? teams.value : [],
    queues: queues.status === 'fulfilled' ? queues.value : [],
  };
}

/** People matching a search, for the agent picker. */
export async function searchUsers(q: string): Promise<TUser[]> {
  const page = await api.get<Page<TUser>>('/users', { q: q || undefined, limit: 20, sort: 'display_name' });
  return page.items;
}

/** One person by id (a filter's value read from the address). */
export const fetchUser = (id: number) => api.get<TUser>(`/users/${id}`);

/** 75 → 1:15, 3725 → 1:02:05. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
