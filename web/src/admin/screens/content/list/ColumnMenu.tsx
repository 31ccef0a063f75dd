// The column chooser: a menu of checkboxes (React Aria Menu with multiple
// selection), remembered per browser by `useColumns`.
import { Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';

import { Button } from '../../../ui/Button';
import { OPTIONAL_COLUMNS, type ColumnId } from './columns';

export function ColumnMenu({
  columns,
  onChange,
}: {
  columns: readonly ColumnId[];
  onChange(columns: Iterable<unknown>): void;
}) {
  return (
    <MenuTrigger>
      <Button size="sm">
        Columns <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover popover-fit" placement="bottom end">
        <Menu
          className="list-menu"
          aria-label="Columns to show"
          selectionMode="multiple"
          selectedKeys={columns}
          onSelectionChange={(keys) =>
            onChange(keys === 'all' ? OPTIONAL_COLUMNS.map((c) => c.id) : keys)
          }
          items={OPTIONAL_COLUMNS}
        >
          {(column) => (
            <MenuItem id={column.id} className="list-menu-item">
              {({ isSelected }) => (
                <>
                  <span className="list-menu-check" aria-hidden="true">
                    {isSelected ? '✓' : ''}
                  </span>
                  {column.name}
                </>
              )}
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
