// Who is signed in, and the session's life: sign-in hands over the tokens'
// expiry, a timer refreshes them a minute early, and a session that cannot
// be refreshed sends the user back to sign-in with the reason.
import { ApolloProvider } from '@apollo/client/react';
import { useQuery } from '@apollo/client/react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

import { CSRF_COOKIE, readCookie } from '../../shared/csrf';
import { createAdminClient, type AdminClient } from '../api/client';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      displayName
      email
      emailVerified
      role {
        id
        name
        level
        permissions
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut {
      revokedSessions
    }
  }
`);

export type Me = MeQuery['me'];

export interface Session {
  /** The signed-in user; undefined while loading or signed out. */
  me: Me | undefined;
  status: 'loading' | 'signed-in' | 'signed-out';
  /** Why the last session ended, when it ended by itself. */
  endedReason: string | undefined;
  /** Whether the user holds a permission (`content.publish`, ...). */
  can(permission: string): boolean;
  /** After sign-in: the tokens' expiry. */
  signedIn(expiresAt: string): Promise<void>;
  signOut(): Promise<void>;
  client: AdminClient;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/**
 * Whether the signed-in user holds a permission; false outside a session
 * (a screen rendered on its own, as in component tests).
 */
export function usePermission(permission: string): boolean {
  return useContext(SessionContext)?.can(permission) ?? false;
}

/** Refresh this long before the access token expires. */
const REFRESH_EARLY_MS = 60_000;

function SessionState({ client, children }: { client: AdminClient; children: ReactNode }) {
  const { data, loading, error, refetch } = useQuery(MeDocument, {
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
  });
  const [endedReason, setEndedReason] = useState<string>();
  const [signedOut, setSignedOut] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const me = signedOut ? undefined : data?.me;

  const schedule = useCallback(
    (expiresAt: string) => {
      clearTimeout(timer.current);
      const wait = Math.max(5_000, Date.parse(expiresAt) - Date.now() - REFRESH_EARLY_MS);
      timer.current = setTimeout(() => void client.refresh(), wait);
    },
    [client],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  // The client reports refreshes and ends through this ref-free bridge.
  useEffect(() => {
    bridge.refreshed = schedule;
    bridge.ended = (reason: string) => {
      clearTimeout(timer.current);
      // A page loaded after the session ended has no `me` yet, but the
      // readable CSRF cookie says there was a session. It is dropped so the
      // reason shows once.
      if (me || readCookie(document.cookie, CSRF_COOKIE) !== undefined) setEndedReason(reason);
      document.cookie = `${CSRF_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
      setSignedOut(true);
      // Only a signed-in user's data needs wiping. A visitor who never
      // signed in has nothing private cached, and clearing would race the
      // sign-in page's own query (its answer vanished when it came first).
      if (me) void client.apollo.clearStore();
    };
  }, [client, me, schedule]);

  const signedIn = useCallback(
    async (expiresAt: string) => {
      setEndedReason(undefined);
      setSignedOut(false);
      client.reconnect();
      await client.apollo.resetStore();
      await refetch();
      schedule(expiresAt);
    },
    [client, refetch, schedule],
  );

  const signOut = useCallback(async () => {
    clearTimeout(timer.current);
    await client.apollo.mutate({ mutation: SignOutMutation }).catch(() => undefined);
    client.reconnect();
    setEndedReason(undefined);
    setSignedOut(true);
    await client.apollo.clearStore();
  }, [client]);

  const value = useMemo<Session>(() => {
    const permissions = new Set(me?.role.permissions ?? []);
    const status = me ? 'signed-in' : loading && !error && !signedOut ? 'loading' : 'signed-out';
    return {
      me,
      status,
      endedReason,
      can: (permission) => permissions.has(permission),
      signedIn,
      signOut,
      client,
    };
  }, [me, loading, error, signedOut, endedReason, signedIn, signOut, client]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Module-level bridge from the client (made once) to the provider's state. */
const bridge: { refreshed(expiresAt: string): void; ended(reason: string): void } = {
  refreshed: () => {},
  ended: () => {},
};

let shared: AdminClient | undefined;
function adminClient(): AdminClient {
  shared ??= createAdminClient({
    refreshed: (expiresAt) => bridge.refreshed(expiresAt),
    ended: (reason) => bridge.ended(reason),
  });
  return shared;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = adminClient();
  return (
    <ApolloProvider client={client.apollo}>
      <SessionState client={client}>{children}</SessionState>
    </ApolloProvider>
  );
}
