/** Ticket templates by leaf category: what people report, in their words, and how it was fixed. */
import { appTemplates } from './templates.apps.js';
import { deviceTemplates } from './templates.devices.js';

/** Who takes the ticket when the service desk (N1) does not solve it itself. */
export type Route = 'desk' | 'onsite' | 'network' | 'apps' | 'systems' | 'servers';

/** One kind of problem: its title, what the requester writes (first person) and the fix. */
export type Case = readonly [title: string, detail: string, fix: string];

export interface TicketTemplate {
  category: string;
  type: 'incident' | 'request';
  /** share of the metropolis's tickets, relative */
  weight: number;
  /** weight factor for the communes' tickets (schools, civil registry…); 1 by default */
  communeFactor?: number;
  /** weight factor for the metropolis's tickets; 1 by default, 0 for what only communes do */
  metropolisFactor?: number;
  cases: readonly Case[];
  route: Route;
  /** chance a phone call of this kind is solved while the caller is on the line */
  firstContact: number;
  /** outages touching many people get a higher impact */
  wide?: boolean;
}

/**
 * Placeholders filled per ticket: {site}, {service}, {floor}, {room}, {software}, {app}, {weekday},
 * {colleague}, {n}.
 */
export const templates: readonly TicketTemplate[] = [...deviceTemplates, ...appTemplates];
