// The answer of POST /api/v1/imports (src/server/routes_api_documents.cpp, report_schema): what
// the server read from a sheet, every bad cell, and what a commit created.

export interface ImportIssue {
  /** The sheet's row (1-based). */
  row: number;
  /** The sheet's column letter ("C"); "" for the whole row. */
  column: string;
  /** That column's header as the sheet writes it. */
  header: string;
  /** The cell as typed. */
  value: string;
  /** A validation rule (cmnd_old, email_domain…) or an import code (extra_column, header_missing…). */
  code: string;
  severity: 'error' | 'warning' | string;
  message_vi: string;
  message_en: string;
}

export interface ImportReport {
  format: 'xlsx' | 'csv' | 'docx';
  /** The worksheet read ("" for a CSV). */
  sheet: string;
  /** The row holding the headers; 0 when none was found. */
  header_row: number;
  data_rows: number;
  good_rows: number;
  bad_rows: number;
  committed: boolean;
  /** The drafts created (after a commit). */
  request_ids: number[];
  /** The people added (after a commit); the others were already registered. */
  new_subscribers: number[];
  issues: ImportIssue[];
}
