import type { Ticket } from '@guichet/contracts';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useCategories, useGroups, useSites } from '../directory/api';

/** Names for the ids the timeline carries (assignee, group, category, site), from the directory. */
export interface NameLookup {
  person: (id: number) => string | undefined;
  group: (id: number) => string | undefined;
  category: (id: number) => string | undefined;
  site: (id: number) => string | undefined;
}

export function useNameLookup(ticket: Ticket | undefined): NameLookup {
  const { user } = useSession();
  const { i18n } = useTranslation();
  const staff = Boolean(user?.isStaff);
  const groups = useGroups(staff);
  const categories = useCategories(Boolean(user));
  const sites = useSites({ entity: ticket?.entity.id }, staff && Boolean(ticket));

  const people = new Map<number, string>();
  const groupNames = new Map<number, string>();
  for (const g of groups.data ?? []) {
    groupNames.set(g.id, g.name);
    for (const m of g.members) people.set(m.id, m.name);
  }
  if (ticket?.assignee) people.set(ticket.assignee.id, ticket.assignee.name);
  if (ticket) people.set(ticket.requester.id, ticket.requester.name);
  if (ticket?.group) groupNames.set(ticket.group.id, ticket.group.name);
  if (user) people.set(user.id, user.name);

  const categoryNames = new Map<number, string>();
  for (const c of categories.data ?? []) {
    categoryNames.set(c.id, i18n.language === 'en' ? c.nameEn || c.name : c.name);
  }
  if (ticket?.category) categoryNames.set(ticket.category.id, ticket.category.name);
  const siteNames = new Map<number, string>();
  for (const s of sites.data?.items ?? []) siteNames.set(s.id, s.name);
  if (ticket?.site) siteNames.set(ticket.site.id, ticket.site.name);

  return {
    person: (id) => people.get(id),
    group: (id) => groupNames.get(id),
    category: (id) => categoryNames.get(id),
    site: (id) => siteNames.get(id),
  };
}
