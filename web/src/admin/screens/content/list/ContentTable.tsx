// The rows: a React Aria table (grid keyboard navigation, multiple
// selection, sortable headers). Row items keep their identity while their
// cached data does, so React Aria re-renders only rows that changed.
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import {
  Cell,
  Collection,
  Column,
  Row as AriaRow,
  Table,
  TableBody,
  TableHeader,
  type Selection,
  type SortDescriptor,
} from 'react-aria-components';

import type { ContentOrderField, OrderDirection } from '../../../gql/graphql';
import { CheckMark, SelectionCheckbox } from '../../../ui/SelectionCheckbox';
import { cellContent, type CellColumn } from './cells';
import { OPTIONAL_COLUMNS, type ColumnId } from './columns';
import type { Row } from './live';
import { markRendered } from './perf';

interface ColumnDef {
  id: CellColumn;
  name: string;
  sort?: ContentOrderField;
}

const SORT_KEYS: Partial<Record<CellColumn, ContentOrderField>> = {
  title: 'TITLE',
  updated: 'UPDATED_AT',
  created: 'CREATED_AT',
  published: 'PUBLISHED_AT',
};

interface Item {
  id: string;
  row: Row;
  live: boolean;
}

/** One item object per cached row object: same row, same item, no re-render. */
const items = new WeakMap<Row, Item>();
function itemOf(row: Row, live: boolean): Item {
  if (live) return { id: row.id, row, live };
  let item = items.get(row);
  if (!item) {
    item = { id: row.id, row, live: false };
    items.set(row, item);
  }
  return item;
}

/**
 * A row's check mark, drawn from the row's own state (`aria-selected`,
 * `data-selected`). Not a control of its own: the row is the selectable
 * item (click or Space toggles it, as React Aria's toggle selection does),
 * and 50 extra checkbox widgets cost a third of the table's render time.
 */
function RowCheck() {
  return (
    <span className="check-mark list-row-check" aria-hidden="true">
      <CheckMark />
    </span>
  );
}

export interface ContentTableProps {
  /** The query result the rows come from (identity: one render measure per page). */
  page: object;
  rows: readonly Row[];
  columns: readonly ColumnId[];
  sort: ContentOrderField;
  direction: OrderDirection;
  onSort(field: ContentOrderField, direction: OrderDirection): void;
  selected: Selection;
  onSelectedChange(selection: Selection): void;
  highlighted: ReadonlySet<string>;
  label: string;
  /** On a type's own list every row has that type: its column says nothing. */
  hideType: boolean;
}

/** Memoised: the screen re-renders for many reasons the rows do not care about. */
export const ContentTable = memo(function ContentTable({
  page,
  rows,
  columns,
  sort,
  direction,
  onSort,
  selected,
  onSelectedChange,
  highlighted,
  label,
  hideType,
}: ContentTableProps) {
  const ref = useRef<HTMLTableElement>(null);
  const defs = useMemo<ColumnDef[]>(
    () => [
      { id: 'title', name: 'Title', sort: 'TITLE' },
      ...OPTIONAL_COLUMNS.filter(
        (c) => columns.includes(c.id) && !(hideType && c.id === 'type'),
      ).map((c) => ({
        id: c.id,
        name: c.name,
        sort: SORT_KEYS[c.id],
      })),
    ],
    [columns, hideType],
  );
  const list = useMemo(
    () => rows.map((r) => itemOf(r, highlighted.has(r.id))),
    [rows, highlighted],
  );
  const sortColumn = (Object.keys(SORT_KEYS) as CellColumn[]).find((k) => SORT_KEYS[k] === sort);
  const descriptor = useMemo<SortDescriptor | undefined>(
    () =>
      sortColumn
        ? { column: sortColumn, direction: direction === 'ASC' ? 'ascending' : 'descending' }
        : undefined,
    [sortColumn, direction],
  );

  // Runs after every commit; measures once this page's rows are in the DOM.
  useLayoutEffect(() => markRendered(page, ref.current, rows.length), [page, rows.length]);

  return (
    <div className="list-table-scroll">
      <Table
        ref={ref}
        aria-label={label}
        className="list-table"
        selectionMode="multiple"
        selectedKeys={selected}
        onSelectionChange={onSelectedChange}
        sortDescriptor={descriptor}
        onSortChange={(d) => {
          const field = SORT_KEYS[d.column as CellColumn];
          if (field) onSort(field, d.direction === 'ascending' ? 'ASC' : 'DESC');
        }}
      >
        <TableHeader className="list-head">
          <Column className="list-col-select" width={40}>
            <SelectionCheckbox />
          </Column>
          <Collection items={defs}>
            {(def) => (
              <Column
                id={def.id}
                isRowHeader={def.id === 'title'}
                allowsSorting={def.sort !== undefined}
                className={`list-col list-col-${def.id}`}
              >
                {({ allowsSorting, sortDirection }) => (
                  <span className="list-col-label">
                    {def.name}
                    {allowsSorting ? (
                      <span aria-hidden="true" className="list-sort-indicator">
                        {sortDirection === 'ascending'
                          ? '▲'
                          : sortDirection === 'descending'
                            ? '▼'
                            : ''}
                      </span>
                    ) : null}
                  </span>
                )}
              </Column>
            )}
          </Collection>
        </TableHeader>
        <TableBody items={list} dependencies={[defs]}>
          {(item) => (
            <AriaRow id={item.id} className={item.live ? 'list-row list-row-live' : 'list-row'}>
              <Cell className="list-cell-select">
                <RowCheck />
              </Cell>
              {defs.map((def) => (
                <Cell key={def.id} className={`list-cell list-cell-${def.id}`}>
                  {cellContent(def.id, item.row)}
                </Cell>
              ))}
            </AriaRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
});
