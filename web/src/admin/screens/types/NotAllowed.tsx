// What the types screens show to someone who may not change types (an
// address typed by hand: the navigation does not offer them).
import { ButtonLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState } from '../../ui/States';

export function NotAllowed() {
  return (
    <Page title="Content types">
      <EmptyState title="Your role may not create or change content types.">
        <p>An administrator can change them, or give your role the content_types.manage permission.</p>
        <ButtonLink href="/admin">Go to the dashboard</ButtonLink>
      </EmptyState>
    </Page>
  );
}
