// "My account" (`/admin/account`): the signed-in user's own settings, in
// tabs whose choice lives in the address (`?tab=security`), so a tab can be
// linked to and Back returns to the previous one.
import '../../styles/editor.css';
import '../../styles/account.css';

import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { useSearchParams } from 'react-router';

import { Page } from '../../ui/Page';
import { NotificationsPanel } from './NotificationsPanel';
import { PasswordPanel } from './PasswordPanel';
import { ProfilePanel } from './ProfilePanel';
import { SessionsPanel } from './SessionsPanel';
import { TwoFactorPanel } from './TwoFactorPanel';

const TABS = [
  { id: 'profile', label: 'Profile' },
  { id: 'security', label: 'Password and two-factor' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'notifications', label: 'Notifications' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function isTab(value: Key | null): value is TabId {
  return TABS.some((tab) => tab.id === value);
}

export default function Account() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const selected: TabId = isTab(requested) ? requested : 'profile';
  return (
    <Page title="My account" subtitle="Your profile, sign-in security, sessions and notifications.">
      <Tabs
        className="account-tabs"
        selectedKey={selected}
        onSelectionChange={(key) => {
          if (!isTab(key) || key === selected) return;
          setParams(key === 'profile' ? {} : { tab: key });
        }}
      >
        <TabList aria-label="Account settings" className="account-tab-list">
          {TABS.map((tab) => (
            <Tab key={tab.id} id={tab.id} className="account-tab">
              {tab.label}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="profile" className="account-tab-panel">
          <ProfilePanel />
        </TabPanel>
        {/* Kept mounted while another tab shows: backup codes are shown only
            once, and a glance at another tab must not lose them. */}
        <TabPanel id="security" className="account-tab-panel" shouldForceMount>
          <PasswordPanel />
          <TwoFactorPanel />
        </TabPanel>
        <TabPanel id="sessions" className="account-tab-panel">
          <SessionsPanel />
        </TabPanel>
        <TabPanel id="notifications" className="account-tab-panel">
          <NotificationsPanel />
        </TabPanel>
      </Tabs>
    </Page>
  );
}
