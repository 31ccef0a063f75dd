// Picks one version of those loaded, for one side of the comparison.
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';

import type { Version } from './VersionTable';

export function VersionSelect({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: Version[];
  value: number | undefined;
  onChange(version: number): void;
}) {
  return (
    <Select
      className="field version-select"
      selectedKey={value ?? null}
      onSelectionChange={(key) => {
        if (key !== null) onChange(Number(key));
      }}
    >
      <Label className="field-label">{label}</Label>
      <Button className="btn btn-secondary">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="history-popover">
        <ListBox className="history-listbox" items={versions.map((v) => ({ ...v, id: v.version }))}>
          {(v) => (
            <ListBoxItem
              id={v.version}
              className="history-option"
              textValue={`Version ${v.version}`}
            >
              Version {v.version} · {v.event}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
