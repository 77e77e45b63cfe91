import type { NotificationChannel, NotificationKind } from '@guichet/contracts';
import { Alert, Button, Group, Radio, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useNotificationPreferences, useSaveNotificationPreferences } from './api';

const channels: NotificationChannel[] = ['email', 'app', 'off'];

/** Per kind of notification: by e-mail and in the app, in the app only, or not at all. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const prefs = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const [choice, setChoice] = useState<Partial<Record<NotificationKind, NotificationChannel>>>({});

  useEffect(() => {
    if (prefs.data) setChoice(Object.fromEntries(prefs.data.items.map((i) => [i.kind, i.channel])));
  }, [prefs.data]);

  if (prefs.isLoading || !prefs.data) return <Loading />;
  return (
    <>
      <PageTitle>{t('notifications.preferences.title')}</PageTitle>
      <Text mb="md">{t('notifications.preferences.intro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const items = Object.entries(choice).map(([kind, channel]) => ({
            kind: kind as NotificationKind,
            channel: channel as NotificationChannel,
          }));
          save.mutate({ items });
        }}
      >
        <Table striped withTableBorder>
          <Table.Caption>{t('notifications.preferences.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('notifications.preferences.kind')}</Table.Th>
              <Table.Th scope="col">{t('notifications.preferences.channel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {prefs.data.items.map((item) => (
              <Table.Tr key={item.kind}>
                <Table.Th scope="row">{t(`notifications.kind.${item.kind}`)}</Table.Th>
                <Table.Td>
                  <Radio.Group
                    aria-label={t(`notifications.kind.${item.kind}`)}
                    value={choice[item.kind] ?? item.channel}
                    onChange={(v) => setChoice((c) => ({ ...c, [item.kind]: v as NotificationChannel }))}
                  >
                    <Group gap="md">
                      {channels.map((ch) => (
                        <Radio
                          key={ch}
                          value={ch}
                          label={`${t(`notifications.channel.${ch}`)}${ch === item.default ? ` ${t('notifications.preferences.default')}` : ''}`}
                        />
                      ))}
                    </Group>
                  </Radio.Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('notifications.preferences.save')}
          </Button>
        </Group>
        {save.isSuccess && (
          <Alert role="status" color="green" mt="md">
            {t('notifications.preferences.saved')}
          </Alert>
        )}
        {save.isError && (
          <Alert role="alert" color="red" mt="md">
            {t('notifications.preferences.error')}
          </Alert>
        )}
      </form>
    </>
  );
}
