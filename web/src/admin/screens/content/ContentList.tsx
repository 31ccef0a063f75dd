// Placeholder: built out in its own change.
import { Page } from '../../ui/Page';

export default function ContentList() {
  return <Page title="ContentList">Coming soon.</Page>;
}
