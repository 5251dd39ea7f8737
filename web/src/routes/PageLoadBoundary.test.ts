import { describe, expect, it } from 'vitest';
import { isLoadError } from './PageLoadBoundary';

describe('isLoadError', () => {
  it("knows the browsers' words for a page chunk that could not be fetched", () => {
    expect(isLoadError(new TypeError('Failed to fetch dynamically imported module: http://x/assets/Lookup-1.js'))).toBe(true);
    expect(isLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isLoadError(new TypeError('error loading dynamically imported module'))).toBe(true);
  });
  it('leaves other errors to be reported as a failing page', () => {
    expect(isLoadError(new TypeError("Cannot read properties of undefined (reading 'items')"))).toBe(false);
    expect(isLoadError('boom')).toBe(false);
  });
});
