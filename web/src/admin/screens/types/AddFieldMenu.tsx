// "Add field": a menu of the kinds, each with what it holds.
import { Menu, MenuItem, MenuTrigger, Popover, Text } from 'react-aria-components';

import type { FieldKind } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { KINDS } from './draft';

export function AddFieldMenu({ onAdd }: { onAdd(kind: FieldKind): void }) {
  return (
    <MenuTrigger>
      <Button className="tb-add-field">
        Add field <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover" placement="bottom start">
        <Menu
          className="tb-menu"
          aria-label="Kind of field to add"
          items={KINDS.map((k) => ({ ...k, id: k.kind }))}
          onAction={(key) => onAdd(key as FieldKind)}
        >
          {(item) => (
            <MenuItem id={item.id} textValue={item.label} className="tb-menu-item">
              <Text slot="label">{item.label}</Text>
              <Text slot="description" className="tb-kind-hint">
                {item.hint}
              </Text>
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
