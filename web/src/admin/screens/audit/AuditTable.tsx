// The entries: time, actor, action, target (linked where a screen shows
// it), IP, and on demand the details the action recorded.
import { useApolloClient } from '@apollo/client/react';
import { Fragment, useId, useState } from 'react';

import type { AuditLogQuery } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { Button, TextLink } from '../../ui/Button';
import { formatAbsolute, formatRelative, useNow } from '../../ui/Time';
import { AuditUserNameFragment } from './operations';
import { kindLabel, shortId, targetHref } from './targets';

export type Entry = AuditLogQuery['auditLog']['nodes'][number];

function Actor({ entry }: { entry: Entry }) {
  const session = useSession();
  const viaKey =
    entry.actorKind === 'api_key' ? <span className="audit-muted"> (API key)</span> : null;
  if (entry.actor) {
    return (
      <>
        {session.can('users.read') ? (
          <TextLink href={`/admin/users/${entry.actor.id}`}>{entry.actor.displayName}</TextLink>
        ) : (
          entry.actor.displayName
        )}
        {viaKey}
      </>
    );
  }
  // No user: Vellum itself (start-up, jobs), or an anonymous request (a
  // failed sign-in), told apart by whether a request was behind it.
  return (
    <span className="audit-muted">
      {entry.actorKind === 'api_key'
        ? 'An API key'
        : entry.requestId || entry.ip
          ? 'Anonymous'
          : 'Vellum'}
    </span>
  );
}

function Target({
  entry,
  typeApiIds,
  typeNames,
}: {
  entry: Entry;
  typeApiIds: ReadonlyMap<string, string>;
  typeNames: ReadonlyMap<string, string>;
}) {
  const session = useSession();
  const apollo = useApolloClient();
  const { targetType: type, targetId: id } = entry;
  if (!type) return <span className="audit-muted">—</span>;
  const kind = kindLabel(type);
  if (!id) return <>{kind}</>;
  // A name the page already has (a type, or a user seen elsewhere) reads
  // better than an id; nothing is fetched for it.
  const name =
    type === 'content_type'
      ? typeNames.get(id)
      : type === 'user'
        ? apollo.readFragment({
            fragment: AuditUserNameFragment,
            id: apollo.cache.identify({ __typename: 'User', id }),
          })?.displayName
        : undefined;
  const text = `${kind} ${name ?? shortId(id)}`;
  const href = targetHref(type, id, { can: session.can, typeApiIds });
  return <span title={id}>{href ? <TextLink href={href}>{text}</TextLink> : text}</span>;
}

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} className="audit-time">
      {formatAbsolute(iso)}
      <span className="audit-muted audit-relative">{formatRelative(iso, now)}</span>
    </time>
  );
}

function Details({ entry, id }: { entry: Entry; id: string }) {
  const empty =
    entry.details === null ||
    (typeof entry.details === 'object' && Object.keys(entry.details).length === 0);
  return (
    <div id={id} className="audit-details">
      <dl className="audit-details-meta">
        <dt>Entry</dt>
        <dd>
          <code>{entry.id}</code>
        </dd>
        {entry.targetId ? (
          <>
            <dt>Target id</dt>
            <dd>
              <code>{entry.targetId}</code>
            </dd>
          </>
        ) : null}
        <dt>Request id</dt>
        <dd>{entry.requestId ? <code>{entry.requestId}</code> : '—'}</dd>
        <dt>User agent</dt>
        <dd>{entry.userAgent ?? '—'}</dd>
      </dl>
      {empty ? (
        <p className="audit-muted">No details recorded.</p>
      ) : (
        <pre className="audit-json" tabIndex={0} aria-label="Details (JSON)">
          {JSON.stringify(entry.details, null, 2)}
        </pre>
      )}
    </div>
  );
}

function Row({
  entry,
  now,
  typeApiIds,
  typeNames,
}: {
  entry: Entry;
  now: number;
  typeApiIds: ReadonlyMap<string, string>;
  typeNames: ReadonlyMap<string, string>;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <Fragment>
      <tr data-open={open ? true : undefined}>
        <td>
          <When iso={entry.occurredAt} now={now} />
        </td>
        <td>
          <Actor entry={entry} />
        </td>
        <td>
          <code className="audit-action">{entry.action}</code>
        </td>
        <td>
          <Target entry={entry} typeApiIds={typeApiIds} typeNames={typeNames} />
        </td>
        <td className="audit-ip">{entry.ip ?? <span className="audit-muted">—</span>}</td>
        <td className="audit-toggle">
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`Details: ${entry.action}, ${formatAbsolute(entry.occurredAt)}`}
            onPress={() => setOpen(!open)}
          >
            <span aria-hidden="true" className="audit-chevron" />
            Details
          </Button>
        </td>
      </tr>
      {open ? (
        <tr className="audit-details-row">
          <td colSpan={6}>
            <Details entry={entry} id={detailsId} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

export function AuditTable({
  entries,
  typeApiIds,
  typeNames,
}: {
  entries: readonly Entry[];
  typeApiIds: ReadonlyMap<string, string>;
  typeNames: ReadonlyMap<string, string>;
}) {
  const now = useNow();
  return (
    <table className="table audit-table" aria-label="Audit log entries">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">IP</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <Row
            key={entry.id}
            entry={entry}
            now={now}
            typeApiIds={typeApiIds}
            typeNames={typeNames}
          />
        ))}
      </tbody>
    </table>
  );
}
