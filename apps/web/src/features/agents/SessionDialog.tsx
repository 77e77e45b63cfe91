import type { AgentSessionCreated } from '@guichet/contracts';
import { Alert, Badge, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useAgentSession, useEndSession } from './api';

// xterm.js is loaded only when a terminal opens
const TerminalView = lazy(() => import('./TerminalView'));

const statusColor = { pending_consent: 'blue', active: 'green', refused: 'red', ended: 'gray' } as const;

/**
 * A running session: waits for the user's consent, then shows the terminal (or the diagnostic's
 * output when it comes back), and ends it on request.
 */
export function SessionDialog({ created, onClose }: { created: AgentSessionCreated; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useAgentSession(created.id);
  const end = useEndSession();
  const [endReason, setEndReason] = useState<string | null>(null);
  const status = session.data?.status ?? created.status;
  const running = status === 'pending_consent' || status === 'active';
  const title =
    created.kind === 'terminal'
      ? t('agents.terminalTitle', { hostname: created.hostname })
      : t('agents.diagnosticTitle', {
          hostname: created.hostname,
          diagnostic: t(`agents.diagnostic.${created.diagnostic ?? 'network'}`),
        });
  const close = () => {
    if (running) end.mutate(created.id);
    onClose();
  };

  return (
    <Modal
      opened
      onClose={close}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Group>
          <Badge variant="light" color={statusColor[status]} tt="none" role="status">
            {t(`agents.status.${status}`)}
          </Badge>
          {session.data?.consent && <Text size="sm">{t(`agents.consent.${session.data.consent}`)}</Text>}
        </Group>
        {status === 'pending_consent' && <Alert color="blue">{t('agents.waitingConsent')}</Alert>}
        {status === 'refused' && <Alert color="red">{t('agents.refused')}</Alert>}
        {created.kind === 'terminal' && status === 'active' && endReason === null && (
          <Suspense fallback={<Loading />}>
            <TerminalView session={created} onEnded={(reason) => setEndReason(reason)} />
          </Suspense>
        )}
        {(endReason !== null || status === 'ended') && (
          <Alert color="gray">
            {t('agents.ended', { reason: endReason || session.data?.endReason || '—' })}
          </Alert>
        )}
        {created.kind === 'diagnostic' &&
          (session.data?.log ?? [])
            .filter((l) => l.kind === 'diagnostic')
            .map((l) => (
              <Code block key={l.at} aria-label={l.command} style={{ maxHeight: 400, overflow: 'auto' }}>
                {l.output}
              </Code>
            ))}
        <Text size="xs" c="dimmed">
          {t('agents.recorded')}
        </Text>
        <ErrorAlert error={session.error ?? end.error} />
        <Group>
          {running && (
            <Button
              color="red"
              variant="default"
              onClick={() => end.mutate(created.id)}
              loading={end.isPending}
            >
              {t('agents.endSession')}
            </Button>
          )}
          <Button variant="subtle" onClick={close}>
            {t('agents.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
