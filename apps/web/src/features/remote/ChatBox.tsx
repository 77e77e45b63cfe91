import type { RemoteChatMessage } from '@guichet/contracts';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from '../../components/Form';
import { useFormat } from '../../lib/format';

/** Chat of the session: a log (announced politely as lines arrive) and a labelled input. */
export function ChatBox({
  messages,
  selfId,
  onSend,
  disabled,
}: {
  messages: RemoteChatMessage[];
  selfId: number | undefined;
  onSend: (text: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [text, setText] = useState('');
  const titleId = useId();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    onSend(value);
    setText('');
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId}>
      <Title order={3} fz="h5" id={titleId} mb="xs">
        {t('remote.chat.title')}
      </Title>
      <Stack
        gap={4}
        role="log"
        aria-live="polite"
        aria-label={t('remote.chat.log')}
        mah={220}
        style={{ overflowY: 'auto' }}
        data-testid="remote-chat-log"
      >
        {messages.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('remote.chat.empty')}
          </Text>
        )}
        {messages.map((m) => (
          <Text size="sm" key={m.id}>
            <Text span fw={600} size="sm">
              {m.from.id === selfId ? t('remote.chat.me') : m.from.name}
            </Text>{' '}
            <Text span size="xs" c="dimmed">
              ({f.dateTime(m.at)})
            </Text>{' '}
            {m.text}
          </Text>
        ))}
      </Stack>
      <Group component={Form} onSubmit={submit} gap="xs" mt="xs" align="flex-end">
        <TextInput
          label={t('remote.chat.input')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={2000}
          disabled={disabled}
          style={{ flex: 1 }}
        />
        <Button type="submit" disabled={disabled}>
          {t('remote.chat.send')}
        </Button>
      </Group>
    </Paper>
  );
}
