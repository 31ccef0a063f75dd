// The filter bar: every condition `ContentFilterInput` offers, each read
// from and written to the URL through `update`.
import { useQuery } from '@apollo/client/react';
import { skipToken } from '@apollo/client/react';
import { memo, useMemo } from 'react';
import { Disclosure, DisclosurePanel, Heading, Switch } from 'react-aria-components';
import { Button as AriaButton } from 'react-aria-components';

import { ContentListAuthorsQuery, ContentListFacetsQuery } from '../../../api/content-list';
import { useSession } from '../../../session/session';
import { Button } from '../../../ui/Button';
import { SearchFilter } from '../../../ui/SearchFilter';
import { DateRangeFilter } from './DateRangeFilter';
import { MultiSelect, SingleSelect, type Option } from './FilterSelect';
import { clearFilters, type ListView } from './params';
import { humanize } from './text';

/**
 * The default workflow's states. The API has no list of states, so states
 * a custom workflow adds show up once an item in the view carries them.
 */
const KNOWN_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED'];

const SCHEDULED: Option[] = [
  { id: 'yes', name: 'Scheduled' },
  { id: 'no', name: 'Not scheduled' },
];

function ToggleFilter({
  label,
  isSelected,
  onChange,
}: {
  label: string;
  isSelected: boolean;
  onChange(value: boolean): void;
}) {
  return (
    <Switch className="list-switch" isSelected={isSelected} onChange={onChange}>
      <span className="list-switch-track" aria-hidden="true">
        <span className="list-switch-thumb" />
      </span>
      {label}
    </Switch>
  );
}

/** Memoised: a new page of rows must not re-render the filter widgets. */
export const Filters = memo(function Filters({
  view,
  update,
  active,
  seenStatuses,
}: {
  view: ListView;
  update(patch: Partial<ListView>, options?: { replace?: boolean }): void;
  active: boolean;
  /** States present in the rows on screen (custom workflows). */
  seenStatuses: readonly string[];
}) {
  const session = useSession();
  const mayListUsers = session.can('users.read');
  const facets = useQuery(ContentListFacetsQuery);
  const authors = useQuery(ContentListAuthorsQuery, mayListUsers ? {} : skipToken);

  const statuses = useMemo<Option[]>(() => {
    const all = new Set([...KNOWN_STATUSES, ...seenStatuses, ...view.status]);
    return [...all].map((s) => ({ id: s, name: humanize(s) }));
  }, [seenStatuses, view.status]);
  const categories = useMemo<Option[]>(
    () => (facets.data?.categories ?? []).map((c) => ({ id: c.id, name: c.name })),
    [facets.data],
  );
  const tags = useMemo<Option[]>(
    () => (facets.data?.tags ?? []).map((t) => ({ id: t.id, name: t.name })),
    [facets.data],
  );
  const authorOptions = useMemo<Option[]>(
    () => (authors.data?.users.nodes ?? []).map((u) => ({ id: u.id, name: u.displayName })),
    [authors.data],
  );
  const dates = view.created !== null || view.updated !== null || view.published !== null;

  return (
    <div className="list-filters" role="search" aria-label="Filter content">
      <div className="list-filter-row">
        <SearchFilter
          value={view.text}
          placeholder="Title or excerpt"
          onChange={(text) => update({ text }, { replace: true })}
        />
        <MultiSelect
          label="Status"
          placeholder="Any status"
          options={statuses}
          value={view.status}
          onChange={(status) => update({ status })}
        />
        {mayListUsers ? (
          <MultiSelect
            label="Author"
            placeholder="Anyone"
            options={authorOptions}
            value={view.authors}
            onChange={(ids) => update({ authors: ids, mine: false })}
          />
        ) : null}
        <SingleSelect
          label="Category"
          placeholder="Any category"
          options={categories}
          value={view.category}
          onChange={(category) => update({ category })}
        />
        <MultiSelect
          label="Tags (any)"
          placeholder="Any tags"
          options={tags}
          value={view.tags}
          onChange={(ids) => update({ tags: ids })}
        />
        <SingleSelect
          label="Schedule"
          placeholder="Any schedule"
          options={SCHEDULED}
          value={view.scheduled === null ? null : view.scheduled ? 'yes' : 'no'}
          onChange={(v) => update({ scheduled: v === null ? null : v === 'yes' })}
        />
      </div>
      <div className="list-filter-row">
        {mayListUsers ? null : (
          <ToggleFilter
            label="Mine only"
            isSelected={view.mine}
            onChange={(mine) => update({ mine, authors: [] })}
          />
        )}
        <ToggleFilter
          label="Trash"
          isSelected={view.trashed}
          onChange={(trashed) => update({ trashed })}
        />
        <Disclosure className="list-dates" defaultExpanded={dates}>
          <Heading level={2} className="list-dates-heading">
            <AriaButton slot="trigger" className="btn btn-ghost btn-sm">
              <span aria-hidden="true" className="list-chevron" />
              Dates{dates ? ' (set)' : ''}
            </AriaButton>
          </Heading>
          <DisclosurePanel className="list-dates-panel">
            <DateRangeFilter
              label="Created"
              value={view.created}
              onChange={(created) => update({ created })}
            />
            <DateRangeFilter
              label="Updated"
              value={view.updated}
              onChange={(updated) => update({ updated })}
            />
            <DateRangeFilter
              label="Published"
              value={view.published}
              onChange={(published) => update({ published })}
            />
          </DisclosurePanel>
        </Disclosure>
        <span className="list-spacer" />
        {active ? (
          <Button size="sm" variant="ghost" onPress={() => update(clearFilters(view))}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
});
