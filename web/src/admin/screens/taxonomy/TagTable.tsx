// The tags as a React Aria table: sortable columns, rows chosen with their
// check boxes (for a merge), and each row's rename and delete buttons.
import { useMemo, useState } from 'react';
import {
  Cell,
  Column,
  Row,
  Table,
  TableBody,
  TableHeader,
  type Selection,
  type SortDescriptor,
} from 'react-aria-components';

import { Button } from '../../ui/Button';
import { SelectionCheckbox } from '../../ui/SelectionCheckbox';
import { items } from './format';
import type { Tag } from './TagDialogs';

type SortColumn = 'name' | 'slug' | 'usageCount';

const compare = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

export function TagTable({
  tags,
  selected,
  onSelectedChange,
  onRename,
  onDelete,
  emptyMessage,
}: {
  tags: readonly Tag[];
  selected: Selection;
  onSelectedChange(selection: Selection): void;
  onRename(tag: Tag): void;
  onDelete(tag: Tag): void;
  emptyMessage: string;
}) {
  const [sort, setSort] = useState<SortDescriptor>({ column: 'name', direction: 'ascending' });
  const rows = useMemo(() => {
    const column = sort.column as SortColumn;
    const sign = sort.direction === 'descending' ? -1 : 1;
    return [...tags].sort(
      (a, b) =>
        sign *
        (column === 'usageCount'
          ? a.usageCount - b.usageCount || compare(a.name, b.name)
          : compare(a[column], b[column])),
    );
  }, [tags, sort]);

  return (
    <div className="tx-table-scroll">
      <Table
        aria-label="Tags"
        className="table tx-table"
        selectionMode="multiple"
        selectedKeys={selected}
        onSelectionChange={onSelectedChange}
        sortDescriptor={sort}
        onSortChange={setSort}
      >
        <TableHeader>
          <Column className="tx-col-check">
            <SelectionCheckbox />
          </Column>
          <Column id="name" isRowHeader allowsSorting className="tx-col-sort">
            {({ sortDirection }) => <SortLabel label="Name" direction={sortDirection} />}
          </Column>
          <Column id="slug" allowsSorting className="tx-col-sort">
            {({ sortDirection }) => <SortLabel label="Slug" direction={sortDirection} />}
          </Column>
          <Column id="usageCount" allowsSorting className="tx-col-sort tx-col-count">
            {({ sortDirection }) => <SortLabel label="Used by" direction={sortDirection} />}
          </Column>
          <Column className="tx-col-actions">
            <span className="visually-hidden">Actions</span>
          </Column>
        </TableHeader>
        <TableBody items={rows} renderEmptyState={() => <p className="tx-empty">{emptyMessage}</p>}>
          {(tag) => (
            <Row id={tag.id} className="tx-table-row">
              <Cell>
                <SelectionCheckbox />
              </Cell>
              <Cell className="tx-tag-name">{tag.name}</Cell>
              <Cell>
                <code className="tx-slug">{tag.slug}</code>
              </Cell>
              <Cell className="tx-count">{items(tag.usageCount)}</Cell>
              <Cell className="tx-row-actions">
                <Button size="sm" variant="ghost" onPress={() => onRename(tag)} aria-label={`Rename ${tag.name}`}>
                  Rename
                </Button>
                <Button size="sm" variant="ghost" onPress={() => onDelete(tag)} aria-label={`Delete ${tag.name}`}>
                  Delete
                </Button>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

function SortLabel({
  label,
  direction,
}: {
  label: string;
  direction: 'ascending' | 'descending' | undefined;
}) {
  return (
    <span className="tx-sort">
      {label}
      <span aria-hidden="true" className="tx-sort-arrow">
        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
      </span>
    </span>
  );
}
