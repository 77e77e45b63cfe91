import type { TicketEvent, TicketStatus } from '@guichet/contracts';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketStatuses } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { isRemoteEvent, RemoteTimelineLines, remoteHeadline } from '../remote/RemoteTimelineLines';
import type { NameLookup } from './lookups';

const isStatus = (v: unknown): v is TicketStatus =>
  typeof v === 'string' && (ticketStatuses as readonly string[]).includes(v);

/** Fields whose value is not worth repeating in the timeline: only "changed" is said. */
const longText = new Set(['description', 'resolutionNotes']);
const hidden = new Set(['resolvedAt', 'closedAt', 'version', 'updatedAt']);

type FieldKey =
  | 'status'
  | 'pendingReason'
  | 'assigneeId'
  | 'groupId'
  | 'impact'
  | 'urgency'
  | 'priority'
  | 'categoryId'
  | 'siteId'
  | 'resolutionCode'
  | 'resolutionNotes'
  | 'title'
  | 'description'
  | 'type'
  | 'channel'
  | 'entityId'
  | 'requesterId'
  | 'link'
  | 'attachment'
  | 'item';
const knownFields: readonly FieldKey[] = [
  'status',
  'pendingReason',
  'assigneeId',
  'groupId',
  'impact',
  'urgency',
  'priority',
  'categoryId',
  'siteId',
  'resolutionCode',
  'resolutionNotes',
  'title',
  'description',
  'type',
  'channel',
  'entityId',
  'requesterId',
  'link',
  'attachment',
  'item',
];
const isKnown = (f: string): f is FieldKey => (knownFields as readonly string[]).includes(f);

/** One value of a change, as a person reads it. */
function valueText(t: TFunction, names: NameLookup, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('timeline.none');
  const id = typeof v === 'number' ? v : Number.NaN;
  switch (field) {
    case 'status':
      return isStatus(v) ? t(`status.${v}`) : String(v);
    case 'pendingReason':
      return t(`pendingReason.${v as 'requester'}`, { defaultValue: String(v) });
    case 'resolutionCode':
      return t(`resolutionCode.${v as 'solved'}`, { defaultValue: String(v) });
    case 'impact':
      return t(`impact.${v as 1}`, { defaultValue: String(v) });
    case 'urgency':
      return t(`urgency.${v as 1}`, { defaultValue: String(v) });
    case 'priority':
      return `${t('priority.short', { p: v })} ${t(`priority.${v as 1}`, { defaultValue: '' })}`.trim();
    case 'type':
      return t(`ticketType.${v as 'incident'}`, { defaultValue: String(v) });
    case 'channel':
      return t(`channel.${v as 'phone'}`, { defaultValue: String(v) });
    case 'assigneeId':
    case 'requesterId':
      return names.person(id) ?? t('timeline.personNo', { id: String(v) });
    case 'groupId':
      return names.group(id) ?? t('timeline.idNo', { id: String(v) });
    case 'categoryId':
      return names.category(id) ?? t('timeline.idNo', { id: String(v) });
    case 'siteId':
      return names.site(id) ?? t('timeline.idNo', { id: String(v) });
    case 'link': {
      if (typeof v === 'object' && v && 'ticket' in v) {
        const link = v as { kind?: string; ticket?: string };
        return `${t(`linkKind.${(link.kind ?? 'related') as 'related'}`, { defaultValue: link.kind ?? '' })} ${link.ticket ?? ''}`;
      }
      return t('timeline.idNo', { id: String(v) });
    }
    case 'satisfaction':
      return t('satisfaction.historyValue', { score: String(v) });
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

function ChangeLines({ event, names }: { event: TicketEvent; names: NameLookup }) {
  const { t } = useTranslation();
  const entries = Object.entries(event.changes).filter(([field]) => !hidden.has(field));
  if (event.kind === 'created') {
    // "created" lists the initial status: say it once, plainly
    const status = event.changes.status?.to;
    return isStatus(status) ? (
      <Text size="sm">{t('timeline.createdAs', { status: t(`status.${status}`) })}</Text>
    ) : null;
  }
  if (entries.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {entries.map(([field, change]) => {
        const label =
          field === 'satisfaction'
            ? t('satisfaction.historyField')
            : isKnown(field)
              ? t(`field.${field}`)
              : field;
        if (field === 'attachment') {
          return <li key={field}>{t('timeline.attachment', { name: String(change.to ?? '') })}</li>;
        }
        if (field === 'link') {
          return (
            <li key={field}>
              {change.to
                ? t('timeline.linkAdded', { link: valueText(t, names, 'link', change.to) })
                : t('timeline.linkRemoved')}
            </li>
          );
        }
        if (longText.has(field)) {
          return <li key={field}>{t('timeline.changed', { field: label })}</li>;
        }
        // the server names what a change refers to by id; fall back to the directory lookups
        const named = event.labels[field];
        return (
          <li key={field}>
            {t('timeline.change', {
              field: label,
              from: named?.from ?? valueText(t, names, field, change.from),
              to: named?.to ?? valueText(t, names, field, change.to),
            })}
          </li>
        );
      })}
    </ul>
  );
}

/** The ticket's history, oldest first: creation, changes in words, replies and internal notes. */
export function Timeline({
  events,
  names,
  ticketBase,
}: {
  events: TicketEvent[];
  names: NameLookup;
  /** where links to other tickets point ("/desk/tickets" or "/portal/tickets") */
  ticketBase: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (events.length === 0) return <Text>{t('timeline.empty')}</Text>;
  return (
    <Stack component="ol" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {events.map((e) => {
        const actor = e.actor?.name ?? t('timeline.system');
        const internal = e.comment?.visibility === 'internal';
        const headline =
          e.kind === 'commented'
            ? internal
              ? t('timeline.kind.internalNote', { actor })
              : t('timeline.kind.commented', { actor })
            : isRemoteEvent(e)
              ? remoteHeadline(t, e, actor)
              : t(`timeline.kind.${e.kind as Exclude<TicketEvent['kind'], `remote_${string}`>}`, { actor });
        const linkTo =
          e.kind === 'linked' && typeof e.changes.link?.to === 'object' && e.changes.link.to
            ? (e.changes.link.to as { ticket?: string }).ticket
            : undefined;
        return (
          <li key={e.id} className="timeline-item">
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {headline}
              </Text>
              <Text size="sm" c="dimmed" component="time" dateTime={e.at}>
                {f.dateTime(e.at)}
              </Text>
              {internal && (
                <Badge color="yellow" tt="none">
                  {t('timeline.internalBadge')}
                </Badge>
              )}
            </Group>
            {isRemoteEvent(e) ? <RemoteTimelineLines event={e} /> : <ChangeLines event={e} names={names} />}
            {linkTo && (
              <Anchor component={Link} to={`${ticketBase}/${linkTo}`} size="sm">
                {t('timeline.openLinked', { number: linkTo })}
              </Anchor>
            )}
            {e.comment && (
              <div className="timeline-comment" data-internal={internal} style={{ marginTop: 4 }}>
                {e.comment.body}
              </div>
            )}
          </li>
        );
      })}
    </Stack>
  );
}
