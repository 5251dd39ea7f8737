import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken, withQuery } from './client';

describe('ApiError.text', () => {
  it('shows a detail that repeats the title once', () => {
    const e = new ApiError(422, { title: 'Thiếu thông tin', detail: 'Thiếu thông tin (cccd)', title_en: 'Missing', detail_en: 'Missing (cccd)' });
    expect(e.text('vi')).toBe('Thiếu thông tin (cccd)');
    expect(e.text('en')).toBe('Missing (cccd)');
  });
  it('joins a different title and detail, and falls back to the other language', () => {
    const e = new ApiError(409, { title: 'Xung đột', detail: 'Đã có yêu cầu khác' });
    expect(e.text('vi')).toBe('Xung đột: Đã có yêu cầu khác');
    expect(e.text('en')).toBe('Xung đột: Đã có yêu cầu khác');
    expect(new ApiError(500, {}).text('en')).toBe('HTTP 500');
  });
});

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/requests', { state: 'draft', q: 'Nguyễn Văn', limit: 10, x: '', y: undefined })).toBe(
      '/api/v1/requests?state=draft&q=Nguy%E1%BB%85n+V%C4%83n&limit=10',
    );
    expect(withQuery('/a', {})).toBe('/a');
  });
});

describe('api.postBlob', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken('');
  });

  it('posts JSON with the CSRF token and hands back the binary answer', async () => {
    const fetch = vi.fn(async () => new Response(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok-1');
    const blob = await api.postBlob('/api/v1/token-station/letter', { request_id: 3, user_pin: '12345678' });
    expect(await blob.text()).toBe('%PDF-1.7');
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/token-station/letter');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ request_id: 3, user_pin: '12345678' });
  });

  it('turns a refusal into an ApiError in both languages', async () => {
    const problem = { title: 'Yêu cầu số 3 chưa hoàn thành trên thiết bị nào', title_en: 'Request 3 has not been completed on a token' };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 409, headers: { 'Content-Type': 'application/problem+json' } })));
    const e = await api.postBlob('/api/v1/token-station/letter', { request_id: 3 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).text('en')).toBe(problem.title_en);
  });
});

describe('api.uploadBlob', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken('');
  });

  it('posts the raw file with the CSRF token and the query, and hands back the binary answer', async () => {
    const fetch = vi.fn(async () => new Response(new Blob(['PK\x03\x04']), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok-2');
    const file = new Blob(['STT,Họ tên\n'], { type: 'application/octet-stream' });
    const blob = await api.uploadBlob('/api/v1/imports/report', file, { name: 'danh sách.csv' });
    expect(await blob.text()).toBe('PK\x03\x04');
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/imports/report?name=danh+s%C3%A1ch.csv');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-2');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
  });
});
