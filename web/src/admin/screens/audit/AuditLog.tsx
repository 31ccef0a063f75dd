// The audit log (`/admin/audit`, for holders of `audit.read`), newest first:
// filters by actor, action, target and days, and the keyset page, all in the
// URL, so a link from a user's page opens the log already narrowed.
import '../../styles/list.css';
import '../../styles/audit.css';

import { useQuery } from '@apollo/client/react';
import { getLocalTimeZone } from '@internationalized/date';
import { useMemo } from 'react';

import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { pageVariables, useUrlView } from '../../ui/useUrlView';
import { Pager } from '../content/list/Pager';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { AuditContentTypesQuery, AuditLogQuery } from './operations';
import {
  NO_AUDIT_FILTERS,
  hasAuditFilters,
  readAuditView,
  toAuditFilter,
  writeAuditView,
} from './view';

const PAGE_SIZE = 50;

export default function AuditLog() {
  const session = useSession();
  const mayRead = session.can('audit.read');
  const { view, update } = useUrlView(readAuditView, writeAuditView);
  const timeZone = useMemo(() => getLocalTimeZone(), []);
  const variables = useMemo(
    () => ({ filter: toAuditFilter(view, timeZone), ...pageVariables(view, PAGE_SIZE) }),
    [view, timeZone],
  );
  const log = useQuery(AuditLogQuery, { variables, skip: !mayRead });
  const types = useQuery(AuditContentTypesQuery, { skip: !mayRead });
  const page = (log.data ?? log.previousData)?.auditLog;
  const fresh = log.data?.auditLog;

  const { typeApiIds, typeNames } = useMemo(() => {
    const all = types.data?.contentTypes ?? [];
    return {
      typeApiIds: new Map(all.map((t) => [t.id, t.apiId])),
      typeNames: new Map(all.map((t) => [t.id, t.name])),
    };
  }, [types.data]);

  const narrowed = hasAuditFilters(view);
  const paged = view.after !== null || view.before !== null;

  if (!mayRead) {
    return (
      <Page title="Audit log">
        <Notice tone="warning">Reading the audit log needs the audit.read permission.</Notice>
      </Page>
    );
  }
  return (
    <Page
      title="Audit log"
      subtitle="Who did what and when: sign-ins, account and permission changes, deletions. Newest first."
    >
      <div className="audit">
        <AuditFilters view={view} update={update} active={narrowed} />

        {log.error && !page ? (
          <>
            <ErrorState message={errorMessage(log.error)} onRetry={() => void log.refetch()} />
            {paged ? (
              // A cursor from an old link cannot be retried.
              <div>
                <Button size="sm" onPress={() => update({})}>
                  Go to the first page
                </Button>
              </div>
            ) : null}
          </>
        ) : !page ? (
          <Skeleton lines={8} label="Loading the audit log" />
        ) : page.nodes.length === 0 ? (
          <EmptyState
            title={narrowed ? 'No entry matches these filters.' : 'The audit log is empty.'}
          >
            {narrowed ? (
              <Button size="sm" onPress={() => update(NO_AUDIT_FILTERS)}>
                Clear filters
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <div
            className="audit-table-scroll"
            aria-busy={log.loading}
            data-loading={log.loading && !fresh ? true : undefined}
          >
            {log.error ? <Notice tone="danger">{errorMessage(log.error)}</Notice> : null}
            <AuditTable entries={page.nodes} typeApiIds={typeApiIds} typeNames={typeNames} />
          </div>
        )}

        {page ? (
          <Pager
            hasPrevious={page.pageInfo.hasPreviousPage}
            hasNext={page.pageInfo.hasNextPage}
            paged={paged}
            isDisabled={log.loading && !fresh}
            onFirst={() => update({})}
            onPrevious={() =>
              update({ before: page.pageInfo.startCursor, after: null }, { keepPage: true })
            }
            onNext={() =>
              update({ after: page.pageInfo.endCursor, before: null }, { keepPage: true })
            }
          />
        ) : null}
      </div>
    </Page>
  );
}
