import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useConnectionState, useCurrentConnection } from './useRemoteConnection';

/**
 * Always on screen while the requester's screen is shared (ANSSI: the user sees that a session runs
 * and can end it), on every page of the app.
 */
export function RemoteBanner() {
  const { t } = useTranslation();
  const connection = useCurrentConnection();
  const state = useConnectionState(connection);
  if (
    !connection ||
    !state ||
    state.role !== 'sender' ||
    state.status === 'ended' ||
    state.status === 'failed'
  ) {
    return null;
  }
  return (
    <Group
      role="region"
      aria-label={t('remote.banner.label')}
      justify="center"
      gap="sm"
      p={6}
      style={{ background: '#c92a2a', color: 'white', position: 'sticky', top: 0, zIndex: 300 }}
    >
      <Text fw={700} size="sm" c="white" component={Link} to={`/portal/remote/${connection.sessionId}`}>
        {t('remote.banner.text')}
      </Text>
      <Button size="compact-sm" color="dark" onClick={() => void connection.end()}>
        {t('remote.banner.stop')}
      </Button>
    </Group>
  );
}
