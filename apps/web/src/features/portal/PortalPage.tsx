import type { TicketType } from '@guichet/contracts';
import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconClipboardList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ticketStatuses } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { ConsentPrompt } from '../agents/ConsentPrompt';
import { useCurrentUser } from '../auth/session';
import { useTicketList } from '../tickets/api';
import { NewTicketForm } from './NewTicketForm';

function MyTickets() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useCurrentUser();
  const list = useTicketList({ requester: me.id, status: ticketStatuses, sort: '-updatedAt', limit: 25 });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="my-tickets">
      <Title order={2} fz="h3" id="my-tickets" mb="sm">
        {t('portal.myTickets')}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : rows.length === 0 ? (
        <Text>{t('portal.noTickets')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing={6}>
            <Table.Caption className="visually-hidden">{t('portal.myTickets')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('field.number')}</Table.Th>
                <Table.Th scope="col">{t('field.title')}</Table.Th>
                <Table.Th scope="col">{t('field.status')}</Table.Th>
                <Table.Th scope="col">{t('field.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/portal/tickets/${r.number}`} ff="monospace" fw={600}>
                      {r.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {r.title}
                    <Text span size="xs" c="dimmed" display="block">
                      {t(`ticketType.${r.type}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <time dateTime={r.updatedAt}>{f.dateTime(r.updatedAt)}</time>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button
          mt="sm"
          variant="default"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('desk.loadMore')}
        </Button>
      )}
    </section>
  );
}

/** Self-service: declare an incident, ask for something, follow one's own tickets. */
export function PortalPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const typeParam = useParams().type;
  const type: TicketType | null = typeParam === 'incident' || typeParam === 'request' ? typeParam : null;
  const toggle = (tp: TicketType) => navigate(type === tp ? '/portal' : `/portal/new/${tp}`);

  return (
    <Stack gap="lg">
      <PageTitle documentTitle={type ? t(`portal.new.${type}`) : t('portal.title')}>
        {t('portal.title')}
      </PageTitle>
      <Text>{t('portal.welcome', { name: me.name })}</Text>
      <ConsentPrompt />
      <Group gap="sm">
        <Button
          leftSection={<IconAlertCircle size={18} aria-hidden />}
          aria-expanded={type === 'incident'}
          aria-controls={type === 'incident' ? 'new-ticket' : undefined}
          variant={type === 'incident' ? 'filled' : 'light'}
          onClick={() => toggle('incident')}
        >
          {t('portal.new.incident')}
        </Button>
        <Button
          leftSection={<IconClipboardList size={18} aria-hidden />}
          aria-expanded={type === 'request'}
          aria-controls={type === 'request' ? 'new-ticket' : undefined}
          variant={type === 'request' ? 'filled' : 'light'}
          onClick={() => toggle('request')}
        >
          {t('portal.new.request')}
        </Button>
      </Group>
      {type && (
        <Paper withBorder p="md" id="new-ticket">
          <NewTicketForm
            key={type}
            type={type}
            onCreated={(number) => navigate(`/portal/tickets/${number}`)}
            onCancel={() => navigate('/portal')}
          />
        </Paper>
      )}
      {/* the declaration form is a task of its own: the list comes back once it is sent or closed */}
      {!type && <MyTickets />}
    </Stack>
  );
}
