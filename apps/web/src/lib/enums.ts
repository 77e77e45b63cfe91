import type {
  Channel,
  CiClass,
  CiEvent,
  CiRelationKind,
  CiStatus,
  Entity,
  Group,
  LinkKind,
  PendingReason,
  Queue,
  Role,
  Site,
  SlaClockState,
  SlaKind,
  SlaMetric,
  Ticket,
  TicketSla,
  TicketStatus,
  TicketType,
  WeeklyHours,
} from '@guichet/contracts';

/**
 * The enum values the screens offer. They are restated here (not read from the zod schemas) so the
 * SPA imports only types from @guichet/contracts and zod stays out of the bundle; the
 * `Exhaustive` checks make tsc fail when the contracts gain or lose a value.
 */
type Exhaustive<Union, List extends readonly unknown[]> = [Exclude<Union, List[number]>] extends [never]
  ? List
  : never;
const exhaustive =
  <Union>() =>
  <const List extends readonly Union[]>(list: Exhaustive<Union, List>) =>
    list;

export const ticketStatuses = exhaustive<TicketStatus>()([
  'new',
  'assigned',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'cancelled',
]);
export const openStatuses: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'pending'];
export const ticketTypes = exhaustive<TicketType>()(['incident', 'request']);
export const channels = exhaustive<Channel>()(['phone', 'portal', 'email', 'walk_in']);
export const pendingReasons = exhaustive<PendingReason>()(['requester', 'third_party', 'change', 'other']);

export type ResolutionCode = NonNullable<Ticket['resolutionCode']>;
export const resolutionCodes = exhaustive<ResolutionCode>()([
  'solved',
  'workaround',
  'solved_remotely',
  'not_reproducible',
  'duplicate',
  'user_error',
  'cancelled_by_requester',
]);
export const linkKinds = exhaustive<LinkKind>()([
  'parent',
  'child',
  'duplicate_of',
  'duplicated_by',
  'related',
]);
export const queues = exhaustive<Queue>()(['mine', 'my_groups', 'unassigned', 'all']);
export const levels = [1, 2, 3] as const;
export const priorities = [1, 2, 3, 4, 5] as const;
export const roles = exhaustive<Role>()(['requester', 'agent', 'coordinator', 'admin', 'observer']);
export type EntityKind = Entity['kind'];
export const entityKinds = exhaustive<EntityKind>()(['metropolis', 'commune', 'service']);
export type SiteKind = Site['kind'];
export const siteKinds = exhaustive<SiteKind>()([
  'town_hall',
  'school',
  'library',
  'depot',
  'office',
  'sports',
  'cultural',
  'social',
  'technical',
]);
export type GroupKind = Group['kind'];
export const groupKinds = exhaustive<GroupKind>()(['service_desk', 'local_support', 'experts', 'contractor']);

/** The status state machine, as the server enforces it (apps/server ticket.lifecycle.ts). */
export const nextStatuses: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned', 'in_progress', 'pending', 'resolved', 'cancelled'],
  assigned: ['new', 'in_progress', 'pending', 'resolved', 'cancelled'],
  in_progress: ['assigned', 'pending', 'resolved', 'cancelled'],
  pending: ['assigned', 'in_progress', 'resolved', 'cancelled'],
  resolved: ['closed', 'in_progress', 'assigned'],
  closed: [],
  cancelled: [],
};

export const slaKinds = exhaustive<SlaKind>()(['sla', 'ola', 'uc']);
export const slaMetrics = exhaustive<SlaMetric>()(['response', 'resolution']);
export const slaClockStates = exhaustive<SlaClockState>()(['ok', 'warning', 'breached', 'paused']);
export type TicketSlaEventKind = TicketSla['history'][number]['kind'];
export const ticketSlaEventKinds = exhaustive<TicketSlaEventKind>()([
  'started',
  'paused',
  'resumed',
  'recalculated',
  'warning',
  'breached',
  'escalated',
  'met',
  'missed',
]);
/** Monday "1" … Sunday "7", as business calendars store them. */
export type Weekday = keyof WeeklyHours & string;
export const weekdays = exhaustive<Weekday>()(['1', '2', '3', '4', '5', '6', '7']);

export const ciClasses = exhaustive<CiClass>()([
  'information_system',
  'application',
  'server',
  'workstation',
  'laptop',
  'printer',
  'phone',
  'network_device',
  'network_link',
  'site',
]);
export const ciStatuses = exhaustive<CiStatus>()(['ordered', 'in_stock', 'deployed', 'in_repair', 'retired']);
export const ciRelationKinds = exhaustive<CiRelationKind>()([
  'runs_on',
  'depends_on',
  'connected_to',
  'located_at',
  'used_by',
  'part_of',
]);
export type CiEventKind = CiEvent['kind'];
export const ciEventKinds = exhaustive<CiEventKind>()([
  'created',
  'updated',
  'related',
  'unrelated',
  'linked_ticket',
  'unlinked_ticket',
]);
