import { describe, expect, it } from 'vitest';
import { USER_STATES, userState } from './userState';

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
  });
});
