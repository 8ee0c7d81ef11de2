import type { TCreateQueueRequest, TQueue, TUpdateQueueRequest } from '../../../../shared/schemas/queue.ts';
import { api, fetchAllPages } from '../../lib/api.ts';

export const fetchQueues = () => fetchAllPages<TQueue>('/queues');
export const createQueue = (body: TCreateQueueRequest) => api.post<TQueue>('/queues', body);
export const updateQueue = (id: number, body: TUpdateQueueRequest) =>
  api.patch<TQueue>(`/queues/${id}`, body);
