// What an entry acted on, as words and (where a screen shows it, and the
// caller may open that screen) a link.

const KINDS: Record<string, string> = {
  content: 'Item',
  user: 'User',
  content_type: 'Content type',
  media: 'Media file',
  media_folder: 'Media folder',
  category: 'Category',
  tag: 'Tag',
  api_key: 'API key',
  session: 'Session',
};

/** `content_type` → "Content type"; unknown kinds read as words too. */
export function kindLabel(type: string): string {
  const known = KINDS[type];
  if (known) return known;
  const words = type.replace(/[_.]/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown';
}

export interface TargetContext {
  can(permission: string): boolean;
  /** Content type id → API id (type pages are addressed by API id). */
  typeApiIds: ReadonlyMap<string, string>;
}

/** Where the target is shown, or null when no screen shows it (or the caller may not open it). */
export function targetHref(type: string, id: string, context: TargetContext): string | null {
  const path = encodeURIComponent(id);
  switch (type) {
    case 'content':
      // The editor itself says when an item is gone or hidden from the caller.
      return `/admin/items/${path}`;
    case 'user':
      return context.can('users.read') ? `/admin/users/${path}` : null;
    case 'content_type': {
      const apiId = context.typeApiIds.get(id);
      return apiId && context.can('content_types.manage')
        ? `/admin/types/${encodeURIComponent(apiId)}`
        : null;
    }
    case 'media':
    case 'media_folder':
      return context.can('media.upload') ? '/admin/media' : null;
    case 'category':
    case 'tag':
      return context.can('taxonomy.manage') ? '/admin/taxonomy' : null;
    case 'api_key':
      return context.can('api_keys.manage') ? '/admin/api-keys' : null;
    default:
      return null;
  }
}

/** Ids are long: the first block tells entries apart on screen. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/**
 * Actions and target kinds Vellum records, offered as suggestions (the
 * filters take any text: workflows add their own `content.<action>`).
 */
export const KNOWN_ACTIONS = [
  'api_key.created',
  'api_key.revoked',
  'auth.backup_codes_regenerated',
  'auth.email_verification_requested',
  'auth.email_verified',
  'auth.password_changed',
  'auth.password_reset',
  'auth.password_reset_requested',
  'auth.refresh_token_reused',
  'auth.session_revoked',
  'auth.sessions_revoked',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_up_taken_email',
  'auth.two_factor_disabled',
  'auth.two_factor_enabled',
  'auth.two_factor_failed',
  'auth.two_factor_reset',
  'category.created',
  'category.deleted',
  'category.updated',
  'content.created',
  'content.deleted',
  'content.restored',
  'content.schedule_failed',
  'content.scheduled',
  'content.updated',
  'content_type.created',
  'content_type.updated',
  'demo.seeded',
  'media.created',
  'media.deleted',
  'media.folder_created',
  'media.folder_deleted',
  'media.folder_updated',
  'media.moved',
  'media.restored',
  'media.updated',
  'media.uploaded',
  'tag.created',
  'tag.deleted',
  'tag.updated',
  'user.created',
  'user.deactivated',
  'user.invited',
  'user.reactivated',
  'user.role_changed',
  'user.signed_up',
  'user.updated',
];

export const KNOWN_TARGET_TYPES = Object.keys(KINDS);
