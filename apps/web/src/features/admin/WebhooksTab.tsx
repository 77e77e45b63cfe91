import type {
  Webhook,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookDeliveryStatus,
  WebhookEvent,
  WebhookWithSecret,
} from '@guichet/contracts';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { Language } from '../../lib/i18n';
import { notify } from '../../lib/notify';
import { entityTreeOrder, indent, useEntities } from '../directory/api';

// the SPA imports only types from the contracts: the enum values are repeated here
const events: readonly WebhookEvent[] = ['ticket.created', 'ticket.updated', 'sla.warning'];
const statusColor: Record<WebhookDeliveryStatus, string> = {
  pending: 'blue',
  succeeded: 'green',
  failed: 'red',
};
/** i18next reads dots as nesting: 'ticket.created' is stored as 'ticket_created' */
const eventKey = {
  'ticket.created': 'webhooks.event.ticket_created',
  'ticket.updated': 'webhooks.event.ticket_updated',
  'sla.warning': 'webhooks.event.sla_warning',
  ping: 'webhooks.event.ping',
} as const;
const keys = {
  list: ['webhooks'] as const,
  deliveries: (id: number) => ['webhooks', id, 'deliveries'] as const,
};

const useWebhooks = () =>
  useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => api.get<Webhook[]>('/webhooks', undefined, { signal }),
  });

