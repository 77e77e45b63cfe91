import type { Category, Entity, Group, Person, Settings, Site } from '@guichet/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RoleAssignment {
  id: number;
  person: { id: number; name: string };
  role: 'requester' | 'agent' | 'coordinator' | 'admin' | 'observer';
  entity: { id: number; name: string };
  includeDescendants: boolean;
}

export interface MovePreview {
  people: { id: number; name: string; from: { id: number; name: string }; openTickets: number }[];
  to: { id: number; name: string };
  openTickets: number;
}

export interface MoveBody {
  personIds: number[];
  toEntityId: number;
  toSiteId?: number | null;
  openTickets: 'follow' | 'stay';
}

export const directoryKeys = {
  entities: ['entities'] as const,
  groups: ['groups'] as const,
  categories: ['categories'] as const,
  settings: ['settings'] as const,
  sites: (params: object) => ['sites', params] as const,
  people: (params: object) => ['people', params] as const,
  person: (id: number) => ['person', id] as const,
  roles: (personId: number) => ['roles', personId] as const,
};

// reference data changes rarely: cache it for a few minutes
const REFERENCE_STALE = 5 * 60_000;

export const useEntities = (enabled = true) =>
  useQuery({
    queryKey: directoryKeys.entities,
    queryFn: ({ signal }) => api.get<Entity[]>('/entities', undefined, { signal }),
    staleTime: REFERENCE_STALE,
    enabled,
  });

export const useGroups = (enabled = true) =>
  useQuery({
    queryKey: directoryKeys.groups,
    queryFn: ({ signal }) => api.get<Group[]>('/groups', undefined, { signal }),
    staleTime: REFERENCE_STALE,
    enabled,
  });

export const useCategories = (enabled = true) =>
  useQuery({
    queryKey: directoryKeys.categories,
    queryFn: ({ signal }) => api.get<Category[]>('/categories', undefined, { signal }),
    staleTime: REFERENCE_STALE,
    enabled,
  });

export const useSettings = (enabled = true) =>
  useQuery({
    queryKey: directoryKeys.settings,
    queryFn: ({ signal }) => api.get<Settings>('/settings', undefined, { signal }),
    staleTime: REFERENCE_STALE,
    enabled,
  });

/** Sites of one entity (or a search), first 200: enough for a select. */
export const useSites = (params: { entity?: number; q?: string }, enabled = true) =>
  useQuery({
    queryKey: directoryKeys.sites({ ...params, limit: 200 }),
    queryFn: ({ signal }) => api.get<Page<Site>>('/sites', { ...params, limit: 200 }, { signal }),
    staleTime: REFERENCE_STALE,
    enabled,
    placeholderData: keepPreviousData,
  });

export const useSitePages = (params: { entity?: number; q?: string }) =>
  useInfiniteQuery({
    queryKey: ['sites', 'pages', params],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Site>>('/sites', { ...params, limit: 50, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

/** People search (name, e-mail or phone digits). */
export const usePeopleSearch = (params: { q?: string; entity?: number; limit?: number }, enabled = true) =>
  useQuery({
    queryKey: directoryKeys.people(params),
    queryFn: ({ signal }) => api.get<Page<Person>>('/people', params, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

export const usePeoplePages = (params: { q?: string; entity?: number }) =>
  useInfiniteQuery({
    queryKey: ['people', 'pages', params],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Person>>('/people', { ...params, limit: 50, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useRoles = (personId: number | null) =>
  useQuery({
    queryKey: directoryKeys.roles(personId ?? 0),
    queryFn: ({ signal }) => api.get<RoleAssignment[]>('/roles', { person: personId }, { signal }),
    enabled: personId !== null,
  });

/** A directory write; on success the listed query prefixes are refetched. */
export function useDirectoryMutation<V, R = unknown>(
  write: (vars: V) => Promise<R>,
  invalidate: readonly (readonly unknown[])[],
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      for (const key of invalidate) void qc.invalidateQueries({ queryKey: key });
    },
  });
}

/** Entities in tree order (parents before children, siblings by name), for selects and trees. */
export function entityTreeOrder(entities: readonly Entity[]): Entity[] {
  const children = new Map<number | null, Entity[]>();
  for (const e of entities) {
    const list = children.get(e.parentId) ?? [];
    list.push(e);
    children.set(e.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const ids = new Set(entities.map((e) => e.id));
  const out: Entity[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const e of children.get(parent) ?? []) {
      out.push({ ...e, depth });
      walk(e.id, depth + 1);
    }
  };
  // roots: no parent, or a parent outside what this person may see
  const roots = entities.filter((e) => e.parentId === null || !ids.has(e.parentId));
  for (const r of roots.sort((a, b) => a.name.localeCompare(b.name, 'fr'))) {
    out.push({ ...r, depth: 0 });
    walk(r.id, 1);
  }
  return out;
}

/** Categories in tree order with their depth. */
export function categoryTreeOrder(categories: readonly Category[], lng: 'fr' | 'en') {
  const label = (c: Category) => (lng === 'en' ? c.nameEn || c.name : c.name);
  const children = new Map<number | null, Category[]>();
  for (const c of categories) {
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => label(a).localeCompare(label(b), lng));
  const ids = new Set(categories.map((c) => c.id));
  const out: { category: Category; depth: number; label: string }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ category: c, depth, label: label(c) });
      walk(c.id, depth + 1);
    }
  };
  for (const r of categories.filter((c) => c.parentId === null || !ids.has(c.parentId))) {
    out.push({ category: r, depth: 0, label: label(r) });
    walk(r.id, 1);
  }
  return out;
}

/** Indents an option label by depth (native <option>s cannot hold markup). */
export const indent = (depth: number, text: string) =>
  `${'\u00a0\u00a0'.repeat(depth)}${depth > 0 ? '› ' : ''}${text}`;

export type { Category, Entity, Group, Person, Site };
