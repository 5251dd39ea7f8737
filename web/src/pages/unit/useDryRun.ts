// Runs a server dry run (POST …/validate) ~400 ms after the body last changed and keeps the
// latest answer's findings. A 422 with findings counts as findings; a 404 means the route is not
// there (an older server): the form then relies on the browser's checks alone.
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { Finding } from '../../api/types';

export interface DryRun {
  findings: Finding[];
  /** The official form the server says the request follows (requests only). */
  form?: string;
  checking: boolean;
  /** The server has no dry-run route. */
  unavailable: boolean;
  /** Any other failure of the last dry run (shown, but not blocking). */
  error: unknown;
}

interface Answer {
  findings?: Finding[];
  form?: string;
}

export function useDryRun(path: string, body: unknown, delayMs = 400): DryRun {
  const key = body === null || body === undefined ? '' : JSON.stringify(body);
  const [state, setState] = useState<DryRun>({ findings: [], checking: false, unavailable: false, error: undefined });
  const seq = useRef(0);

  useEffect(() => {
    if (!key) {
      setState((s) => ({ ...s, findings: [], form: undefined, checking: false, error: undefined }));
      return undefined;
    }
    const mine = ++seq.current;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      api
        .post<Answer>(path, JSON.parse(key) as unknown)
        .then((a) => {
          if (seq.current !== mine) return;
          setState({ findings: a?.findings ?? [], form: a?.form, checking: false, unavailable: false, error: undefined });
        })
        .catch((e: unknown) => {
          if (seq.current !== mine) return;
          if (e instanceof ApiError && e.status === 404 && !e.findings.length && !e.field) {
            setState({ findings: [], checking: false, unavailable: true, error: undefined });
          } else if (e instanceof ApiError && e.findings.length) {
            setState({ findings: e.findings, checking: false, unavailable: false, error: undefined });
          } else {
            setState((s) => ({ ...s, checking: false, error: e }));
          }
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [path, key, delayMs]);

  return state;
}
