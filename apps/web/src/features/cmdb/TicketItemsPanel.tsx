import { ActionIcon, Anchor, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconTopologyStar3, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { notify } from '../../lib/notify';
import { useLinkTicketItem, useTicketItems, useUnlinkTicketItem } from './api';
import { CiPicker } from './CiPicker';
import { CiStatusBadge } from './CiStatusBadge';
import { ImpactPanel } from './ImpactPanel';

/** Desk side panel "Éléments concernés": the items a ticket concerns; link one by search, unlink, see an item's impact. */
export function TicketItemsPanel({ number, editable }: { number: string; editable: boolean }) {
  const { t } = useTranslation();
  const items = useTicketItems(number);
  const link = useLinkTicketItem(number);
  const unlink = useUnlinkTicketItem(number);
  const list = items.data ?? [];
  const [impactOf, setImpactOf] = useState<{ id: number; name: string } | null>(null);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-items-title">
      <Title order={2} fz="h4" mb="sm" id="ticket-items-title">
        {t('cmdb.ticketItems.title')}
      </Title>
      {items.isPending ? (
        <Loading />
      ) : items.error ? (
        <ErrorAlert error={items.error} />
      ) : list.length === 0 ? (
        <Text size="sm">{t('cmdb.ticketItems.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.map((item) => (
            <li key={item.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <div>
                  <Anchor component={Link} to={`/cmdb/items/${item.id}`} size="sm" fw={600}>
                    {item.name}
                  </Anchor>
                  <Text size="xs">
                    {[t(`cmdb.class.${item.class}`), item.hostname, item.serialNumber, item.site?.name]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  <CiStatusBadge status={item.status} />
                </div>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('cmdb.ticketItems.impact', { name: item.name })}
                    title={t('cmdb.ticketItems.impact', { name: item.name })}
                    onClick={() => setImpactOf({ id: item.id, name: item.name })}
                  >
                    <IconTopologyStar3 size={16} aria-hidden />
                  </ActionIcon>
                  {editable && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('cmdb.ticketItems.remove', { name: item.name })}
                      loading={unlink.isPending && unlink.variables === item.id}
                      onClick={() =>
                        unlink.mutate(item.id, {
                          onSuccess: () => notify(t('cmdb.ticketItems.removed', { name: item.name })),
                        })
                      }
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <ErrorAlert error={unlink.error} />
      <Modal
        opened={impactOf !== null}
        onClose={() => setImpactOf(null)}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={impactOf ? t('cmdb.ticketItems.impactTitle', { name: impactOf.name }) : ''}
      >
        {impactOf && <ImpactPanel id={impactOf.id} name={impactOf.name} autoRun />}
      </Modal>
      {editable && (
        <Stack gap={4} mt="sm">
          <CiPicker
            label={t('cmdb.ticketItems.search')}
            description={t('cmdb.ticketItems.searchHint')}
            exclude={list.map((i) => i.id)}
            onSelect={(item) =>
              link.mutate(item.id, {
                onSuccess: () => notify(t('cmdb.ticketItems.added', { name: item.name })),
              })
            }
          />
          <ErrorAlert error={link.error} />
        </Stack>
      )}
    </Paper>
  );
}
