import type { LinkKind, Ticket } from '@guichet/contracts';
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/Badges';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { linkKinds } from '../../lib/enums';
import { useAddLink, useRemoveLink } from './api';

const NUMBER = /^(INC|REQ)\d{7,}$/i;

/** Linked tickets (parent, child, duplicate, related): add by number, remove. */
export function LinksPanel({ ticket, ticketBase }: { ticket: Ticket; ticketBase: string }) {
  const { t } = useTranslation();
  const add = useAddLink(ticket.number);
  const remove = useRemoveLink(ticket.number);
  const [kind, setKind] = useState<LinkKind>('related');
  const [target, setTarget] = useState('');
  const [invalid, setInvalid] = useState(false);
  const editable = ticket.can.update;

  if (!editable && ticket.links.length === 0) return null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = target.trim().toUpperCase();
    if (!NUMBER.test(value)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    add.mutate({ kind, target: value }, { onSuccess: () => setTarget('') });
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">
        {t('links.title')}
      </Title>
      {ticket.links.length === 0 ? (
        <Text size="sm">{t('links.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {ticket.links.map((l) => (
            <li key={l.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <div>
                  <Text size="sm" fw={600}>
                    {t(`linkKind.${l.kind}`)}
                  </Text>
                  <Anchor component={Link} to={`${ticketBase}/${l.ticket.number}`} size="sm">
                    {l.ticket.number}
                  </Anchor>{' '}
                  <Text span size="sm">
                    {l.ticket.title}
                  </Text>{' '}
                  <StatusBadge status={l.ticket.status} />
                </div>
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('links.remove', { number: l.ticket.number })}
                    onClick={() => remove.mutate(l.id)}
                    loading={remove.isPending && remove.variables === l.id}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <ErrorAlert error={remove.error} />
      {editable && (
        <Stack component={Form} gap="xs" mt="sm" onSubmit={submit}>
          <NativeSelect
            label={t('links.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as LinkKind)}
            data={linkKinds.map((k) => ({ value: k, label: t(`linkKind.${k}`) }))}
          />
          <TextInput
            label={t('links.target')}
            description={t('links.targetHint')}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            error={invalid ? t('links.targetInvalid') : fieldError(add.error, 'target')}
            autoComplete="off"
          />
          <ErrorAlert error={add.error && !fieldError(add.error, 'target') ? add.error : null} />
          <Group>
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('links.add')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
