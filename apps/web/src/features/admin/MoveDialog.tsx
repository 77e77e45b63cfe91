import type { Person } from '@guichet/contracts';
import { Alert, Button, Group, NativeSelect, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import {
  entityTreeOrder,
  indent,
  type MoveBody,
  type MovePreview,
  useDirectoryMutation,
  useEntities,
  useSites,
} from '../directory/api';
import { ticketKeys } from '../tickets/keys';

/**
 * Moves people to another entity (a commune's staff joining the metropolis): choose the target,
 * what happens to their open tickets, look at the preview, then confirm.
 */
export function MoveDialog({ people, onDone }: { people: Person[]; onDone: (moved: boolean) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const entities = useEntities();
  const [toEntityId, setToEntityId] = useState('');
  const [toSiteId, setToSiteId] = useState('');
  const [openTickets, setOpenTickets] = useState<'follow' | 'stay'>('follow');
  const [missing, setMissing] = useState(false);
  const sites = useSites({ entity: toEntityId ? Number(toEntityId) : undefined }, Boolean(toEntityId));
  const preview = useDirectoryMutation(
    (body: MoveBody) => api.post<MovePreview>('/people/move/preview', body),
    [],
  );
  const move = useDirectoryMutation(
    (body: MoveBody) => api.post<{ moved: number; ticketsMoved: number }>('/people/move', body),
    [['people'], ['groups'], ['roles'], ticketKeys.all],
  );

  const body = (): MoveBody => ({
    personIds: people.map((p) => p.id),
    toEntityId: Number(toEntityId),
    toSiteId: toSiteId ? Number(toSiteId) : null,
    openTickets,
  });
  // any change of the choices makes the preview obsolete
  const changed = () => {
    preview.reset();
    move.reset();
  };

  const askPreview = (e: React.FormEvent) => {
    e.preventDefault();
    if (!toEntityId) {
      setMissing(true);
      return;
    }
    setMissing(false);
    preview.mutate(body());
  };

  const confirm = () =>
    move.mutate(body(), {
      onSuccess: (r) => {
        notify(t('admin.move.done', { count: r.moved, tickets: r.ticketsMoved }));
        onDone(true);
      },
    });

  return (
    <Stack gap="sm">
      <Text size="sm">{t('admin.move.intro', { count: people.length })}</Text>
      <Text size="sm" fw={500}>
        {people.map((p) => p.name).join(', ')}
      </Text>
      <Stack component={Form} gap="sm" onSubmit={askPreview}>
        <NativeSelect
          label={t('admin.move.toEntity')}
          required
          value={toEntityId}
          onChange={(e) => {
            setToEntityId(e.currentTarget.value);
            setToSiteId('');
            changed();
          }}
          data={[
            { value: '', label: t('common.choose') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
          error={missing ? t('form.required') : fieldError(preview.error ?? move.error, 'toEntityId')}
        />
        <NativeSelect
          label={t('admin.move.toSite')}
          value={toSiteId}
          disabled={!toEntityId}
          onChange={(e) => {
            setToSiteId(e.currentTarget.value);
            changed();
          }}
          data={[
            { value: '', label: t('admin.move.noSite') },
            ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
          ]}
          error={fieldError(preview.error ?? move.error, 'toSiteId')}
        />
        <Radio.Group
          label={t('admin.move.openTickets')}
          value={openTickets}
          onChange={(v) => {
            setOpenTickets(v === 'stay' ? 'stay' : 'follow');
            changed();
          }}
        >
          <Stack gap={6} mt={4}>
            <Radio value="follow" label={t('admin.move.follow')} />
            <Radio value="stay" label={t('admin.move.stay')} />
          </Stack>
        </Radio.Group>
        <Group>
          <Button type="submit" variant="default" loading={preview.isPending}>
            {t('admin.move.preview')}
          </Button>
        </Group>
      </Stack>
      <ErrorAlert error={preview.error} showFields />

      {preview.data && (
        <Stack gap="sm" aria-live="polite">
          <Table verticalSpacing={4}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('admin.move.previewCaption', { to: preview.data.to.name })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.move.from')}</Table.Th>
                <Table.Th scope="col">{t('admin.move.openCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.people.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.from.name}</Table.Td>
                  <Table.Td>{f.number(p.openTickets)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Alert color="blue" variant="light" role="status">
            {openTickets === 'follow'
              ? t('admin.move.summaryFollow', {
                  count: preview.data.people.length,
                  tickets: preview.data.openTickets,
                  to: preview.data.to.name,
                })
              : t('admin.move.summaryStay', {
                  count: preview.data.people.length,
                  tickets: preview.data.openTickets,
                  to: preview.data.to.name,
                })}
          </Alert>
          <ErrorAlert error={move.error} showFields />
          <Group>
            <Button onClick={confirm} loading={move.isPending}>
              {t('admin.move.confirm')}
            </Button>
            <Button variant="default" onClick={() => onDone(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
