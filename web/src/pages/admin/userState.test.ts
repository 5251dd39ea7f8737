import { describe, expect, it } from 'vitest';
import { USER_STATES, roleChangeBody, userState } from './userState';

describe('userState', () => {
  it.each([
    [{ active: true, activated: true }, 'activated'],
    [{ active: true, activated: false }, 'awaiting'],
    [{ active: false, activated: false }, 'disabled'],
    [{ active: false, activated: true }, 'disabled'],
    [{}, 'activated'],
    [{ activated: false }, 'awaiting'],
  ] as const)('%j is %s', (u, state) => {
    expect(userState(u)).toBe(state);
  });
  it('names each state in both languages', () => {
    expect(USER_STATES.awaiting.vi).toBe('Chờ kích hoạt');
    expect(USER_STATES.awaiting.en).toBe('Awaiting activation');
    expect(USER_STATES.activated.vi).toBe('Đã kích hoạt');
    expect(USER_STATES.activated.en).toBe('Activated');
    expect(USER_STATES.disabled.vi).toBe('Đã khóa');
    expect(USER_STATES.disabled.en).toBe('Disabled');
  });
});

describe('roleChangeBody', () => {
  const manager = { role: 'unit_manager' as const, org_id: 8 };
  it('sends nothing when neither the role nor the organization changes', () => {
    expect(roleChangeBody(manager, { role: 'unit_manager', org_id: 8 })).toBeUndefined();
    expect(roleChangeBody({ role: 'auditor', org_id: null }, { role: 'auditor' })).toBeUndefined();
  });
  it('sends the organization of a scoped role only when it changes', () => {
    expect(roleChangeBody(manager, { role: 'aggregator', org_id: 8 })).toEqual({ role: 'aggregator' });
    expect(roleChangeBody(manager, { role: 'aggregator', org_id: 3 })).toEqual({ role: 'aggregator', org_id: 3 });
    expect(roleChangeBody(manager, { role: 'unit_manager', org_id: 9 })).toEqual({ role: 'unit_manager', org_id: 9 });
    expect(roleChangeBody({ role: 'auditor', org_id: null }, { role: 'unit_manager', org_id: 9 })).toEqual({ role: 'unit_manager', org_id: 9 });
  });
  it('leaves the organization out for the other roles', () => {
    expect(roleChangeBody(manager, { role: 'ra_officer', org_id: 3 })).toEqual({ role: 'ra_officer' });
    expect(roleChangeBody({ role: 'subscriber', org_id: 8 }, { role: 'aggregator', org_id: null })).toEqual({ role: 'aggregator' });
    expect(roleChangeBody(manager, { role: 'subscriber', org_id: 8 })).toEqual({ role: 'subscriber' });
  });
});
