import { describe, expect, it } from 'vitest';
import { ApiError, withQuery } from './client';

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
