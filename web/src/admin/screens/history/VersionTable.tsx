// The item's versions, newest first, with who made each, why, and when.
import type { HistoryVersionsQuery } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { RelativeTime } from '../../ui/Time';
import { statusLabel } from '../../ui/status';

export type Version = HistoryVersionsQuery['contentVersions']['nodes'][number];

/** `request_changes` → "Request changes". */
function eventLabel(event: string): string {
  return statusLabel(event);
}

export function VersionTable({
  versions,
  latest,
  selected,
  onCompare,
  onRestore,
}: {
  versions: Version[];
  /** The working version (restoring it would change nothing). */
  latest: number | undefined;
  /** The pair being compared. */
  selected: { from: number; to: number } | undefined;
  onCompare(version: number): void;
  onRestore(version: number): void;
}) {
  return (
    <div className="history-table-wrap">
      <table className="table history-table">
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">By</th>
            <th scope="col">Note</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const inPair = selected && (selected.from === v.version || selected.to === v.version);
            return (
              <tr key={v.version} data-selected={inPair || undefined}>
                <th scope="row">
                  {v.version}
                  {v.version === latest ? (
                    <span className="badge history-latest">latest</span>
                  ) : null}
                </th>
                <td>{eventLabel(v.event)}</td>
                <td>
                  <span className="badge" data-status={v.status}>
                    {statusLabel(v.status)}
                  </span>
                </td>
                <td>{v.actor?.displayName ?? 'Vellum'}</td>
                <td className="history-note">{v.note ?? ''}</td>
                <td>
                  <RelativeTime iso={v.createdAt} />
                </td>
                <td>
                  <div className="history-actions">
                    {v.version > 1 ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onPress={() => onCompare(v.version)}
                        aria-label={`Show changes in version ${v.version}`}
                      >
                        Changes
                      </Button>
                    ) : null}
                    <Button
                      size="sm"
                      isDisabled={v.version === latest}
                      onPress={() => onRestore(v.version)}
                      aria-label={`Restore version ${v.version}`}
                    >
                      Restore…
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
