import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { AgentsTab } from '../agents/AgentsTab';
import { CalendarsTab } from '../slas/CalendarsTab';
import { PoliciesTab } from '../slas/PoliciesTab';
import { CategoriesTab } from './CategoriesTab';
import { EntitiesTab } from './EntitiesTab';
import { GroupsTab } from './GroupsTab';
import { PeopleTab } from './PeopleTab';
import { RolesTab } from './RolesTab';
import { SettingsTab } from './SettingsTab';
import { SitesTab } from './SitesTab';
import { WebhooksTab } from './WebhooksTab';

const tabs = [
  'entities',
  'sites',
  'people',
  'groups',
  'roles',
  'categories',
  'settings',
  'calendars',
  'slas',
  'webhooks',
  'agents',
] as const;
type AdminTab = (typeof tabs)[number];
const isTab = (v: string | null | undefined): v is AdminTab => (tabs as readonly string[]).includes(v ?? '');

const panels: Record<AdminTab, () => React.ReactNode> = {
  entities: () => <EntitiesTab />,
  sites: () => <SitesTab />,
  people: () => <PeopleTab />,
  groups: () => <GroupsTab />,
  roles: () => <RolesTab />,
  categories: () => <CategoriesTab />,
  settings: () => <SettingsTab />,
  calendars: () => <CalendarsTab />,
  slas: () => <PoliciesTab />,
  webhooks: () => <WebhooksTab />,
  agents: () => <AgentsTab />,
};

/** Administration: the directory (entities, sites, people, groups, roles), categories and settings. */
export function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const param = useParams().tab;
  const tab: AdminTab = isTab(param) ? param : 'entities';
  // the webhooks feature keeps its texts under its own key
  const tabLabel = (tb: AdminTab) =>
    tb === 'webhooks' ? t('webhooks.tab') : tb === 'agents' ? t('agents.tab') : t(`admin.tab.${tb}`);

  return (
    <Stack gap="md">
      <PageTitle documentTitle={`${tabLabel(tab)} – ${t('admin.title')}`}>{t('admin.title')}</PageTitle>
      <Tabs value={tab} onChange={(v) => isTab(v) && navigate(`/admin/${v}`)}>
        <Tabs.List aria-label={t('admin.sections')}>
          {tabs.map((tb) => (
            <Tabs.Tab key={tb} value={tb}>
              {tabLabel(tb)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tb) => (
          <Tabs.Panel key={tb} value={tb} pt="md">
            {tb === tab && panels[tb]()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
