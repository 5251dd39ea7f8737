import { describe, expect, it } from 'vitest';
import { formField } from './formErrors';

describe('formField', () => {
  it('maps the CLI spelling of server fields onto form fields', () => {
    expect(formField('--deadline')).toBe('deadline');
    expect(formField('--org')).toBe('org_id');
    expect(formField('name')).toBe('name');
    expect(formField(undefined)).toBeUndefined();
  });
  it('maps organization and subscriber references', () => {
    expect(formField('org')).toBe('org_id');
    expect(formField('subscriber')).toBe('subscriber_id');
    expect(formField('login')).toBe('login');
    expect(formField(undefined)).toBeUndefined();
  });
});
