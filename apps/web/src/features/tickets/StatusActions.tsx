import type { CurrentUser, Ticket, TicketStatus } from '@guichet/contracts';
import { Button, Group, NativeSelect, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { nextStatuses, openStatuses, pendingReasons, type ResolutionCode } from '../../lib/enums';
import { notify } from '../../lib/notify';
import { useUpdateTicket } from './api';
import { ResolutionCodeSelect } from './ResolutionCodeSelect';

type Panel = 'pending' | 'resolve' | 'cancel' | null;

/** Staff actions on an open ticket: assign to me, start, put on hold, resolve, cancel. */
export function StatusActions({ ticket, me }: { ticket: Ticket; me: CurrentUser }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.number);
  const [panel, setPanel] = useState<Panel>(null);
  const [pendingReason, setPendingReason] = useState('');
  const [code, setCode] = useState<ResolutionCode | ''>('');
  const [notes, setNotes] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});

  if (!ticket.can.update || !openStatuses.includes(ticket.status)) return null;
  const allowed = nextStatuses[ticket.status];
  const can = (s: TicketStatus) => allowed.includes(s);
  const done = (message: string) => {
    setPanel(null);
    setMissing({});
    notify(message);
  };
  const toggle = (p: Panel) => {
    setPanel((cur) => (cur === p ? null : p));
    setMissing({});
    update.reset();
  };

  const assignMe = () =>
    update.mutate(
      { assigneeId: me.id, version: ticket.version },
      { onSuccess: () => done(t('actions.assignedToMe')) },
    );
  const start = () =>
    update.mutate(
      {
        status: 'in_progress',
        version: ticket.version,
        // taking a ticket nobody holds makes it yours
        ...(ticket.assignee ? {} : { assigneeId: me.id }),
      },
      { onSuccess: () => done(t('actions.started')) },
    );
  const hold = (e: React.FormEvent) => {
    e.preventDefault();
    if (!pendingReason) return setMissing({ pendingReason: true });
    update.mutate(
      { status: 'pending', pendingReason: pendingReason as Ticket['pendingReason'], version: ticket.version },
      { onSuccess: () => done(t('actions.pendingDone')) },
    );
  };
  const resolve = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { code: !code, notes: !notes.trim() };
    setMissing(m);
    if (m.code || m.notes) return;
    update.mutate(
      {
        status: 'resolved',
        resolutionCode: code as ResolutionCode,
        resolutionNotes: notes.trim(),
        version: ticket.version,
      },
      { onSuccess: () => done(t('actions.resolvedDone')) },
    );
  };
  const cancel = () =>
    update.mutate(
      { status: 'cancelled', version: ticket.version },
      { onSuccess: () => done(t('actions.cancelledDone')) },
    );

  const assignedToMe = ticket.assignee?.id === me.id;

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('actions.title')}
        </Title>
        <Group gap="xs">
          {!assignedToMe && (
            <Button variant="default" onClick={assignMe} loading={update.isPending && panel === null}>
              {t('actions.assignMe')}
            </Button>
          )}
          {can('in_progress') && ticket.status !== 'in_progress' && (
            <Button variant="default" onClick={start}>
              {ticket.status === 'pending' ? t('actions.resume') : t('actions.start')}
            </Button>
          )}
          {can('pending') && (
            <Button
              variant="default"
              aria-expanded={panel === 'pending'}
              aria-controls="panel-pending"
              onClick={() => toggle('pending')}
            >
              {t('actions.pending')}
            </Button>
          )}
          {can('resolved') && (
            <Button
              aria-expanded={panel === 'resolve'}
              aria-controls="panel-resolve"
              onClick={() => toggle('resolve')}
            >
              {t('actions.resolve')}
            </Button>
          )}
          {can('cancelled') && (
            <Button
              variant="default"
              color="red"
              aria-expanded={panel === 'cancel'}
              aria-controls="panel-cancel"
              onClick={() => toggle('cancel')}
            >
              {t('actions.cancel')}
            </Button>
          )}
        </Group>

        {panel === 'pending' && (
          <Stack component={Form} id="panel-pending" gap="xs" onSubmit={hold}>
            <NativeSelect
              label={t('field.pendingReason')}
              required
              value={pendingReason}
              onChange={(e) => setPendingReason(e.currentTarget.value)}
              data={[
                { value: '', label: t('common.choose') },
                ...pendingReasons.map((r) => ({ value: r, label: t(`pendingReason.${r}`) })),
              ]}
              error={
                missing.pendingReason
                  ? t('actions.pendingReasonRequired')
                  : fieldError(update.error, 'pendingReason')
              }
            />
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('actions.pendingSubmit')}
              </Button>
            </Group>
          </Stack>
        )}

        {panel === 'resolve' && (
          <Stack
            component={Form}
            id="panel-resolve"
            gap="xs"
            onSubmit={resolve}
            aria-labelledby="panel-resolve-title"
          >
            <Title order={3} fz="h5" id="panel-resolve-title">
              {t('actions.resolvePanel')}
            </Title>
            <ResolutionCodeSelect
              required
              value={code}
              onChange={setCode}
              error={missing.code ? t('actions.codeRequired') : fieldError(update.error, 'resolutionCode')}
            />
            <Textarea
              label={t('field.resolutionNotes')}
              required
              autosize
              minRows={3}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={missing.notes ? t('actions.notesRequired') : fieldError(update.error, 'resolutionNotes')}
            />
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('actions.resolveSubmit')}
              </Button>
            </Group>
          </Stack>
        )}

        {panel === 'cancel' && (
          <Stack id="panel-cancel" gap="xs">
            <Group>
              <Button color="red" onClick={cancel} loading={update.isPending}>
                {t('actions.cancelSubmit')}
              </Button>
            </Group>
          </Stack>
        )}

        <ErrorAlert error={update.error} showFields />
      </Stack>
    </Paper>
  );
}
