// Picks one version of those loaded, for one side of the comparison.
import { Select } from '../../ui/Select';
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
      label={label}
      items={versions.map((v) => ({ ...v, id: v.version, name: `Version ${v.version}` }))}
      value={value ?? null}
      onChange={(key) => {
        if (key !== null) onChange(Number(key));
      }}
      renderItem={(v) => `Version ${v.version} · ${v.event}`}
      className="field version-select"
      buttonClassName="btn btn-secondary"
      popoverClassName="history-popover"
      itemClassName="history-option"
    />
  );
}
