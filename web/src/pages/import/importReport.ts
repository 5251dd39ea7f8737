// The import page without React: the query of each call, the report inside a 422, and how a
// finding's cell and message are shown.
import { ApiError, type Query } from '../../api/client';
import { formatNumber, type Lang } from '../../lib/format';
import type { ImportIssue, ImportReport } from './types';

/** The server's limit on the file (routes_api_documents.cpp, kMaxImportBytes). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The name the server gives the marked-up workbook (POST /api/v1/imports/report). */
export const REPORT_FILE_NAME = 'bao-cao-nhap.xlsx';

/** The name the blank template is saved under (GET /api/v1/imports/template). */
export const TEMPLATE_FILE_NAME = 'mau-danh-sach.xlsx';

/** The check: nothing is written. */
export function checkQuery(name: string): Query {
  return { name, dry_run: true };
}

/** The commit of what the check found good: the bad rows left out when there are any. */
export function writeQuery(name: string, report: Pick<ImportReport, 'bad_rows'>): Query {
  return { name, dry_run: false, good_rows_only: report.bad_rows > 0 };
}

/** «Ghi N dòng hợp lệ» / "Write the N good rows". */
export function writeLabel(n: number, lang: Lang): string {
  const count = formatNumber(n, lang);
  return lang === 'vi' ? `Ghi ${count} dòng hợp lệ` : `Write the ${count} good row${n === 1 ? '' : 's'}`;
}

/** Whether there is anything to write. */
export function canWrite(report: Pick<ImportReport, 'good_rows' | 'committed'>): boolean {
  return report.good_rows > 0 && !report.committed;
}

function isReport(v: unknown): v is ImportReport {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<ImportReport>;
  return typeof r.data_rows === 'number' && typeof r.good_rows === 'number' && Array.isArray(r.issues);
}

/** The report a refusal carries (422 "the sheet has errors", its `report` member); undefined for other errors. */
export function reportFromError(e: unknown): ImportReport | undefined {
  if (!(e instanceof ApiError) || e.status !== 422) return undefined;
  const report = (e.problem as { report?: unknown }).report;
  return isReport(report) ? report : undefined;
}

/**
 * A refusal that came with its report, as its title alone: the findings are the report's issues,
 * shown in the table, and the detail only repeats the title with the field ("(body)").
 */
export function withoutFindings(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  return new ApiError(e.status, { ...e.problem, findings: undefined, field: undefined, detail: undefined, detail_en: undefined });
}

/** «C — Số CCCD/CMND»: the column letter and its header, either alone when the other is missing. */
export function cellLabel(x: Pick<ImportIssue, 'column' | 'header'>): string {
  if (x.column && x.header) return `${x.column} — ${x.header}`;
  return x.column || x.header;
}

/** The finding's message in `lang`, falling back to the other language. */
export function issueMessage(x: Pick<ImportIssue, 'message_vi' | 'message_en'>, lang: Lang): string {
  return lang === 'vi' ? x.message_vi || x.message_en : x.message_en || x.message_vi;
}

/** What the check says overall: nothing to write, every row good, or some rows to be left out. */
export type Verdict = 'nothing' | 'clean' | 'partial';

export function verdict(report: Pick<ImportReport, 'good_rows' | 'bad_rows'>): Verdict {
  if (report.good_rows === 0) return 'nothing';
  return report.bad_rows > 0 ? 'partial' : 'clean';
}

/** The issues with a key for the table, in the order the server gave them (the sheet's). */
export function keyedIssues(issues: readonly ImportIssue[]): (ImportIssue & { key: number })[] {
  return issues.map((x, key) => ({ ...x, key }));
}
