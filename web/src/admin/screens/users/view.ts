// The users list's view in the URL (`?q=ada&role=EDITOR&status=active`) and
// its translation to the API's `UserFilterInput`.
import type { UserFilterInput } from '../../gql/graphql';
import { readPage, writePage, type Paged } from '../../ui/useUrlView';

export interface UsersView extends Paged {
  text: string;
  role: string | null;
  /** `null`: either. */
  active: boolean | null;
}

/** Role names as the API allows them (a URL is user input). */
const ROLE_NAME = /^[A-Z][A-Z0-9_]{1,31}$/;

export function readUsersView(params: URLSearchParams): UsersView {
  const role = params.get('role');
  const status = params.get('status');
  return {
    text: params.get('q') ?? '',
    role: role && ROLE_NAME.test(role) ? role : null,
    active: status === 'active' ? true : status === 'deactivated' ? false : null,
    ...readPage(params),
  };
}

export function writeUsersView(view: UsersView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.text.trim()) params.set('q', view.text.trim());
  if (view.role) params.set('role', view.role);
  if (view.active !== null) params.set('status', view.active ? 'active' : 'deactivated');
  writePage(params, view);
  return params;
}

export function hasUserFilters(view: UsersView): boolean {
  return view.text.trim() !== '' || view.role !== null || view.active !== null;
}

export function toUserFilter(view: UsersView): UserFilterInput {
  return {
    search: view.text.trim() || undefined,
    role: view.role ?? undefined,
    active: view.active ?? undefined,
  };
}
