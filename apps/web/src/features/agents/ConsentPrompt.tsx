import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { notify } from '../../lib/notify';
import { useAgentsMutation, useConsents } from './api';

/**
 * In the portal: a technician asks to reach the person's workstation (« Autoriser l'accès à distance
 * à votre poste ? »), and the sessions running on it, each with a way to end it. Nothing shows when
 * there is nothing to answer.
 */
export function ConsentPrompt() {
  const { t } = useTranslation();
  const consents = useConsents();
  const answer = useAgentsMutation(({ id, granted }: { id: number; granted: boolean }) =>
    api.post(`/agents/consents/${id}`, { granted }),
  );
  const end = useAgentsMutation((id: number) => api.post(`/agents/consents/${id}/end`));
  const list = consents.data ?? [];
  if (list.length === 0) return null;
  return (
    <Stack gap="sm">
      {list.map((c) => {
        const what =
          c.kind === 'terminal'
            ? t('agents.kind.terminal')
            : t(`agents.diagnostic.${c.diagnostic ?? 'network'}`);
        return c.status === 'pending_consent' ? (
          <Alert key={c.sessionId} color="yellow" title={t('agents.consentQuestion')}>
            <Stack gap="xs">
              <Text size="sm">
                {t('agents.consentDetail', { technician: c.technician, hostname: c.hostname, what })}
              </Text>
              <Group>
                <Button
                  size="compact-sm"
                  onClick={() =>
                    answer.mutate(
                      { id: c.sessionId, granted: true },
                      { onSuccess: () => notify(t('agents.allowed')) },
                    )
                  }
                >
                  {t('agents.allow')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() =>
                    answer.mutate(
                      { id: c.sessionId, granted: false },
                      { onSuccess: () => notify(t('agents.denied')) },
                    )
                  }
                >
                  {t('agents.deny')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Alert key={c.sessionId} color="blue" title={t('agents.runningTitle')}>
            <Group justify="space-between">
              <Text size="sm">
                {t('agents.runningDetail', { technician: c.technician, hostname: c.hostname, what })}
              </Text>
              <Button size="compact-sm" color="red" onClick={() => end.mutate(c.sessionId)}>
                {t('agents.endSession')}
              </Button>
            </Group>
          </Alert>
        );
      })}
      <ErrorAlert error={answer.error ?? end.error} />
    </Stack>
  );
}
