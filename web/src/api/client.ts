// The one way the portal talks to /api/v1: same-origin cookies, the CSRF token on every
// state-changing call, and RFC 7807 problems turned into ApiError with both languages.
import type { Finding, Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail_en || problem.title_en || problem.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get findings(): Finding[] {
    return this.problem.findings ?? [];
  }

  get field(): string | undefined {
    return this.problem.field || undefined;
  }

  /** The message in the chosen language, title and detail joined. */
  text(lang: 'vi' | 'en'): string {
    const p = this.problem;
    const title = lang === 'vi' ? p.title || p.title_en : p.title_en || p.title;
    const detail = lang === 'vi' ? p.detail || p.detail_en : p.detail_en || p.detail;
    // The server's detail often repeats the title with the field in brackets: show it once.
    if (title && detail && title !== detail && !detail.startsWith(title)) return `${title}: ${detail}`;
    return detail || title || `HTTP ${this.status}`;
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Query parameters; empty, null and undefined ones are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Problem = { status: res.status };
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      problem = { status: res.status, ...((await res.json()) as Problem) };
    } catch {
      /* keep the status only */
    }
  }
  if (!problem.title && !problem.detail) {
    problem.title = `Lỗi máy chủ (HTTP ${res.status})`;
    problem.title_en = `Server error (HTTP ${res.status})`;
  }
  return new ApiError(res.status, problem);
}

async function send(method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, {
      title: 'Không kết nối được máy chủ',
      title_en: 'Cannot reach the server',
    });
  }
  if (!res.ok) throw await toError(res);
  return res;
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  async get<T>(path: string, query?: Query): Promise<T> {
    return json<T>(await send('GET', withQuery(path, query)));
  },
  async post<T>(path: string, body?: unknown): Promise<T> {
    return json<T>(await send('POST', path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json'));
  },
  async put<T>(path: string, body: unknown): Promise<T> {
    return json<T>(await send('PUT', path, JSON.stringify(body), 'application/json'));
  },
  async patch<T>(path: string, body: unknown): Promise<T> {
    return json<T>(await send('PATCH', path, JSON.stringify(body), 'application/json'));
  },
  async del<T>(path: string): Promise<T> {
    return json<T>(await send('DELETE', path));
  },
  /** Sends a file as the raw body (attachments, imports, certificate checks). */
  async upload<T>(path: string, file: Blob, query?: Query): Promise<T> {
    const type = file.type || 'application/octet-stream';
    return json<T>(await send('POST', withQuery(path, query), file, type));
  },
  /** Sends a file as the raw body and fetches the binary answer (an import's checked sheet). */
  async uploadBlob(path: string, file: Blob, query?: Query): Promise<Blob> {
    const type = file.type || 'application/octet-stream';
    return (await send('POST', withQuery(path, query), file, type)).blob();
  },
  /** Fetches a binary answer (exports, letters) to hand to the browser as a download. */
  async blob(path: string, query?: Query): Promise<Blob> {
    return (await send('GET', withQuery(path, query))).blob();
  },
  /** Posts JSON and fetches the binary answer (a letter drawn from what is sent, e.g. Mẫu 07). */
  async postBlob(path: string, body: unknown): Promise<Blob> {
    return (await send('POST', path, JSON.stringify(body), 'application/json')).blob();
  },
};

/** Saves a Blob as a file in the browser. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
