// The signed-in frame: navigation by content type, the top bar (command
// palette, notifications, theme, account) and the screen.
import { useQuery } from '@apollo/client/react';
import { Link, NavLink, Outlet } from 'react-router';

import { graphql } from '../gql';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { CommandPalette } from './CommandPalette';
import { NotificationBell } from './NotificationBell';
import { ThemeToggle } from './ThemeToggle';

export const ShellContentTypesQuery = graphql(`
  query ShellContentTypes {
    contentTypes {
      id
      apiId
      name
    }
  }
`);

/** The administration screens, each shown only to those who may use it. */
const ADMIN_SCREENS: { to: string; label: string; permission: string }[] = [
  { to: '/admin/media', label: 'Media library', permission: 'media.upload' },
  { to: '/admin/types', label: 'Content types', permission: 'content_types.manage' },
  { to: '/admin/taxonomy', label: 'Categories and tags', permission: 'taxonomy.manage' },
  { to: '/admin/users', label: 'Users', permission: 'users.read' },
  { to: '/admin/roles', label: 'Roles', permission: 'users.read' },
  { to: '/admin/api-keys', label: 'API keys', permission: 'api_keys.manage' },
  { to: '/admin/audit', label: 'Audit log', permission: 'audit.read' },
];

function AdminNav({ can }: { can(permission: string): boolean }) {
  const screens = ADMIN_SCREENS.filter((s) => can(s.permission));
  return (
    <>
      {screens.length > 0 ? <p className="nav-heading">Administration</p> : null}
      {screens.map((s) => (
        <NavLink key={s.to} to={s.to} className="nav-link">
          {s.label}
        </NavLink>
      ))}
      <p className="nav-heading">You</p>
      <NavLink to="/admin/account" className="nav-link">
        My account
      </NavLink>
    </>
  );
}

export function Shell() {
  const session = useSession();
  const types = useQuery(ShellContentTypesQuery);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <Link to="/admin" className="brand">
          Vellum
        </Link>
        <NavLink to="/admin" end className="nav-link">
          Dashboard
        </NavLink>
        <NavLink to="/admin/content" end className="nav-link">
          All content
        </NavLink>
        <p className="nav-heading">Content types</p>
        {(types.data?.contentTypes ?? []).map((type) => (
          <NavLink key={type.id} to={`/admin/content/${type.apiId}`} className="nav-link">
            {type.name}
          </NavLink>
        ))}
        <AdminNav can={session.can} />
      </nav>
      <div className="main-column">
        <header className="topbar">
          <CommandPalette />
          <span className="spacer" />
          <NotificationBell />
          <ThemeToggle />
          <span className="topbar-user" aria-label="Signed in as">
            {session.me?.displayName}{' '}
            <span className="badge">{session.me?.role.name}</span>
          </span>
          <Button size="sm" variant="ghost" onPress={() => void session.signOut()}>
            Sign out
          </Button>
        </header>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
