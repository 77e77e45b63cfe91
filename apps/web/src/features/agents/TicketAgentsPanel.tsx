import { Stack } from '@mantine/core';
import { useTicketItems } from '../cmdb/api';
import { ItemAgentPanel } from './ItemAgentPanel';

/**
 * On a ticket: the agent panel of each workstation among its items, so the technician opens a
 * terminal or a diagnostic from the ticket (and it is recorded in the ticket's history).
 */
export function TicketAgentsPanel({ number }: { number: string }) {
  const items = useTicketItems(number);
  const machines = (items.data ?? []).filter((i) => i.class === 'workstation' || i.class === 'laptop');
  if (machines.length === 0) return null;
  return (
    <Stack gap="md">
      {machines.map((m) => (
        <ItemAgentPanel key={m.id} ciId={m.id} ticketNumber={number} />
      ))}
    </Stack>
  );
}
