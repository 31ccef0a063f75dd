// Placeholder: built out in its own change.
import { Page } from '../../ui/Page';

export default function Dashboard() {
  return <Page title="Dashboard">Coming soon.</Page>;
}
