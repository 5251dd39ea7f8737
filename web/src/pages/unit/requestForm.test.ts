import { describe, expect, it } from 'vitest';
import type { Finding } from '../../api/types';
import {
  buildRequestBody,
  csrRequired,
  fieldsForType,
  formName,
  groupRequestFindings,
  isRequestType,
  needsCertificate,
  newRequestLink,
  requestFieldFor,
  showFinding,
  statusOf,
  typesForCertificate,
} from './requestForm';

const finding = (field: string, severity = 'error', code = 'x'): Finding => ({
  field,
  code,
  severity,
  message_vi: `vi ${field}`,
  message_en: `en ${field}`,
});

describe('fields per request type', () => {
  it('follows the official forms', () => {
    expect(fieldsForType('new')).toEqual(['csr_pem', 'note']);
    expect(fieldsForType('revoke')).toEqual(['cert_serial', 'ground', 'note']);
    expect(fieldsForType('mailbox')).toEqual(['mailbox', 'note']);
    expect(fieldsForType('change_info')).toContain('new_email');
    expect(fieldsForType(undefined)).toEqual([]);
  });
  it('names a certificate for renew, change_info, reissue, recover_device, revoke only', () => {
    expect(['renew', 'change_info', 'reissue', 'recover_device', 'revoke'].every((t) => needsCertificate(t as never))).toBe(true);
    expect(needsCertificate('new')).toBe(false);
    expect(needsCertificate('mailbox')).toBe(false);
  });
  it('requires the CSR for a SOFT device on types that take one', () => {
    expect(csrRequired('new', 'SOFT')).toBe(true);
    expect(csrRequired('reissue', 'SOFT')).toBe(true);
    expect(csrRequired('new', 'TOKEN')).toBe(false);
    expect(csrRequired('revoke', 'SOFT')).toBe(false);
  });
  it('knows the form of each type', () => {
    expect(formName('new')).toBe('Mẫu 01');
    expect(formName('new', 'organization')).toBe('Mẫu 02');
    expect(formName('renew')).toBe('Mẫu 04');
    expect(formName('revoke')).toBe('Mẫu 05');
    expect(formName('recover_device')).toBe('Mẫu 06');
    expect(formName('mailbox')).toBe('');
  });
  it('recognises request types', () => {
    expect(isRequestType('renew')).toBe(true);
    expect(isRequestType('bogus')).toBe(false);
    expect(isRequestType(null)).toBe(false);
  });
});

describe('buildRequestBody', () => {
  it('is null until the type and the person are chosen', () => {
    expect(buildRequestBody({})).toBeNull();
    expect(buildRequestBody({ type: 'new' })).toBeNull();
    expect(buildRequestBody({ subscriber_id: 3 })).toBeNull();
  });
  it('keeps only the fields of the type, trimmed, without empty ones', () => {
    expect(
      buildRequestBody({
        type: 'revoke',
        subscriber_id: 7,
        cert_serial: ' ABCD ',
        ground: 'retirement',
        mailbox: 'x@bacninh.gov.vn',
        csr_pem: 'junk',
        note: '',
      }),
    ).toEqual({ type: 'revoke', subscriber_id: 7, cert_serial: 'ABCD', ground: 'retirement' });
  });
  it('keeps the CSR as written and the new organization as a number', () => {
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nAAA\n-----END CERTIFICATE REQUEST-----\n';
    expect(buildRequestBody({ type: 'change_info', subscriber_id: 1, csr_pem: csr, new_org_id: 9, new_email: '  ' })).toEqual({
      type: 'change_info',
      subscriber_id: 1,
      csr_pem: csr,
      new_org_id: 9,
    });
  });
});

describe('where findings go', () => {
  it('maps server fields to the form fields of the type', () => {
    expect(requestFieldFor('csr', 'new', {})).toBe('csr_pem');
    expect(requestFieldFor('cert_serial', 'renew', {})).toBe('cert_serial');
    expect(requestFieldFor('cert_serial', 'new', {})).toBeUndefined();
    expect(requestFieldFor('type', 'new', {})).toBe('type');
    expect(requestFieldFor('--subscriber', 'new', {})).toBe('subscriber_id');
  });
  it('puts person findings in the new_* fields only when a new value is given', () => {
    expect(requestFieldFor('email', 'change_info', { new_email: 'a@b.vn' })).toBe('new_email');
    expect(requestFieldFor('email', 'change_info', {})).toBeUndefined();
    expect(requestFieldFor('email', 'new', { new_email: 'a@b.vn' })).toBeUndefined();
  });
  it('groups findings into fields, the person panel, documents and the rest', () => {
    const g = groupRequestFindings(
      [finding('csr'), finding('cccd'), finding('attachments'), finding('organization'), finding('email', 'warning')],
      'new',
      {},
    );
    expect(Object.keys(g.byField)).toEqual(['csr_pem']);
    expect(g.person.map((f) => f.field)).toEqual(['cccd', 'email']);
    expect(g.attachments).toHaveLength(1);
    expect(g.other.map((f) => f.field)).toEqual(['organization']);
  });
  it('holds back "required" until the field is touched or a save was tried', () => {
    const req = finding('ground', 'error', 'required');
    expect(showFinding(req, false, false)).toBe(false);
    expect(showFinding(req, true, false)).toBe(true);
    expect(showFinding(req, false, true)).toBe(true);
    expect(showFinding(finding('ground', 'error', 'ground_unknown'), false, false)).toBe(true);
  });
  it('lets errors win over warnings', () => {
    expect(statusOf([])).toBeUndefined();
    expect(statusOf([finding('a', 'warning')])).toBe('warning');
    expect(statusOf([finding('a', 'warning'), finding('a', 'error')])).toBe('error');
  });
});

describe('starting requests', () => {
  it('builds the /requests/new link with the query string', () => {
    expect(newRequestLink('renew', 5, 'AB12')).toBe('/requests/new?type=renew&subscriber_id=5&cert_serial=AB12');
    expect(newRequestLink('new')).toBe('/requests/new?type=new');
  });
  it('offers the certificate requests that fit its status', () => {
    expect(typesForCertificate('valid')).toContain('renew');
    expect(typesForCertificate('hold')).toEqual(['reissue', 'revoke']);
    expect(typesForCertificate('revoked')).toEqual([]);
  });
});
