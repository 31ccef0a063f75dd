// Placeholder: built out in its own change.
import { Page } from '../../ui/Page';

export default function History() {
  return <Page title="History">Coming soon.</Page>;
}
