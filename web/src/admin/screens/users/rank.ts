// The API's rank rules (users/service.rs), so the screens offer only what
// the API would accept: nobody but a SUPERADMIN changes a user at or above
// their own level, grants such a role, or changes themself. The API checks
// again; a refusal (a rank changed meanwhile) is shown as it says.

export const SUPERADMIN = 'SUPERADMIN';

export interface RankedRole {
  name: string;
  level: number;
}

/** The roles the caller may grant, lowest first. */
export function grantableRoles<R extends RankedRole>(roles: readonly R[], caller: RankedRole): R[] {
  const superadmin = caller.name === SUPERADMIN;
  return roles
    .filter((role) => superadmin || role.level < caller.level)
    .sort((a, b) => a.level - b.level);
}

export type ManageBlock = 'no-permission' | 'self' | 'rank';

/** Why the caller may not change a user's role, status or two-factor; null when they may. */
export function manageBlock(
  caller: { id: string; role: RankedRole },
  mayManage: boolean,
  target: { id: string; role: RankedRole },
): ManageBlock | null {
  if (!mayManage) return 'no-permission';
  if (caller.role.name === SUPERADMIN) return null;
  if (caller.id === target.id) return 'self';
  return target.role.level >= caller.role.level ? 'rank' : null;
}

export function manageBlockText(block: ManageBlock): string {
  switch (block) {
    case 'no-permission':
      return 'You can see this account. Changing it needs the users.manage permission.';
    case 'self':
      return 'You cannot change your own role or deactivate yourself.';
    case 'rank':
      return 'Their role is at or above yours: only someone who outranks them can change this account.';
  }
}
