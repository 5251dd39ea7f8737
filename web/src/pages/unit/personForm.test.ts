import { describe, expect, it } from 'vitest';
import type { Finding } from '../../api/types';
import {
  ISSUE_PLACES,
  buildSubscriberBody,
  clientMessages,
  fieldFeedback,
  otherFindings,
  personFieldsFor,
  subscriberFormValues,
} from './personForm';

const today = new Date('2026-11-21T03:00:00Z');
const f = (field: string, code = 'x', severity = 'error'): Finding => ({
  field,
  code,
  severity,
  message_vi: `vi:${field}:${code}`,
  message_en: `en:${field}:${code}`,
});

describe('person form fields', () => {
  it('shows Mẫu 01 fields for an individual and Mẫu 02 fields for an organization', () => {
    expect(personFieldsFor('individual')).toContain('cccd');
    expect(personFieldsFor('individual')).not.toContain('manager_name');
    expect(personFieldsFor('organization')).toContain('manager_name');
    expect(personFieldsFor('organization')).not.toContain('cccd');
  });
  it('asks for the carrier only for a SIM', () => {
    expect(personFieldsFor('individual', 'TOKEN')).not.toContain('carrier');
    expect(personFieldsFor('individual', 'SIM')).toContain('carrier');
  });
  it('knows the national and provincial issue places', () => {
    const codes = ISSUE_PLACES.map((p) => p.code);
    expect(codes).toContain('C06');
    expect(codes).toContain('DKQLCT');
    expect(codes).toContain('CA027');
    expect(codes).toContain('CA096');
    expect(codes).not.toContain('CA003');
  });
});

describe('buildSubscriberBody', () => {
  it('sends the shown fields trimmed, the issue place in capitals, no empty ones', () => {
    expect(
      buildSubscriberBody(
        { kind: 'individual', full_name: ' Nguyễn Văn An ', cccd: '027090001234', cccd_place: 'ca027', email: '', device: 'TOKEN', manager_name: 'x' },
        8,
      ),
    ).toEqual({ org_id: 8, kind: 'individual', full_name: 'Nguyễn Văn An', cccd: '027090001234', cccd_place: 'CA027', device: 'TOKEN' });
  });
  it('leaves the individual fields out for an organization', () => {
    const b = buildSubscriberBody({ kind: 'organization', full_name: 'Trường X', cccd: '1', manager_name: 'Bà B' }, 3);
    expect(b).toEqual({ org_id: 3, kind: 'organization', full_name: 'Trường X', manager_name: 'Bà B' });
  });
});

describe('messages per field', () => {
  it('checks the CCCD as it is typed', () => {
    expect(clientMessages({ cccd: '123' }, today).cccd?.vi).toMatch(/12 chữ số/);
    expect(clientMessages({ cccd: '027090001234' }, today).cccd).toBeUndefined();
  });
  it('does not check fields the organization form does not show', () => {
    expect(clientMessages({ kind: 'organization', cccd: '1', dob: 'x' }, today)).toEqual({});
  });
  it('merges the browser message with the server findings of the field', () => {
    const client = clientMessages({ cccd: '123' }, today);
    const fb = fieldFeedback('cccd', client, [f('cccd', 'cccd_format'), f('cccd', 'dup', 'warning')], 'vi', true);
    expect(fb.status).toBe('error');
    expect(fb.messages).toEqual([client.cccd.vi, 'vi:cccd:dup']);
  });
  it('shows server warnings and holds back "required" until asked', () => {
    expect(fieldFeedback('email', {}, [f('email', 'domain', 'warning')], 'en', false)).toEqual({
      status: 'warning',
      messages: ['en:email:domain'],
    });
    expect(fieldFeedback('dob', {}, [f('dob', 'required')], 'vi', false)).toEqual({ status: undefined, messages: [] });
    expect(fieldFeedback('dob', {}, [f('dob', 'required')], 'vi', true).status).toBe('error');
  });
  it('lists findings about fields not on the form', () => {
    expect(otherFindings([f('cccd'), f('organization')], ['cccd']).map((x) => x.field)).toEqual(['organization']);
  });
});

describe('a stored person as form values', () => {
  const data = {
    kind: 'individual',
    full_name: 'Nguyễn Văn An',
    dob: '01/02/1980',
    cccd: '027080001234',
    cccd_date: '03/04/2021',
    cccd_place: 'C06',
    email: 'an@bacninh.gov.vn',
    phone: '',
    position: 'Hiệu trưởng',
    device: 'TOKEN',
    carrier: '',
    manager_name: '',
  };
  it('keeps the kind, the organization and the filled fields only', () => {
    const v = subscriberFormValues({ org_id: 7, data });
    expect(v).toEqual({
      kind: 'individual',
      org_id: 7,
      full_name: 'Nguyễn Văn An',
      dob: '01/02/1980',
      cccd: '027080001234',
      cccd_date: '03/04/2021',
      cccd_place: 'C06',
      email: 'an@bacninh.gov.vn',
      position: 'Hiệu trưởng',
      device: 'TOKEN',
    });
    // Saved again unchanged, it makes the same body as the stored data.
    expect(buildSubscriberBody(v, 7)).toEqual({ org_id: 7, ...Object.fromEntries(Object.entries(data).filter(([, x]) => x)) });
  });
  it('reads an organization subscriber as such', () => {
    expect(subscriberFormValues({ org_id: 3, data: { ...data, kind: 'organization' } }).kind).toBe('organization');
  });
});
