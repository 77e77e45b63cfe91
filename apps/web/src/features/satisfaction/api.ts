import type { SatisfactionInput, TicketSatisfaction } from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { ticketKeys } from '../tickets/keys';

const path = (number: string) => `/tickets/${encodeURIComponent(number)}/satisfaction`;
export const satisfactionKey = (number: string) => ['ticket', number, 'satisfaction'] as const;

/** The ticket's survey: the answer, and whether the caller may give or change it now. */
export function useTicketSatisfaction(number: string, enabled: boolean) {
  return useQuery({
    queryKey: satisfactionKey(number),
    queryFn: ({ signal }) => api.get<TicketSatisfaction>(path(number), undefined, { signal }),
    enabled,
  });
}

export function useAnswerSatisfaction(number: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SatisfactionInput) => api.put<TicketSatisfaction>(path(number), input),
    onSuccess: (data) => {
      qc.setQueryData(satisfactionKey(number), data);
      // the score is a line of the ticket's history
      void qc.invalidateQueries({ queryKey: ticketKeys.events(number) });
    },
  });
}
