// The live figures (`dashboardStats`): the server pushes them at once and
// again after content changes, so nothing here polls.
import { useSubscription } from '@apollo/client/react';

import { DashboardStatsSubscription } from '../../api/dashboard';
import { errorMessage } from '../../api/errors';
import { ErrorState, Skeleton } from '../../ui/States';
import { RelativeTime } from '../../ui/Time';
import { statusLabel } from '../../ui/status';

export function StatsCard() {
  const { data, error, restart } = useSubscription(DashboardStatsSubscription);
  const stats = data?.dashboardStats;
  let body;
  if (error && !stats) body = <ErrorState message={errorMessage(error)} onRetry={restart} />;
  else if (!stats) body = <Skeleton lines={3} label="Loading figures" />;
  else
    body = (
      <>
        <dl className="stat-grid">
          <div className="stat">
            <dt>In review</dt>
            <dd>{stats.inReview}</dd>
          </div>
          <div className="stat">
            <dt>Live</dt>
            <dd>{stats.live}</dd>
          </div>
          <div className="stat">
            <dt>Published today</dt>
            <dd>{stats.publishedToday}</dd>
          </div>
          <div className="stat stat-wide">
            <dt>Next scheduled</dt>
            <dd className="stat-time">
              {stats.nextPublishAt ? (
                <RelativeTime iso={stats.nextPublishAt} showAbsolute />
              ) : (
                'Nothing scheduled'
              )}
            </dd>
          </div>
        </dl>
        {stats.byStatus.length > 0 ? (
          <ul className="status-counts" aria-label="Items by status">
            {stats.byStatus.map((s) => (
              <li key={s.status}>
                <span className="badge" data-status={s.status}>
                  {statusLabel(s.status)}
                </span>{' '}
                <strong>{s.count}</strong>
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  return (
    <section className="card dash-card dash-stats" aria-labelledby="dash-stats-title">
      <h2 id="dash-stats-title" className="dash-card-title">
        At a glance <span className="live-dot" title="Updates live" aria-hidden="true" />
      </h2>
      {body}
    </section>
  );
}
