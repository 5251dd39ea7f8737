import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  canWrite,
  cellLabel,
  checkQuery,
  issueMessage,
  keyedIssues,
  reportFromError,
  verdict,
  withoutFindings,
  writeLabel,
  writeQuery,
} from './importReport';
import type { ImportIssue, ImportReport } from './types';

const cmnd: ImportIssue = {
  row: 5,
  column: 'C',
  header: 'Số CCCD/CMND',
  value: '123456789',
  code: 'cmnd_old',
  severity: 'error',
  message_vi: 'Số 123456789 là số chứng minh nhân dân (CMND) 9 chữ số cũ',
  message_en: '123456789 is an old 9-digit identity card (CMND) number',
};

const report: ImportReport = {
  format: 'csv',
  sheet: '',
  header_row: 3,
  data_rows: 2,
  good_rows: 1,
  bad_rows: 1,
  committed: false,
  request_ids: [],
  new_subscribers: [],
  issues: [cmnd],
};

describe('the queries', () => {
  it('checks without writing', () => {
    expect(checkQuery('ds.xlsx')).toEqual({ name: 'ds.xlsx', dry_run: true });
  });
  it('writes the good rows only when some are bad, everything otherwise', () => {
    expect(writeQuery('ds.csv', report)).toEqual({ name: 'ds.csv', dry_run: false, good_rows_only: true });
    expect(writeQuery('ds.csv', { bad_rows: 0 })).toEqual({ name: 'ds.csv', dry_run: false, good_rows_only: false });
  });
  it('has nothing to write without good rows or once written', () => {
    expect(canWrite(report)).toBe(true);
    expect(canWrite({ good_rows: 0, committed: false })).toBe(false);
    expect(canWrite({ good_rows: 3, committed: true })).toBe(false);
  });
});

describe('reportFromError', () => {
  const problem = { title: 'Bảng tính có lỗi: không có dòng nào được ghi', title_en: 'The sheet has errors: nothing was written' };
  it('takes the report a 422 carries', () => {
    expect(reportFromError(new ApiError(422, { ...problem, report } as never))).toEqual(report);
  });
  it('is undefined for other errors and for a 422 without a report', () => {
    expect(reportFromError(new ApiError(422, problem))).toBeUndefined();
    expect(reportFromError(new ApiError(422, { ...problem, report: { detail: 'x' } } as never))).toBeUndefined();
    expect(reportFromError(new ApiError(413, { ...problem, report } as never))).toBeUndefined();
    expect(reportFromError(new Error('network'))).toBeUndefined();
  });
  it('leaves the findings (the report’s issues) out of the alert, keeping the message', () => {
    const refusal = new ApiError(422, {
      ...problem,
      detail: `${problem.title} (body)`,
      detail_en: `${problem.title_en} (body)`,
      field: 'body',
      findings: [{ field: '', code: 'cmnd_old', severity: 'error', message_vi: '', message_en: '' }],
    });
    const e = withoutFindings(refusal);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(422);
    expect((e as ApiError).findings).toEqual([]);
    expect((e as ApiError).field).toBeUndefined();
    expect((e as ApiError).text('vi')).toBe(problem.title);
    expect((e as ApiError).text('en')).toBe(problem.title_en);
    const other = new Error('network');
    expect(withoutFindings(other)).toBe(other);
  });
});

describe('how a finding is shown', () => {
  it('names the column by letter and header', () => {
    expect(cellLabel(cmnd)).toBe('C — Số CCCD/CMND');
    expect(cellLabel({ column: 'K', header: '' })).toBe('K');
    expect(cellLabel({ column: '', header: '' })).toBe('');
  });
  it('gives the message in the chosen language, else the other', () => {
    expect(issueMessage(cmnd, 'vi')).toBe(cmnd.message_vi);
    expect(issueMessage(cmnd, 'en')).toBe(cmnd.message_en);
    expect(issueMessage({ message_vi: 'Chỉ tiếng Việt', message_en: '' }, 'en')).toBe('Chỉ tiếng Việt');
  });
  it('keys the issues in the server’s order', () => {
    expect(keyedIssues([cmnd, { ...cmnd, row: 4 }]).map((x) => [x.key, x.row])).toEqual([
      [0, 5],
      [1, 4],
    ]);
  });
  it('labels the write button with the count', () => {
    expect(writeLabel(1, 'vi')).toBe('Ghi 1 dòng hợp lệ');
    expect(writeLabel(1, 'en')).toBe('Write the 1 good row');
    expect(writeLabel(1200, 'vi')).toBe('Ghi 1.200 dòng hợp lệ');
    expect(writeLabel(3, 'en')).toBe('Write the 3 good rows');
  });
  it('sums the check up', () => {
    expect(verdict(report)).toBe('partial');
    expect(verdict({ good_rows: 2, bad_rows: 0 })).toBe('clean');
    expect(verdict({ good_rows: 0, bad_rows: 2 })).toBe('nothing');
  });
});
