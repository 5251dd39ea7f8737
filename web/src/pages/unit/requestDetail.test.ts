import { describe, expect, it } from 'vitest';
import type { CertRequest, Finding, TimelineEntry } from '../../api/types';
import {
  availableActions,
  firstMissingKind,
  buildPatch,
  buildReturnBody,
  canEdit,
  editFieldOf,
  editFieldsFor,
  editValuesOf,
  groupByField,
  lastReturn,
  patchProblemFindings,
  previewKind,
  serverFieldOf,
  uploadMediaType,
} from './requestDetail';

const entry = (action: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  action,
  actor: 'a',
  at: '',
  at_vn: '',
  comment: '',
  field_reasons: {},
  from: '',
  to: '',
  ...extra,
});

describe('availableActions', () => {
  it('lets the unit manager submit and cancel a draft', () => {
    expect(availableActions({ state: 'draft' }, 'unit_manager', 'u')).toEqual(['submit', 'cancel']);
    expect(availableActions({ state: 'returned' }, 'aggregator', 'u')).toEqual(['submit', 'cancel']);
  });
  it('lets a subscriber cancel but not submit', () => {
    expect(availableActions({ state: 'draft' }, 'subscriber', 's')).toEqual(['cancel']);
  });
  it('lets the aggregator return a submitted request', () => {
    expect(availableActions({ state: 'submitted' }, 'aggregator', 'g')).toEqual(['return', 'cancel']);
  });
  it('gives the registration office approve, return and reject on a forwarded request', () => {
    expect(availableActions({ state: 'forwarded' }, 'ra_officer', 'r1')).toEqual(['approve', 'return', 'reject']);
  });
  it('hides a second approval from the one who gave the first', () => {
    expect(availableActions({ state: 'forwarded', approvals: ['r1'] }, 'ra_officer', 'r1')).toEqual(['return', 'reject']);
    expect(availableActions({ state: 'forwarded', approvals: ['r1'] }, 'ra_officer', 'r2')).toContain('approve');
  });
  it('lets the CA operator retry a failed request only', () => {
    expect(availableActions({ state: 'failed' }, 'ca_operator', 'c')).toEqual(['retry']);
    expect(availableActions({ state: 'approved' }, 'ca_operator', 'c')).toEqual([]);
  });
  it('offers nothing on final states or to auditors', () => {
    expect(availableActions({ state: 'completed' }, 'unit_manager', 'u')).toEqual([]);
    expect(availableActions({ state: 'forwarded' }, 'auditor', 'k')).toEqual([]);
  });
  it('allows editing a draft or returned request by the creator roles', () => {
    expect(canEdit({ state: 'draft' }, 'unit_manager')).toBe(true);
    expect(canEdit({ state: 'returned' }, 'subscriber')).toBe(true);
    expect(canEdit({ state: 'submitted' }, 'unit_manager')).toBe(false);
    expect(canEdit({ state: 'draft' }, 'ra_officer')).toBe(false);
  });
});

describe('lastReturn', () => {
  it('finds the reasons of the latest return', () => {
    const tl = [
      entry('return', { comment: 'first', field_reasons: { cccd: 'sai' } }),
      entry('submit'),
      entry('return', { comment: 'second', field_reasons: { email: 'miền' } }),
      entry('edit'),
    ];
    expect(lastReturn(tl)).toEqual({ comment: 'second', reasons: { email: 'miền' } });
    expect(lastReturn([])).toEqual({ comment: '', reasons: {} });
    expect(lastReturn(undefined)).toEqual({ comment: '', reasons: {} });
  });
});

