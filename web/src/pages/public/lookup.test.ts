import { describe, expect, it } from 'vitest';
import { detectQuery, dnValue, isCertificateFileName, looksLikePem, orgFromSubject, parseDn } from './lookup';

describe('detectQuery', () => {
  it('finds serials in hex, with colons or spaces, any case', () => {
    expect(detectQuery('E2BE15258D4B24CE0F7E866F592273CF')).toEqual({ kind: 'serial', value: 'E2BE15258D4B24CE0F7E866F592273CF' });
    expect(detectQuery(' ba:c1:8e:4b:48:c0:44:93 ')).toEqual({ kind: 'serial', value: 'BAC18E4B48C04493' });
    expect(detectQuery('EAB7 C869 51DD B9C5')).toEqual({ kind: 'serial', value: 'EAB7C86951DDB9C5' });
  });
  it('keeps names as names, even when they are hex letters', () => {
    expect(detectQuery('nguyen huu')).toEqual({ kind: 'q', value: 'nguyen huu' });
    expect(detectQuery('Bac')).toEqual({ kind: 'q', value: 'Bac' });
    expect(detectQuery('deadbeefcafe')).toEqual({ kind: 'q', value: 'deadbeefcafe' });
    expect(detectQuery('  Nguyễn   Hữu  ')).toEqual({ kind: 'q', value: 'Nguyễn Hữu' });
    expect(detectQuery('12ab')).toEqual({ kind: 'q', value: '12ab' });
  });
  it('finds e-mails', () => {
    expect(detectQuery('Cuong.NH23@bacninh.gov.vn')).toEqual({ kind: 'email', value: 'cuong.nh23@bacninh.gov.vn' });
  });
  it('nothing for blanks', () => {
    expect(detectQuery('   ')).toBeNull();
  });
});

describe('subjects', () => {
  const dn = 'C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Giáo dục và Đào tạo,OU=Trường THPT Thuận Thành số 1,CN=Nguyễn Hữu Cường';
  it('parses parts and escaped commas', () => {
    expect(parseDn(dn)).toHaveLength(6);
    expect(parseDn('O=Công ty A\\, chi nhánh B,CN=X')).toEqual([
      { type: 'O', value: 'Công ty A, chi nhánh B' },
      { type: 'CN', value: 'X' },
    ]);
  });
  it('gives the organization, most specific first', () => {
    expect(orgFromSubject(dn)).toBe('Trường THPT Thuận Thành số 1, Sở Giáo dục và Đào tạo, UBND tỉnh Bắc Ninh');
    expect(orgFromSubject('CN=Only')).toBe('');
    expect(dnValue(dn, 'cn')).toBe('Nguyễn Hữu Cường');
  });
});

describe('files', () => {
  it('accepts certificate file names and PEM text', () => {
    expect(isCertificateFileName('a.CER')).toBe(true);
    expect(isCertificateFileName('cert.pem')).toBe(true);
    expect(isCertificateFileName('x.pdf')).toBe(false);
    expect(looksLikePem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).toBe(true);
    expect(looksLikePem('hello')).toBe(false);
  });
});

describe('usageLabel', () => {
  it('names usages in both languages', async () => {
    const { usageLabel } = await import('./lookup');
    expect(usageLabel('digitalSignature', 'vi')).toBe('Ký số');
    expect(usageLabel('clientAuth', 'en')).toBe('Client authentication');
    expect(usageLabel('1.2.3.4', 'vi')).toBe('1.2.3.4');
  });
});

describe('inspection verdicts', () => {
  it('maps the server answer to an OCSP-like status and a colour', async () => {
    const { ocspLikeStatus, verdictLevel } = await import('./lookup');
    const cert = { within_validity: true };
    const ours = (status: string) => ({ ours: true, issued_by: { name: 'issuing' }, record: { status }, certificate: cert });
    expect(ocspLikeStatus(ours('valid'))).toBe('good');
    expect(ocspLikeStatus(ours('hold'))).toBe('revoked');
    expect(ocspLikeStatus(ours('revoked'))).toBe('revoked');
    expect(ocspLikeStatus({ ours: false, record: null })).toBe('unknown');
    expect(verdictLevel(ours('valid'))).toBe('success');
    expect(verdictLevel(ours('revoked'))).toBe('error');
    expect(verdictLevel(ours('hold'))).toBe('warning');
    expect(verdictLevel({ ...ours('valid'), certificate: { within_validity: false } })).toBe('warning');
    expect(verdictLevel({ ours: false, issued_by: { name: 'issuing' }, record: null, certificate: cert })).toBe('warning');
    expect(verdictLevel({ ours: false, issued_by: null, record: null, certificate: cert })).toBe('error');
  });
});
