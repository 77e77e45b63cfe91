import type { TicketStatus } from '@guichet/contracts';

/** The status state machine: which status may follow which. */
const next: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned', 'in_progress', 'pending', 'resolved', 'cancelled'],
  assigned: ['new', 'in_progress', 'pending', 'resolved', 'cancelled'],
  in_progress: ['assigned', 'pending', 'resolved', 'cancelled'],
  pending: ['assigned', 'in_progress', 'resolved', 'cancelled'],
  // closed by the requester's confirmation (or later automatically); back to work on reopen
  resolved: ['closed', 'in_progress', 'assigned'],
  closed: [],
  cancelled: [],
};

export const canTransition = (from: TicketStatus, to: TicketStatus) => from === to || next[from].includes(to);
export const allowedNext = (from: TicketStatus) => next[from];

export interface LifecycleState {
  status: TicketStatus;
  assigneeId: number | null;
  pendingReason: string | null;
  resolutionCode: string | null;
}

/** What a transition requires of the ticket once the change is applied; null when valid. */
export function transitionProblem(to: LifecycleState): { path: string; message: string } | null {
  if (to.status === 'pending' && !to.pendingReason) {
    return { path: 'pendingReason', message: 'a pending ticket needs a reason' };
  }
  if (to.status === 'assigned' && !to.assigneeId) {
    return { path: 'assigneeId', message: 'an assigned ticket needs an assignee' };
  }
  if (to.status === 'resolved' && !to.resolutionCode) {
    return { path: 'resolutionCode', message: 'a resolved ticket needs a resolution code' };
  }
  return null;
}

/** The status implied by an assignment change when the caller did not set one. */
export function statusAfterAssignment(current: TicketStatus, assigneeId: number | null): TicketStatus {
  if (current === 'new' && assigneeId) return 'assigned';
  if (current === 'assigned' && !assigneeId) return 'new';
  return current;
}