describe('editing', () => {
  const req = {
    type: 'revoke',
    cert_serial: 'AB12',
    data: {
      ground: 'retirement',
      has_csr: false,
      mailbox: '',
      note: '',
      subject: { full_name: 'An', email: 'a@bacninh.gov.vn', phone: '0912345678', position: 'GV' },
    },
  } as unknown as CertRequest;
  it('offers the PATCH fields of the type', () => {
    expect(editFieldsFor('revoke')).toEqual(['cert_serial', 'name', 'email', 'phone', 'position', 'ground', 'note']);
    expect(editFieldsFor('new')).toContain('csr_pem');
    expect(editFieldsFor('new')).not.toContain('cert_serial');
    expect(editFieldsFor('mailbox')).toContain('mailbox');
    expect(editFieldsFor('renew')).not.toContain('ground');
    expect(editFieldsFor('renew')).toContain('cert_serial');
  });
  it('offers the organization to move to on change_info, to the roles that may pick one', () => {
    expect(editFieldsFor('change_info')).not.toContain('new_org_id');
    expect(editFieldsFor('change_info', true)).toContain('new_org_id');
    expect(editFieldsFor('reissue', true)).not.toContain('new_org_id');
  });
  it('starts from the request: its certificate and organization to move to (0 when none)', () => {
    expect(editValuesOf(req)).toMatchObject({ cert_serial: 'AB12', new_org_id: 0, ground: 'retirement' });
    const moving = { ...req, type: 'change_info', data: { ...req.data, new_org_id: 8 } } as CertRequest;
    expect(editValuesOf(moving).new_org_id).toBe(8);
  });
  it('sends only what changed', () => {
    const before = editValuesOf(req);
    expect(buildPatch(editFieldsFor('revoke'), before, { ...before, email: ' b@bacninh.gov.vn ', ground: 'death' })).toEqual({
      email: 'b@bacninh.gov.vn',
      ground: 'death',
    });
    expect(buildPatch(editFieldsFor('revoke'), before, before)).toEqual({});
  });
  it('sends another certificate, never an empty one', () => {
    const before = editValuesOf(req);
    const fields = editFieldsFor('revoke');
    expect(buildPatch(fields, before, { ...before, cert_serial: 'CD34' })).toEqual({ cert_serial: 'CD34' });
    expect(buildPatch(fields, before, { ...before, cert_serial: undefined })).toEqual({});
  });
  it('sends the organization as a number, 0 to keep the own one', () => {
    const fields = editFieldsFor('change_info', true);
    const before = { new_org_id: 0 };
    expect(buildPatch(fields, before, { new_org_id: 9 })).toEqual({ new_org_id: 9 });
    expect(buildPatch(fields, { new_org_id: 9 }, { new_org_id: 0 })).toEqual({ new_org_id: 0 });
    expect(buildPatch(fields, { new_org_id: 9 }, { new_org_id: undefined })).toEqual({ new_org_id: 0 });
    expect(buildPatch(fields, before, before)).toEqual({});
    // Not offered, not sent.
    expect(buildPatch(editFieldsFor('change_info'), before, { new_org_id: 9 })).toEqual({});
  });
  it('sends a CSR only when one was given', () => {
    const before = { name: '', csr_pem: '' };
    expect(buildPatch(editFieldsFor('new'), before, { ...before, csr_pem: '  ' })).toEqual({});
    expect(buildPatch(editFieldsFor('new'), before, { ...before, csr_pem: 'PEM\n' })).toEqual({ csr_pem: 'PEM\n' });
  });
  it('maps server field names to edit fields', () => {
    expect(editFieldOf('full_name')).toBe('name');
    expect(editFieldOf('csr')).toBe('csr_pem');
    expect(editFieldOf('email')).toBe('email');
    expect(editFieldOf('cert_serial')).toBe('cert_serial');
    expect(editFieldOf('new_org_id')).toBe('new_org_id');
    expect(editFieldOf('organization')).toBe('new_org_id');
    expect(editFieldOf('cccd')).toBeUndefined();
    expect(serverFieldOf('name')).toBe('full_name');
    expect(serverFieldOf('cert_serial')).toBe('cert_serial');
  });
  it('puts a refusal naming a field into that field', () => {
    const bad = patchProblemFindings({ status: 400, field: 'new_org_id', title: 'Không có cơ quan số 2', title_en: 'No organization 2' });
    expect(bad).toEqual([
      { field: 'new_org_id', code: 'invalid', severity: 'error', message_vi: 'Không có cơ quan số 2', message_en: 'No organization 2' },
    ]);
    const f: Finding = { field: 'cert_serial', code: 'c', severity: 'error', message_vi: 'v', message_en: 'e' };
    expect(patchProblemFindings({ field: 'cert_serial', findings: [f] })).toEqual([f]);
    expect(patchProblemFindings({ field: 'request_id', title: 'x' })).toEqual([]);
    expect(patchProblemFindings({ title: 'x' })).toEqual([]);
  });
});

describe('returning', () => {
  it('needs a comment or a field reason', () => {
    expect(buildReturnBody('  ', [{}])).toBeNull();
    expect(buildReturnBody('', [{ field: 'cccd' }])).toBeNull();
  });
  it('collects one reason per field', () => {
    expect(
      buildReturnBody(' Sửa lại ', [
        { field: 'cccd', reason: 'thiếu số' },
        { field: 'email', reason: ' sai miền ' },
        { field: 'cccd', reason: 'sai ngày cấp' },
        { reason: 'lạc' },
      ]),
    ).toEqual({ comment: 'Sửa lại', field_reasons: { cccd: 'thiếu số; sai ngày cấp', email: 'sai miền' } });
  });
});

describe('documents', () => {
  it('previews PDFs and images', () => {
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('text/plain')).toBe('none');
  });
  it('guesses the media type from the name when the browser gives none', () => {
    expect(uploadMediaType('a.PDF', '')).toBe('application/pdf');
    expect(uploadMediaType('scan.jpeg', '')).toBe('image/jpeg');
    expect(uploadMediaType('x.png', 'image/png')).toBe('image/png');
    expect(uploadMediaType('x.docx', '')).toBeUndefined();
  });
});

describe('groupByField', () => {
  it('puts fields with errors first', () => {
    const f = (field: string, severity: string): Finding => ({ field, severity, code: 'c', message_vi: '', message_en: '' });
    const g = groupByField([f('csr', 'warning'), f('cccd', 'error'), f('csr', 'warning')]);
    expect(g.map(([k, l]) => [k, l.length])).toEqual([
      ['cccd', 1],
      ['csr', 2],
    ]);
  });
});

describe('firstMissingKind', () => {
  const need = (kind: string) => ({
    field: 'attachments',
    code: 'attachment_missing',
    severity: 'error',
    message_vi: `Thiếu tài liệu đính kèm: (${kind})`,
    message_en: `A required document is missing: (${kind})`,
  });
  const has = (kind: string) => ({ id: 1, href: '', kind, media_type: 'application/pdf', name: 'x.pdf', sha256: '', size: 1, uploaded_by: 'u' });
  it('offers the first document still asked for', () => {
    expect(firstMissingKind([need('request_letter'), need('appointment_decision')], [])).toBe('request_letter');
    expect(firstMissingKind([need('appointment_decision')], [has('request_letter')])).toBe('appointment_decision');
  });
  it('offers "other" when nothing is missing', () => {
    expect(firstMissingKind([], [has('request_letter')])).toBe('other');
  });
});
