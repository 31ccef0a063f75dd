// Categories and tags (`/admin/taxonomy`), for holders of `taxonomy.manage`:
// the category tree beside the tag table.
// editor.css styles the shared Select the category dialogs use.
import '../../styles/editor.css';
import '../../styles/taxonomy.css';

import { useSession } from '../../session/session';
import { Page } from '../../ui/Page';
import { Notice } from '../../ui/States';
import { CategoryPanel } from './CategoryPanel';
import { TagPanel } from './TagPanel';

export default function Taxonomy() {
  const session = useSession();
  if (!session.can('taxonomy.manage')) {
    return (
      <Page title="Categories and tags">
        <Notice tone="warning">
          Managing categories and tags needs the taxonomy.manage permission.
        </Notice>
      </Page>
    );
  }
  return (
    <Page
      title="Categories and tags"
      subtitle="How items are sorted: one category from the tree, and any number of tags."
    >
      <div className="tx-panels">
        <CategoryPanel />
        <TagPanel />
      </div>
    </Page>
  );
}
