import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { ROLES } from '../lib/labels';
import { ROUTES } from './index';

const route = (path: string) => ROUTES.find((r) => r.path === path);

describe('the route list', () => {
  it('has each path once', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('serves the guide every mail footer links to, at that exact path, without sign-in', () => {
    expect(route('/huong-dan/kiem-tra-thu')?.roles).toBe('public');
  });

  it('serves the page of the activation and reset links without sign-in, outside the menu', () => {
    expect(route('/activate')?.roles).toBe('public');
    expect(route('/activate')?.menu).toBeUndefined();
  });

  it('shows the notifications to every signed-in role', () => {
    const roles = route('/notifications')?.roles as Role[];
    expect([...roles].sort()).toEqual(Object.keys(ROLES).sort());
    expect(route('/notifications')?.menu).toBeDefined();
  });

  it('shows the devices, and opens one by its serial, to every role that reads subscribers', () => {
    for (const path of ['/devices', '/devices/:serial']) {
      const roles = route(path)?.roles as Role[];
      expect([...roles].sort(), path).toEqual(Object.keys(ROLES).sort());
    }
    expect(route('/devices')?.menu).toBeDefined();
    expect(route('/devices/:serial')?.menu).toBeUndefined();
  });

  it('shows the token station to the CA operator only, the one role that runs the token operations', () => {
    expect(route('/token-station')?.roles).toEqual(['ca_operator']);
    expect(route('/token-station')?.menu).toMatchObject({ vi: 'Trạm thiết bị', en: 'Token station' });
  });

  it('keeps the outbox to the administrator, next to the users in the menu', () => {
    const outbox = route('/admin/outbox');
    expect(outbox?.roles).toEqual(['admin']);
    const adminMenu = ROUTES.filter((r) => r.menu && r.roles !== 'public' && r.roles.includes('admin'))
      .sort((a, b) => a.menu!.order - b.menu!.order)
      .map((r) => r.path);
    expect(adminMenu.indexOf('/admin/outbox')).toBe(adminMenu.indexOf('/admin/users') + 1);
  });

  it('offers the import of a list to the roles that add people and make requests, beside "New request"', () => {
    const r = route('/import');
    expect([...(r?.roles as Role[])].sort()).toEqual(['aggregator', 'unit_manager']);
    expect(r?.menu).toMatchObject({ vi: 'Nhập danh sách', en: 'Import a list' });
    expect(r!.menu!.order).toBeGreaterThan(route('/requests/new')!.menu!.order);
  });
});
