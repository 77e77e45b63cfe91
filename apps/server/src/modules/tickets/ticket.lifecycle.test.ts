import type { TicketStatus } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { defaultPriorityMatrix, missingCells, priorityOf } from './priority.js';
import { allowedNext, canTransition, statusAfterAssignment, transitionProblem } from './ticket.lifecycle.js';

const all: TicketStatus[] = ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled'];

describe('ticket lifecycle', () => {
  it('follows new → assigned → in progress → pending → resolved → closed', () => {
    const path: TicketStatus[] = [
      'new',
      'assigned',
      'in_progress',
      'pending',
      'in_progress',
      'resolved',
      'closed',
    ];
    const steps = path.slice(1).map((to, i) => canTransition(path[i] ?? 'new', to));
    expect(steps.every(Boolean)).toBe(true);
  });

  it('never leaves closed or cancelled', () => {
    for (const to of all) {
      if (to !== 'closed') expect(canTransition('closed', to)).toBe(false);
      if (to !== 'cancelled') expect(canTransition('cancelled', to)).toBe(false);
    }
  });

  it('cannot close an open ticket without resolving it first, nor cancel a resolved one', () => {
    for (const open of ['new', 'assigned', 'in_progress', 'pending'] as const) {
      expect(canTransition(open, 'closed')).toBe(false);
      expect(canTransition(open, 'cancelled')).toBe(true);
    }
    expect(canTransition('resolved', 'cancelled')).toBe(false);
    expect(allowedNext('resolved')).toEqual(['closed', 'in_progress', 'assigned']);
  });

  it('requires a reason to wait, an assignee to be assigned and a code to resolve', () => {
    const base = { assigneeId: null, pendingReason: null, resolutionCode: null };
    expect(transitionProblem({ ...base, status: 'pending' })?.path).toBe('pendingReason');
    expect(transitionProblem({ ...base, status: 'assigned' })?.path).toBe('assigneeId');
    expect(transitionProblem({ ...base, status: 'resolved' })?.path).toBe('resolutionCode');
    expect(transitionProblem({ ...base, status: 'resolved', resolutionCode: 'solved' })).toBeNull();
  });

  it('moves new tickets to assigned when someone takes them, and back when unassigned', () => {
    expect(statusAfterAssignment('new', 7)).toBe('assigned');
    expect(statusAfterAssignment('assigned', null)).toBe('new');
    expect(statusAfterAssignment('in_progress', null)).toBe('in_progress');
  });
});

describe('priority matrix', () => {
  it('maps impact × urgency to priority, high impact and urgency being critical', () => {
    expect(priorityOf(defaultPriorityMatrix, 1, 1)).toBe(1);
    expect(priorityOf(defaultPriorityMatrix, 3, 3)).toBe(5);
    expect(priorityOf({ ...defaultPriorityMatrix, '2-2': 1 }, 2, 2)).toBe(1);
  });

  it('lists the cells a custom matrix forgets', () => {
    const { '1-1': _, ...partial } = defaultPriorityMatrix;
    expect(missingCells(partial)).toEqual(['1-1']);
  });
});
