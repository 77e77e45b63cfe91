import type { RemoteSessionCreated, Ticket } from '@guichet/contracts';
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';
import { useCurrentUser } from '../auth/session';
import {
  endSession,
  remoteKeys,
  useRemotePolicy,
  useStartRemoteSession,
  useTicketRemoteSession,
} from './api';
import { remoteConnections } from './connection';
import { RecordingList } from './RecordingList';
import { RemoteViewer } from './RemoteViewer';
import { useConnectionState, useCurrentConnection } from './useRemoteConnection';

/** "123456" read as "123 456" over the phone. */
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/** Desk side of a ticket: start a session, read the code to the requester, then watch, point, chat and send files. */
export function RemoteDeskPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const session = useTicketRemoteSession(ticket.number);
  const policy = useRemotePolicy(ticket.entity.id);
  const start = useStartRemoteSession(ticket.number);
  const [created, setCreated] = useState<RemoteSessionCreated | null>(null);
  const [record, setRecord] = useState(false);
  const connection = useCurrentConnection();
  const s = session.data ?? null;
  const waiting = s?.status === 'requested';
  const active = s?.status === 'active';

  // while the requester has the code, look for their answer every few seconds (the live stream also refreshes it)
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(
      () => void qc.invalidateQueries({ queryKey: remoteKeys.ofTicket(ticket.number) }),
      2000,
    );
    return () => clearInterval(timer);
  }, [waiting, qc, ticket.number]);

  const me = useCurrentUser();
  const isTechnician = s?.technician.id === me.id;
  // consent given: the session's technician joins at once; a coordinator chooses to watch
  useEffect(() => {
    if (active && s && isTechnician) remoteConnections.open(s.id);
  }, [active, s, isTechnician]);

  const joined = active && connection?.sessionId === s?.id ? connection : null;
  const connectionState = useConnectionState(connection);
  const connectionStatus = connectionState?.status;
  // the other side ended it: show the final status and the timeline's new lines
  useEffect(() => {
    if (connectionStatus !== 'ended') return;
    void qc.invalidateQueries({ queryKey: remoteKeys.ofTicket(ticket.number) });
    void qc.invalidateQueries({ queryKey: ['ticket', ticket.number] });
  }, [connectionStatus, qc, ticket.number]);
  const code = created && created.session.id === s?.id ? created.code : null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="remote-title">
      <Title order={2} fz="h4" mb="xs" id="remote-title">
        {t('remote.title')}
      </Title>
      <Stack gap="sm">
        {s && (
          <Group gap="xs" role="status" aria-live="polite">
            <Text size="sm">{t('remote.statusLabel')}</Text>
            <Badge tt="none" data-testid="remote-status">
              {t(`remote.status.${s.status}`)}
            </Badge>
            {s.durationSeconds !== null && (
              <Text size="sm" c="dimmed">
                {t('remote.duration', {
                  minutes: Math.floor(s.durationSeconds / 60),
                  seconds: s.durationSeconds % 60,
                })}
              </Text>
            )}
          </Group>
        )}
        {waiting && (
          <Alert color="blue" title={t('remote.codeTitle')}>
            {code ? (
              <Text
                fz="xl"
                fw={700}
                ff="monospace"
                data-testid="remote-code"
                aria-label={t('remote.codeAria', { code: code.split('').join(' ') })}
              >
                {spaced(code)}
              </Text>
            ) : (
              <Text size="sm">{t('remote.codeHidden')}</Text>
            )}
            <Text size="sm">
              {t('remote.codeHelp', {
                link: created?.link ?? '/portal/remote',
                time: f.dateTime(s.codeExpiresAt),
              })}
            </Text>
          </Alert>
        )}
        {active && !joined && !isTechnician && s && (
          <Button variant="default" w="fit-content" onClick={() => remoteConnections.open(s.id)}>
            {t('remote.watch')}
          </Button>
        )}
        {connectionState?.status === 'failed' && connection?.sessionId === s?.id && (
          <Alert color="red" role="alert">
            {t('remote.joinFailed')}
          </Alert>
        )}
        {joined && connectionState?.status !== 'failed' && (
          <RemoteViewer connection={joined} recordingAllowed={Boolean(s?.recording)} />
        )}
        {!waiting && !active && ticket.can.update && (
          <Stack gap="xs">
            {policy.data?.recordingAllowed && (
              <Checkbox
                label={t('remote.recordOption')}
                description={t('remote.recordHint')}
                checked={record}
                onChange={(e) => setRecord(e.currentTarget.checked)}
              />
            )}
            <Button
              w="fit-content"
              loading={start.isPending}
              onClick={() =>
                start.mutate(policy.data?.recordingAllowed ? record : false, { onSuccess: setCreated })
              }
            >
              {t('remote.start')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('remote.startHint')}
            </Text>
          </Stack>
        )}
        {waiting && ticket.can.update && (
          <Button
            variant="default"
            w="fit-content"
            onClick={() =>
              s &&
              void endSession(s.id).finally(
                () => void qc.invalidateQueries({ queryKey: remoteKeys.ofTicket(ticket.number) }),
              )
            }
          >
            {t('remote.cancel')}
          </Button>
        )}
        {s?.recording && !waiting && <RecordingList sessionId={s.id} />}
        {start.error ? <ErrorAlert error={start.error} /> : null}
      </Stack>
    </Paper>
  );
}
