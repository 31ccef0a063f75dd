// The users, roles and audit screens' pure logic: the API's rank rules as
// the screens apply them, URL ⇄ view ⇄ API filter, and where an audit
// entry's target links.
import { describe, expect, it } from 'vitest';

import {
  KNOWN_TARGET_TYPES,
  kindLabel,
  shortId,
  targetHref,
} from '../../src/admin/screens/audit/targets';
import {
  hasAuditFilters,
  readAuditView,
  toAuditFilter,
  writeAuditView,
} from '../../src/admin/screens/audit/view';
import { grantableRoles, manageBlock } from '../../src/admin/screens/users/rank';
import {
  hasUserFilters,
  readUsersView,
  toUserFilter,
  writeUsersView,
} from '../../src/admin/screens/users/view';
import { pageVariables } from '../../src/admin/ui/useUrlView';

const ROLES = [
  { name: 'SUPERADMIN', level: 50 },
  { name: 'VIEWER', level: 10 },
  { name: 'ADMIN', level: 40 },
  { name: 'AUTHOR', level: 20 },
  { name: 'EDITOR', level: 30 },
];
const role = (name: string) => ROLES.find((r) => r.name === name)!;
const ID = '0b8f6a8e-3f7a-4c59-9d0e-1a2b3c4d5e6f';
const OTHER = '11111111-2222-4333-8444-555555555555';

describe('rank rules', () => {
  it('offers the roles below the caller’s own, lowest first; a SUPERADMIN every role', () => {
    expect(grantableRoles(ROLES, role('ADMIN')).map((r) => r.name)).toEqual([
      'VIEWER',
      'AUTHOR',
      'EDITOR',
    ]);
    expect(grantableRoles(ROLES, role('SUPERADMIN')).map((r) => r.name)).toEqual([
      'VIEWER',
      'AUTHOR',
      'EDITOR',
      'ADMIN',
      'SUPERADMIN',
    ]);
    expect(grantableRoles(ROLES, role('VIEWER'))).toEqual([]);
  });

  it('lets a manager change only users below them, and not themself', () => {
    const admin = { id: ID, role: role('ADMIN') };
    expect(manageBlock(admin, true, { id: OTHER, role: role('EDITOR') })).toBeNull();
    expect(manageBlock(admin, true, { id: OTHER, role: role('ADMIN') })).toBe('rank');
    expect(manageBlock(admin, true, { id: OTHER, role: role('SUPERADMIN') })).toBe('rank');
    expect(manageBlock(admin, true, { id: ID, role: role('ADMIN') })).toBe('self');
    expect(manageBlock(admin, false, { id: OTHER, role: role('VIEWER') })).toBe('no-permission');
    const superadmin = { id: ID, role: role('SUPERADMIN') };
    expect(manageBlock(superadmin, true, { id: OTHER, role: role('SUPERADMIN') })).toBeNull();
    expect(manageBlock(superadmin, true, { id: ID, role: role('SUPERADMIN') })).toBeNull();
  });
});

describe('the users list view', () => {
  it('round-trips through the URL and drops what is malformed', () => {
    const view = readUsersView(
      new URLSearchParams('q=+ada+&role=EDITOR&status=deactivated&after=c1'),
    );
    expect(view).toEqual({
      text: ' ada ',
      role: 'EDITOR',
      active: false,
      after: 'c1',
      before: null,
    });
    expect(writeUsersView(view).toString()).toBe('q=ada&role=EDITOR&status=deactivated&after=c1');
    expect(toUserFilter(view)).toEqual({ search: 'ada', role: 'EDITOR', active: false });
    const junk = readUsersView(new URLSearchParams('role=drop+table&status=maybe&before=c0'));
    expect(junk).toEqual({ text: '', role: null, active: null, after: null, before: 'c0' });
    expect(hasUserFilters(junk)).toBe(false);
    expect(toUserFilter(junk)).toEqual({ search: undefined, role: undefined, active: undefined });
  });

  it('pages forward by after and backward by before', () => {
    expect(pageVariables({ after: 'c1', before: null }, 25)).toEqual({ first: 25, after: 'c1' });
    expect(pageVariables({ after: null, before: 'c0' }, 25)).toEqual({ last: 25, before: 'c0' });
    expect(pageVariables({ after: null, before: null }, 25)).toEqual({
      first: 25,
      after: undefined,
    });
  });
});

describe('the audit log view', () => {
  it('round-trips through the URL; days become a half-open range in the user’s zone', () => {
    const params = new URLSearchParams(
      `actor=${ID.toUpperCase()}&action=user.role_changed&targetType=user&targetId=${OTHER}&from=2026-03-31&to=2026-03-01`,
    );
    const view = readAuditView(params);
    expect(view.actor).toBe(ID);
    // A reversed range is read the right way round.
    expect(view.days?.start.toString()).toBe('2026-03-01');
    expect(view.days?.end.toString()).toBe('2026-03-31');
    expect(writeAuditView(view).toString()).toBe(
      `actor=${ID}&action=user.role_changed&targetType=user&targetId=${OTHER}&from=2026-03-01&to=2026-03-31`,
    );
    expect(toAuditFilter(view, 'Europe/Paris')).toEqual({
      actorId: ID,
      action: 'user.role_changed',
      targetType: 'user',
      targetId: OTHER,
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
    });
  });

  it('ignores a malformed actor or day, and a lone day', () => {
    const view = readAuditView(new URLSearchParams('actor=bob&from=2026-13-40&to=2026-01-01'));
    expect(view.actor).toBeNull();
    expect(view.days).toBeNull();
    expect(readAuditView(new URLSearchParams('from=2026-01-01')).days).toBeNull();
    expect(hasAuditFilters(view)).toBe(false);
  });
});

describe('audit targets', () => {
  const everything = { can: () => true, typeApiIds: new Map([[ID, 'article']]) };
  const nothing = { can: () => false, typeApiIds: new Map<string, string>() };

  it('links each kind of target to the screen that shows it', () => {
    expect(targetHref('content', ID, everything)).toBe(`/admin/items/${ID}`);
    expect(targetHref('user', ID, everything)).toBe(`/admin/users/${ID}`);
    expect(targetHref('content_type', ID, everything)).toBe('/admin/types/article');
    expect(targetHref('content_type', OTHER, everything)).toBeNull();
    expect(targetHref('media', ID, everything)).toBe('/admin/media');
    expect(targetHref('session', ID, everything)).toBeNull();
  });

  it('does not link to screens the caller may not open', () => {
    expect(targetHref('user', ID, nothing)).toBeNull();
    expect(
      targetHref('content_type', ID, { ...nothing, typeApiIds: everything.typeApiIds }),
    ).toBeNull();
    expect(targetHref('media', ID, nothing)).toBeNull();
  });

  it('names kinds, known or not, and shortens ids', () => {
    expect(KNOWN_TARGET_TYPES.map(kindLabel)).not.toContain('Unknown');
    expect(kindLabel('content_type')).toBe('Content type');
    expect(kindLabel('webhook_endpoint')).toBe('Webhook endpoint');
    expect(shortId(ID)).toBe('0b8f6a8e…');
    expect(shortId('42')).toBe('42');
  });
});
