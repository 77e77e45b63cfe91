import type { Ticket } from '@guichet/contracts';
import { useTicketSatisfaction } from './api';
import { SatisfactionResult } from './SatisfactionResult';
import { SatisfactionSurvey } from './SatisfactionSurvey';

/**
 * The ticket page's mount point for the resolution survey, once the ticket is resolved or closed:
 * the requester's form in the portal, the answer read-only in the desk.
 */
export function TicketSatisfaction({ ticket, staffView }: { ticket: Ticket; staffView: boolean }) {
  const surveyed = ticket.status === 'resolved' || ticket.status === 'closed';
  // refetched when the ticket changes (resolved again: a new change window)
  const survey = useTicketSatisfaction(ticket.number, surveyed);
  if (!surveyed || !survey.data) return null;
  if (staffView) return <SatisfactionResult survey={survey.data} />;
  return (
    <SatisfactionSurvey
      key={`${ticket.number}-${ticket.resolvedAt ?? ''}`}
      number={ticket.number}
      survey={survey.data}
    />
  );
}
