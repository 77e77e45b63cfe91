import type { TicketSla } from '@guichet/contracts';
import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ticketSlaEventKinds } from '../../lib/enums';
import { useFormat } from '../../lib/format';

type Entry = TicketSla['history'][number];

/** The detail of one history entry in words: "75 %", "P3 → P2", "groupe Experts N3". */
function detailText(t: TFunction, detail: Entry['detail']): string {
  const parts: string[] = [];
  if (typeof detail.percent === 'number') parts.push(t('slas.history.percent', { percent: detail.percent }));
  const priority = detail.priority as { from?: unknown; to?: unknown } | undefined;
  if (priority && typeof priority === 'object' && 'to' in priority) {
    parts.push(
      t('slas.history.priority', { from: String(priority.from ?? '?'), to: String(priority.to ?? '?') }),
    );
  }
  if (typeof detail.group === 'string') parts.push(t('slas.history.group', { group: detail.group }));
  if (typeof detail.reason === 'string') parts.push(String(detail.reason));
  return parts.join(' · ');
}

/** A clock's history, oldest first, behind a disclosure ("Historique (4)"). */
export function SlaHistory({ history, name }: { history: Entry[]; name: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (history.length === 0) return null;
  return (
    <details>
      <summary>
        <Text span size="sm">
          {t('slas.panel.history', { count: history.length, name })}
        </Text>
      </summary>
      <ol className="sla-history">
        {history.map((h, i) => {
          const detail = detailText(t, h.detail);
          const known = (ticketSlaEventKinds as readonly string[]).includes(h.kind);
          return (
            // the history is append-only: its order is stable
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id
            <li key={i}>
              <Text span size="sm">
                <time dateTime={h.at}>{f.dateTime(h.at)}</time> – {known ? t(`slas.event.${h.kind}`) : h.kind}
                {detail && ` (${detail})`}
              </Text>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
