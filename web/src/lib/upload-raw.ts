import { API_BASE, ApiError, readResponse, withQuery, type Query } from './api.ts';

/**
 * Sends a file as the raw request body with its own content type, reporting upload progress
 * (fetch cannot). Used for interaction imports (CSV/XLSX) and recordings (audio/*).
 * @param onProgress fraction 0–1 of the bytes sent.
 */
export function uploadRaw<T>(
  path: string,
  file: Blob,
  contentType: string,
  query: Query,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(API_BASE + path, query));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onload = () => {
      const res = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': 'application/json' },
      });
      readResponse<T>(res).then(resolve, reject);
    };
    xhr.send(file);
  });
}
