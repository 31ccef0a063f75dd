// The audit log's view in the URL (`?action=user.role_changed&from=2026-01-01&to=2026-01-31`)
// and its translation to the API's `AuditLogFilter`. Days are whole days in
// the user's time zone.
import { parseDate, type CalendarDate } from '@internationalized/date';

import type { AuditLogFilter } from '../../gql/graphql';
import { readPage, writePage, type Paged } from '../../ui/useUrlView';

export interface DayRange {
  start: CalendarDate;
  end: CalendarDate;
}

export interface AuditView extends Paged {
  actor: string | null;
  action: string;
  targetType: string;
  targetId: string;
  days: DayRange | null;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function day(value: string | null): CalendarDate | null {
  if (!value) return null;
  try {
    return parseDate(value);
  } catch {
    return null;
  }
}

export function readAuditView(params: URLSearchParams): AuditView {
  const actor = params.get('actor');
  const from = day(params.get('from'));
  const to = day(params.get('to'));
  return {
    actor: actor && UUID.test(actor) ? actor.toLowerCase() : null,
    action: params.get('action')?.trim() ?? '',
    targetType: params.get('targetType')?.trim() ?? '',
    targetId: params.get('targetId')?.trim() ?? '',
    days:
      from && to
        ? from.compare(to) <= 0
          ? { start: from, end: to }
          : { start: to, end: from }
        : null,
    ...readPage(params),
  };
}

export function writeAuditView(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.actor) params.set('actor', view.actor);
  if (view.action.trim()) params.set('action', view.action.trim());
  if (view.targetType.trim()) params.set('targetType', view.targetType.trim());
  if (view.targetId.trim()) params.set('targetId', view.targetId.trim());
  if (view.days) {
    params.set('from', view.days.start.toString());
    params.set('to', view.days.end.toString());
  }
  writePage(params, view);
  return params;
}

export function hasAuditFilters(view: AuditView): boolean {
  return (
    view.actor !== null ||
    view.action.trim() !== '' ||
    view.targetType.trim() !== '' ||
    view.targetId.trim() !== '' ||
    view.days !== null
  );
}

export const NO_AUDIT_FILTERS: Partial<AuditView> = {
  actor: null,
  action: '',
  targetType: '',
  targetId: '',
  days: null,
};

export function toAuditFilter(view: AuditView, timeZone: string): AuditLogFilter {
  return {
    actorId: view.actor ?? undefined,
    action: view.action.trim() || undefined,
    targetType: view.targetType.trim() || undefined,
    targetId: view.targetId.trim() || undefined,
    // `to` is exclusive: the day after the last one, at midnight.
    from: view.days ? view.days.start.toDate(timeZone).toISOString() : undefined,
    to: view.days ? view.days.end.add({ days: 1 }).toDate(timeZone).toISOString() : undefined,
  };
}
