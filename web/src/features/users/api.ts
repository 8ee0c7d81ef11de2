import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type {
  TCreateUserRequest,
  TUpdateUserRequest,
  TUser,
  TUserImportResult,
  USER_SORTS,
} from '../../../../shared/schemas/user.ts';
import type { Role } from '../../../../shared/roles.ts';
import { api, fetchAllPages, uploadFile, type Query } from '../../lib/api.ts';

export type UserSort = (typeof USER_SORTS)[number];

export type UserFilters = {
  q?: string;
  role?: Role;
  team_id?: number;
  active?: boolean;
};

export type UserListQuery = UserFilters & { sort: UserSort; order: 'asc' | 'desc' };

export const toQuery = (q: UserListQuery): Query => ({ ...q });

export const createUser = (body: TCreateUserRequest) => api.post<TUser>('/users', body);

export const updateUser = (id: number, body: TUpdateUserRequest) => api.patch<TUser>(`/users/${id}`, body);

export const fetchAllUsers = (q: UserListQuery, onProgress?: (n: number) => void) =>
  fetchAllPages<TUser>('/users', toQuery(q), onProgress);

export const importUsers = (file: File, onProgress: (percent: number) => void) =>
  uploadFile<TUserImportResult>('/users/import', file, onProgress);

/** Teams and queues for pickers and for naming ids in the table. */
export async function fetchOrg(): Promise<{ teams: TTeam[]; queues: TQueue[] }> {
  const [teams, queues] = await Promise.all([
    fetchAllPages<TTeam>('/teams'),
    fetchAllPages<TQueue>('/queues'),
  ]);
  return { teams, queues };
}

/** The import template: the columns the server reads, with two example rows. */
export const IMPORT_TEMPLATE =
  'username,display_name,password,roles,team,hire_date,queues\r\n' +
  'zhang.wei,张伟,ChangeMe-2026,agent,,2026-01-05,\r\n' +
  'li.na,李娜,ChangeMe-2026,team_leader|agent,,2025-09-01,\r\n';
