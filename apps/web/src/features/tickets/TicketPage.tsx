import { Anchor, Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { isApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { TicketAgentsPanel } from '../agents/TicketAgentsPanel';
import { useCurrentUser } from '../auth/session';
import { TicketItemsPanel } from '../cmdb/TicketItemsPanel';
import { RemoteDeskPanel } from '../remote/RemoteDeskPanel';
import { RemotePortalInvite } from '../remote/RemotePortalInvite';
import { TicketSatisfaction } from '../satisfaction/TicketSatisfaction';
import { TicketSlaPanel } from '../slas/TicketSlaPanel';
import { useSlaAlerts } from '../slas/useSlaAlerts';
import { AttachmentsPanel } from './AttachmentsPanel';
import { useTicket, useTicketEvents } from './api';
import { LinksPanel } from './LinksPanel';
import { useNameLookup } from './lookups';
import { ReplyBox } from './ReplyBox';
import { ResolutionActions } from './ResolutionActions';
import { StatusActions } from './StatusActions';
import { TicketDetails } from './TicketDetails';
import { Timeline } from './Timeline';

/**
 * One ticket. In the desk (staff) it is the work screen; in the portal the requester reads the public
 * timeline, replies, confirms or reopens. What is offered follows `ticket.can` from the API.
 */
export function TicketPage({ mode }: { mode: 'desk' | 'portal' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useCurrentUser();
  const number = (useParams().number ?? '').toUpperCase();
  const ticket = useTicket(number);
  const events = useTicketEvents(number);
  const names = useNameLookup(ticket.data);
  // clocks crossing a threshold refresh the SLA panel (desk only: the clocks are staff data)
  useSlaAlerts(mode === 'desk' && me.isStaff);
  const ticketBase = mode === 'desk' ? '/desk/tickets' : '/portal/tickets';
  const back =
    mode === 'desk'
      ? { to: '/desk', label: t('ticket.backDesk') }
      : { to: '/portal', label: t('ticket.backPortal') };

  if (ticket.isPending) return <Loading />;
  if (ticket.error || !ticket.data) {
    const notFound = isApiError(ticket.error) && ticket.error.status === 404;
    return (
      <Stack>
        <PageTitle>{notFound ? t('ticket.notFound', { number }) : t('ticket.loadError')}</PageTitle>
        {!notFound && <ErrorAlert error={ticket.error} />}
        <Anchor component={Link} to={back.to}>
          {back.label}
        </Anchor>
      </Stack>
    );
  }

  const staffView = mode === 'desk' && me.isStaff;
  // in the portal everyone, staff included, acts as a requester: no editing there
  const tk = staffView ? ticket.data : { ...ticket.data, can: { ...ticket.data.can, update: false } };

  return (
    <Stack gap="md">
      <Anchor component={Link} to={back.to} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {back.label}
        </Group>
      </Anchor>
      <Stack gap={6}>
        <PageTitle documentTitle={`${tk.number} – ${tk.title}`}>
          <Text span inherit ff="monospace">
            {tk.number}
          </Text>{' '}
          {tk.title}
        </PageTitle>
        <Group gap="xs">
          <StatusBadge status={tk.status} />
          <PriorityBadge priority={tk.priority} />
          <Badge color="gray" tt="none">
            {t(`ticketType.${tk.type}`)}
          </Badge>
          {tk.status === 'pending' && tk.pendingReason && (
            <Text size="sm">
              {t('ticket.pendingBecause', { reason: t(`pendingReason.${tk.pendingReason}`) })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('ticket.openedOn', { date: f.dateTime(tk.createdAt), name: tk.requester.name })}
          </Text>
        </Group>
      </Stack>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Title order={2} fz="h4" mb="xs">
                {t('ticket.description')}
              </Title>
              <Text className="pre-wrap">{tk.description || t('ticket.noDescription')}</Text>
            </Paper>

            {tk.resolutionCode && (
              <Paper withBorder p="md">
                <Title order={2} fz="h4" mb="xs">
                  {t('ticket.resolution')}
                </Title>
                <Text fw={600}>{t(`resolutionCode.${tk.resolutionCode}`)}</Text>
                {tk.resolutionNotes && <Text className="pre-wrap">{tk.resolutionNotes}</Text>}
                {tk.resolvedAt && (
                  <Text size="sm" c="dimmed">
                    {t('ticket.resolvedOn', { date: f.dateTime(tk.resolvedAt) })}
                  </Text>
                )}
              </Paper>
            )}

            {!staffView && <RemotePortalInvite number={tk.number} />}
            <ResolutionActions ticket={tk} />
            <TicketSatisfaction ticket={tk} staffView={staffView} />
            {staffView && <StatusActions ticket={tk} me={me} />}

            <section aria-labelledby="timeline-title">
              <Title order={2} fz="h4" mb="sm" id="timeline-title">
                {t('timeline.title')}
              </Title>
              {events.isPending ? (
                <Loading />
              ) : events.error ? (
                <ErrorAlert error={events.error} />
              ) : (
                <Timeline events={events.data ?? []} names={names} ticketBase={ticketBase} />
              )}
            </section>

            {tk.can.comment ? (
              <section aria-labelledby="reply-title">
                <Title order={2} fz="h4" mb="sm" id="reply-title">
                  {t('reply.title')}
                </Title>
                <ReplyBox number={tk.number} allowInternal={staffView} />
              </section>
            ) : (
              <Text size="sm">{t('reply.closed')}</Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {staffView && <RemoteDeskPanel ticket={tk} />}
            {staffView && <TicketSlaPanel number={tk.number} />}
            <TicketDetails ticket={tk} key={tk.number} />
            {staffView && <TicketItemsPanel number={tk.number} editable={tk.can.update} />}
            {staffView && <TicketAgentsPanel number={tk.number} />}
            <LinksPanel ticket={tk} ticketBase={ticketBase} />
            <AttachmentsPanel ticket={tk} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
