import type { MajorIncidentSuggestion } from '@guichet/contracts';
import { Alert, Anchor, Button, Collapse, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { MajorIncidentModal } from './MajorIncidentModal';
import { useMajorIncidentSuggestions } from './useMajorIncidents';

/** Suggestions shown at once; the others wait until these are dealt with. */
const SHOWN = 3;

/**
 * A compact region above the desk's queues when several recent tickets concern items downstream of
 * one item: what they share, the tickets with their paths on demand, and the grouping under a major
 * incident. Nothing at all when there is nothing to suggest.
 */
export function MajorIncidentAlert() {
  const { t } = useTranslation();
  const headingId = useId();
  const suggestions = useMajorIncidentSuggestions();
  const [grouping, setGrouping] = useState<MajorIncidentSuggestion | null>(null);
  const items = suggestions.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} fz="h5" id={headingId} mb={4}>
        {t('majorIncident.heading', { count: items.length })}
      </Title>
      <Stack gap="xs">
        {items.slice(0, SHOWN).map((s) => (
          <SuggestionAlert key={s.upstream.id} suggestion={s} onGroup={() => setGrouping(s)} />
        ))}
        {items.length > SHOWN && (
          <Text size="sm">{t('majorIncident.more', { count: items.length - SHOWN })}</Text>
        )}
      </Stack>
      {grouping && <MajorIncidentModal suggestion={grouping} onClose={() => setGrouping(null)} />}
    </section>
  );
}

function SuggestionAlert({
  suggestion: s,
  onGroup,
}: {
  suggestion: MajorIncidentSuggestion;
  onGroup: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const minutes = Math.max(1, Math.round((Date.parse(s.lastAt) - Date.parse(s.firstAt)) / 60_000));
  const stepName = (step: { name: string | null }) => step.name ?? t('majorIncident.hiddenStep');
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">
          {t('majorIncident.summary', { count: s.ticketCount, minutes, item: s.upstream.name })}{' '}
          <Text span size="sm" c="dimmed">
            ({t(`cmdb.class.${s.upstream.class}`)})
          </Text>
        </Text>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="subtle"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t('majorIncident.hideDetail') : t('majorIncident.showDetail')}
          </Button>
          <Button size="compact-sm" color="orange" onClick={onGroup}>
            {t('majorIncident.group')}
          </Button>
        </Group>
      </Group>
      <Collapse expanded={open} id={detailId}>
        <Table.ScrollContainer minWidth={640} mt="xs">
          <Table verticalSpacing={4} fz="sm">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('majorIncident.caption', { item: s.upstream.name })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('field.number')}</Table.Th>
                <Table.Th scope="col">{t('field.title')}</Table.Th>
                <Table.Th scope="col">{t('majorIncident.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('majorIncident.path')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.tickets.map((x) => (
                <Table.Tr key={x.number}>
                  <Table.Td>
                    <Anchor component={Link} to={`/desk/tickets/${x.number}`}>
                      {x.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{x.title}</Table.Td>
                  <Table.Td>{f.dateTime(x.createdAt)}</Table.Td>
                  <Table.Td>{x.path.map(stepName).join(' › ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Alert>
  );
}