/** The whole secret, shown once after create or rotate, with a copy button. */
function SecretNotice({ hook, onClose }: { hook: WebhookWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('webhooks.secretTitle', { name: hook.name })} withCloseButton={false}>
      <Stack gap="xs">
        <Text size="sm">{t('webhooks.secretOnce')}</Text>
        <Code block aria-label={t('webhooks.secret')}>
          {hook.secret}
        </Code>
        <Group>
          <CopyButton value={hook.secret}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="default" onClick={copy}>
                {copied ? t('webhooks.copied') : t('webhooks.copySecret')}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-sm" variant="subtle" onClick={onClose}>
            {t('webhooks.secretDone')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function WebhookForm({
  hook,
  onDone,
  onSecret,
}: {
  hook: Webhook | null;
  onDone: () => void;
  onSecret: (h: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const entities = useEntities();
  const [name, setName] = useState(hook?.name ?? '');
  const [url, setUrl] = useState(hook?.url ?? '');
  const [entityId, setEntityId] = useState(hook ? String(hook.entity.id) : '');
  const [chosen, setChosen] = useState<string[]>(hook?.events ?? ['ticket.created', 'ticket.updated']);
  const [active, setActive] = useState(hook?.active ?? true);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const save = useMutation({
    mutationFn: () =>
      hook
        ? api.patch<Webhook>(`/webhooks/${hook.id}`, {
            name: name.trim(),
            url: url.trim(),
            events: chosen,
            active,
            version: hook.version,
          })
        : api.post<WebhookWithSecret>('/webhooks', {
            name: name.trim(),
            url: url.trim(),
            events: chosen,
            active,
            entityId: Number(entityId),
          }),
    onSuccess: (saved) => {
      qc.invalidateQueries({ queryKey: keys.list });
      notify(t('webhooks.saved'));
      if (!hook) onSecret(saved as WebhookWithSecret);
      onDone();
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = {
      name: !name.trim(),
      url: !url.trim(),
      entityId: !hook && !entityId,
      events: chosen.length === 0,
    };
    setMissing(m);
    if (Object.values(m).some(Boolean)) return;
    save.mutate();
  };
  return (
    <Stack component={Form} gap="sm" onSubmit={submit}>
      <TextInput
        label={t('webhooks.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={missing.name ? t('form.required') : fieldError(save.error, 'name')}
      />
      <TextInput
        label={t('webhooks.url')}
        description={t('webhooks.urlHelp')}
        required
        type="url"
        value={url}
        onChange={(e) => setUrl(e.currentTarget.value)}
        error={missing.url ? t('form.required') : fieldError(save.error, 'url')}
      />
      {!hook && (
        <NativeSelect
          label={t('webhooks.entity')}
          description={t('webhooks.entityHelp')}
          required
          value={entityId}
          onChange={(e) => setEntityId(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.choose') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
          error={missing.entityId ? t('form.required') : fieldError(save.error, 'entityId')}
        />
      )}
      <Checkbox.Group
        label={t('webhooks.events')}
        required
        value={chosen}
        onChange={setChosen}
        error={missing.events ? t('webhooks.eventsRequired') : fieldError(save.error, 'events')}
      >
        <Stack gap={6} mt={6}>
          {events.map((ev) => (
            <Checkbox key={ev} value={ev} label={t(eventKey[ev])} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Switch
        label={t('webhooks.active')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
      <ErrorAlert error={save.error} showFields />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
        <Button type="button" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const qc = useQueryClient();
  const log = useInfiniteQuery({
    queryKey: keys.deliveries(hook.id),
    queryFn: ({ pageParam, signal }) =>
      api.get<WebhookDeliveryPage>(
        `/webhooks/${hook.id}/deliveries`,
        { limit: 20, cursor: pageParam },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // pending deliveries move on their own: look again while some are
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending')) ? 3_000 : false,
  });
  const act = useMutation({
    mutationFn: (path: string) => api.post<WebhookDelivery>(path),
    onSuccess: () => {
      notify(t('webhooks.queued'));
      qc.invalidateQueries({ queryKey: keys.deliveries(hook.id) });
    },
  });
  if (log.isPending) return <Loading />;
  if (log.error) return <ErrorAlert error={log.error} />;
  const items = log.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="sm">
      <Group>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => act.mutate(`/webhooks/${hook.id}/ping`)}
          disabled={!hook.active}
        >
          {t('webhooks.ping')}
        </Button>
      </Group>
      <ErrorAlert error={act.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Caption>
            {t('webhooks.deliveriesCaption', { name: hook.name, count: items.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('webhooks.col.time')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.col.event')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.col.status')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.col.attempts')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.col.code')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{formatDateTime(d.lastAttemptAt ?? d.createdAt, lng)}</Table.Td>
                <Table.Td>{t(eventKey[d.event])}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor[d.status]} variant="light" tt="none" fw={600}>
                    {t(`webhooks.status.${d.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>
                  {d.lastStatusCode ?? d.lastError ?? '—'}
                  {d.durationMs !== null && (
                    <Text span size="xs">
                      {' '}
                      ({t('webhooks.duration', { ms: d.durationMs })})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={!hook.active}
                    aria-label={t('webhooks.redeliverOne', { id: d.id })}
                    onClick={() => act.mutate(`/webhooks/${hook.id}/deliveries/${d.id}/redeliver`)}
                  >
                    {t('webhooks.redeliver')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length === 0 && <Text size="sm">{t('webhooks.noDeliveries')}</Text>}
      {log.hasNextPage && (
        <Button variant="default" onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t('webhooks.more')}
        </Button>
      )}
    </Stack>
  );
}

/** Admin tab: outbound webhooks of the entities the admin manages, and their delivery log. */
export function WebhooksTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const hooks = useWebhooks();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const rotate = useMutation({
    mutationFn: (id: number) => api.post<WebhookWithSecret>(`/webhooks/${id}/rotate-secret`),
    onSuccess: (h) => {
      setSecret(h);
      qc.invalidateQueries({ queryKey: keys.list });
    },
  });
  if (hooks.isPending) return <Loading />;
  if (hooks.error) return <ErrorAlert error={hooks.error} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">{t('webhooks.count', { count: hooks.data.length })}</Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('webhooks.create')}
        </Button>
      </Group>
      {secret && <SecretNotice hook={secret} onClose={() => setSecret(null)} />}
      <ErrorAlert error={rotate.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Caption>{t('webhooks.caption', { count: hooks.data.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('webhooks.name')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.entity')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.url')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.events')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.state')}</Table.Th>
              <Table.Th scope="col">{t('webhooks.secret')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hooks.data.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>{h.entity.name}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{h.url}</Table.Td>
                <Table.Td>{h.events.map((ev) => t(eventKey[ev])).join(', ')}</Table.Td>
                <Table.Td>
                  <Badge color={h.active ? 'green' : 'gray'} variant="light" tt="none" fw={600}>
                    {h.active ? t('webhooks.enabled') : t('webhooks.disabled')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Code>{h.secretHint}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('webhooks.editOne', { name: h.name })}
                      onClick={() => setEditing(h)}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('webhooks.deliveriesOf', { name: h.name })}
                      onClick={() => setViewing(h)}
                    >
                      {t('webhooks.deliveries')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('webhooks.rotateOne', { name: h.name })}
                      loading={rotate.isPending && rotate.variables === h.id}
                      onClick={() => rotate.mutate(h.id)}
                    >
                      {t('webhooks.rotate')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('webhooks.create') : t('webhooks.edit')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <WebhookForm
            hook={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
            onSecret={setSecret}
          />
        )}
      </Modal>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? t('webhooks.deliveriesOf', { name: viewing.name }) : ''}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {viewing && (
          <>
            <Title order={2} fz="h5" mb="xs">
              {viewing.url}
            </Title>
            <Deliveries hook={viewing} />
          </>
        )}
      </Modal>
    </Stack>
  );
}
