import type { Notification } from '@guichet/contracts';
import { ActionIcon, Anchor, Badge, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { useLiveNotifications, useMarkRead, useRecentNotifications } from './api';
import { notificationText } from './NotificationText';

/** Staff open tickets in the desk; requesters, and anyone told as a requester, in the portal. */
const ticketPath = (n: Notification, isStaff: boolean) => {
  const asRequester = !isStaff || n.kind === 'resolved';
  return `/${asRequester ? 'portal' : 'desk'}/tickets/${encodeURIComponent(n.ticketNumber ?? '')}`;
};

/** The header's bell: unread count in its name, a popover of recent notifications, live from the stream. */
export function NotificationBell({ isStaff }: { isStaff: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [opened, setOpened] = useState(false);
  const listId = useId();
  const recent = useRecentNotifications(true);
  const markRead = useMarkRead();
  useLiveNotifications(true);
  const unread = recent.data?.unread ?? 0;
  const items = recent.data?.items ?? [];
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} withinPortal trapFocus>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="dark"
          size="lg"
          aria-label={label}
          aria-expanded={opened}
          aria-controls={listId}
          onClick={() => setOpened((o) => !o)}
          pos="relative"
        >
          <IconBell size={20} aria-hidden />
          {unread > 0 && (
            <Badge size="xs" color="red" circle pos="absolute" top={-2} right={-2} aria-hidden>
              {unread > 99 ? '99+' : unread}
            </Badge>
          )}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown id={listId} role="dialog" aria-label={t('notifications.title')}>
        <Group justify="space-between" mb="xs">
          <Text fw={700}>{t('notifications.title')}</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0 || markRead.isPending}
            onClick={() => markRead.mutate({ all: true })}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('notifications.empty')}
          </Text>
        ) : (
          <Stack
            component="ul"
            gap={6}
            style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 420, overflowY: 'auto' }}
          >
            {items.map((n) => (
              <li
                key={n.id}
                style={{
                  borderLeft: `3px solid ${n.readAt ? 'transparent' : 'var(--mantine-color-blue-6)'}`,
                  paddingLeft: 8,
                }}
              >
                <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    {!n.readAt && (
                      <Text size="xs" fw={700} c="blue.8">
                        {t('notifications.unread')}
                      </Text>
                    )}
                    <Anchor
                      component={Link}
                      to={ticketPath(n, isStaff)}
                      size="sm"
                      onClick={() => {
                        if (!n.readAt) markRead.mutate({ ids: [n.id] });
                        setOpened(false);
                      }}
                    >
                      {notificationText(t, n)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(n.createdAt)}
                    </Text>
                  </Stack>
                  {!n.readAt && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      style={{ flexShrink: 0 }}
                      aria-label={t('notifications.markRead', { number: n.ticketNumber ?? '' })}
                      onClick={() => markRead.mutate({ ids: [n.id] })}
                    >
                      {t('notifications.markReadShort')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}
        <Anchor
          component={Link}
          to="/notifications/preferences"
          size="sm"
          mt="sm"
          display="block"
          onClick={() => setOpened(false)}
        >
          {t('notifications.preferencesLink')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
