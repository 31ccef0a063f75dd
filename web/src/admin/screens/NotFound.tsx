// A path the admin does not know.
import { TextLink } from '../ui/Button';
import { Page } from '../ui/Page';

export default function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        Nothing lives at this address. <TextLink href="/admin">Go to the dashboard</TextLink>.
      </p>
    </Page>
  );
}
