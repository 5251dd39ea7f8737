// Data for the token station's journeys, made through the CLI on the test instance: a `new`
// request without a CSR for a TOKEN subscriber of a school, created and submitted by the unit
// manager, batched into a round by daumoi2 (the Education department's aggregator) and approved
// by tiepnhan1, so that it waits for a device. The CLI runs with the server's SoftHSM2
// (SOFTHSM2_CONF), so `token …` commands see the tokens the station does.
import { spawnSync } from 'node:child_process';
import { inject } from 'vitest';
import { pdfFile } from './harness';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI on the test instance with the server's SoftHSM2, `env` added (e.g. the token
 * station's test hook CHUNGTHU_TEST_FAIL_AT): its exit status and output, whatever the status.
 */
export function ctRun(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(inject('binary'), ['--data', inject('dataDir'), ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      CHUNGTHU_DATA: inject('dataDir'),
      ...(inject('softhsmConf') ? { SOFTHSM2_CONF: inject('softhsmConf') } : {}),
      ...env,
    },
  });
  if (r.error) throw new Error(`chungthu ${args.join(' ')} could not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI on the test instance: its output (findings included), failing loudly on a non-zero exit. */
export function ct(...args: string[]): string {
  const r = ctRun(args);
  if (r.status !== 0) throw new Error(`chungthu ${args.join(' ')} exited with ${r.status}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

interface Person {
  id: number;
  data: { device: string; email: string; full_name: string };
}

/** A round of daumoi2 still open (the demo's, as the other journeys use), else a new one. */
function openRound(): string {
  const rounds = JSON.parse(ct('round', 'list', '--as', 'daumoi2', '--json')) as { id: number; deadline: string }[];
  const open = rounds.find((r) => {
    const [d, m, y] = r.deadline.split('/').map(Number);
    return new Date(y, m - 1, d + 1) > new Date();
  });
  if (open) return String(open.id);
  return ct('round', 'open', '--as', 'daumoi2', '--name', 'Đợt thiết bị (e2e)', '--deadline', '31/12/2099').trim().split(/\s/)[0];
}

/** Submitted by `unit` (a school's manager), batched by daumoi2, approved by tiepnhan1. */
export function forwardAndApprove(unit: string, id: number): void {
  ct('request', 'submit', String(id), '--as', unit);
  const batch = ct('batch', 'create', '--as', 'daumoi2', '--round', openRound()).trim().split(/\s/)[0];
  ct('batch', 'add', batch, String(id), '--as', 'daumoi2');
  ct('batch', 'submit', batch, '--as', 'daumoi2');
  ct('request', 'approve', String(id), '--as', 'tiepnhan1');
}

export interface Waiting {
  id: number;
  holder: string;
  subscriber: number;
}

/**
 * A `new` request without a CSR for a TOKEN subscriber of `unit`'s school with no certificate,
 * forwarded and approved: it waits for a device. A draft refused for a subscriber (already
 * certified, a request pending…) is cancelled and the next one tried. `docs` is a directory for
 * the attached PDFs.
 */
export function approvedNew(unit: string, docs: string): Waiting {
  const letter = pdfFile(docs, 'don.pdf', 'Don de nghi cap chung thu so');
  const decision = pdfFile(docs, 'qd.pdf', 'Quyet dinh bo nhiem');
  const people = JSON.parse(ct('subscriber', 'list', '--as', unit, '--json')) as Person[];
  const candidates = people.filter((p) => p.data.device === 'TOKEN' && p.data.email.endsWith('@bacninh.gov.vn'));
  for (const p of candidates) {
    const out = ct('request', 'create', '--as', unit, '--type', 'new', '--subscriber', String(p.id),
      '--attach', `request_letter=${letter}`, '--attach', `appointment_decision=${decision}`);
    const id = Number(out.trim().split(/\s/)[0]);
    if (!Number.isInteger(id) || id <= 0) throw new Error(`request create printed no id: ${out}`);
    if (out.includes('[lỗi/error]')) {
      ct('request', 'cancel', String(id), '--as', unit);
      continue;
    }
    forwardAndApprove(unit, id);
    return { id, holder: p.data.full_name, subscriber: p.id };
  }
  throw new Error(`no TOKEN subscriber of ${unit} could get a new request (tried ${candidates.length})`);
}
