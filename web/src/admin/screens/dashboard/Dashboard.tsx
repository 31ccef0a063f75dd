// The editorial dashboard (`/admin`): live figures, my drafts, the review
// queue, what is scheduled and what just happened. Editors see everyone's
// work; users who may not read others' drafts see their own (the figures
// need `content.read_draft`, so they get no figures rather than an error).
import '../../styles/dashboard.css';

import { useSession } from '../../session/session';
import { TextLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { RelativeTime } from '../../ui/Time';
import { ActivityCard } from './ActivityCard';
import { ItemsCard, type Item } from './ItemsCard';
import { StatsCard } from './StatsCard';
import { useLiveContent } from './useLiveContent';

/** Soonest first; items without a publication date (only a take-down) last. */
function bySchedule(items: Item[]): Item[] {
  const when = (item: Item) => Date.parse(item.publishAt ?? item.unpublishAt ?? '') || Infinity;
  return items.sort((a, b) => when(a) - when(b));
}

function scheduleDetail(item: Item) {
  if (item.publishAt)
    return (
      <>
        goes live <RelativeTime iso={item.publishAt} showAbsolute />
      </>
    );
  if (item.unpublishAt)
    return (
      <>
        comes down <RelativeTime iso={item.unpublishAt} showAbsolute />
      </>
    );
  return 'scheduled';
}

export default function Dashboard() {
  const { me, can } = useSession();
  const { events } = useLiveContent();
  const seesAll = can('content.read_draft');
  const myId = me?.id;
  // Without `content.read_draft` the lists would only show live versions of
  // others' items: narrow them to the user's own work instead.
  const mine = seesAll || !myId ? {} : { authorIds: [myId] };

  return (
    <Page title="Dashboard" subtitle={me ? `Welcome back, ${me.displayName}.` : undefined}>
      <div className="dash-grid">
        {seesAll ? <StatsCard /> : null}
        {myId ? (
          <ItemsCard
            id="dash-drafts"
            title="My drafts"
            filter={{ authorIds: [myId], status: ['DRAFT'] }}
            emptyTitle="No drafts"
            emptyBody={<TextLink href="/admin/content">Start something new</TextLink>}
            detail={(item) => (
              <>
                edited <RelativeTime iso={item.updatedAt} />
              </>
            )}
          />
        ) : null}
        <ItemsCard
          id="dash-review"
          title={seesAll ? 'Review queue' : 'My items in review'}
          filter={{ ...mine, status: ['IN_REVIEW'] }}
          emptyTitle="Nothing waiting for review"
          detail={(item) => (
            <>
              {item.author ? `by ${item.author.displayName}, ` : ''}updated{' '}
              <RelativeTime iso={item.updatedAt} />
            </>
          )}
        />
        <ItemsCard
          id="dash-scheduled"
          title="Upcoming scheduled"
          filter={{ ...mine, scheduled: true }}
          // The API orders by update, not by schedule: fetch plenty, show the soonest.
          first={50}
          show={10}
          sort={bySchedule}
          emptyTitle="Nothing scheduled"
          detail={scheduleDetail}
        />
        <ActivityCard events={events} />
      </div>
    </Page>
  );
}
