// Placeholder: built out in its own change.
import { Page } from '../../ui/Page';

export default function ContentEditor() {
  return <Page title="ContentEditor">Coming soon.</Page>;
}
