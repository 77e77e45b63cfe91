import type { TicketListParams } from './api';

/** TanStack Query keys for tickets; the live stream invalidates by these prefixes. */
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (params: TicketListParams) => ['tickets', 'list', params] as const,
  counts: () => ['tickets', 'counts'] as const,
  detail: (number: string) => ['ticket', number] as const,
  events: (number: string) => ['ticket', number, 'events'] as const,
};
