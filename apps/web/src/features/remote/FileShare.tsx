import type { RemoteFile } from '@guichet/contracts';
import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { attachmentUrl } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { shareFile } from './api';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.log,.csv,.eml,.zip,.docx,.xlsx,.pptx,.odt,.ods';

/** Files both ways: each one becomes an attachment of the ticket and is announced to the other side. */
export function FileShare({
  sessionId,
  files,
  canSend,
}: {
  sessionId: number;
  files: RemoteFile[];
  canSend: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inputId = useId();
  const titleId = useId();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await shareFile(sessionId, file);
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId}>
      <Title order={3} fz="h5" id={titleId} mb="xs">
        {t('remote.files.title')}
      </Title>
      <Stack component="ul" gap={2} style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-live="polite">
        {files.length === 0 && (
          <Text component="li" size="sm" c="dimmed">
            {t('remote.files.none')}
          </Text>
        )}
        {files.map((file) => (
          <li key={file.attachmentId}>
            <Anchor href={attachmentUrl(file.attachmentId)} download={file.fileName} size="sm">
              {file.fileName}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {t('remote.files.from', { name: file.from.name, size: f.fileSize(file.size) })}
            </Text>
          </li>
        ))}
      </Stack>
      {canSend && (
        <Stack component={Form} gap={4} mt="xs" onSubmit={submit}>
          <label htmlFor={inputId}>
            <Text size="sm" fw={500} span>
              {t('remote.files.input')}
            </Text>
          </label>
          <input id={inputId} ref={input} type="file" accept={ACCEPT} />
          <Button type="submit" loading={busy} w="fit-content">
            {t('remote.files.send')}
          </Button>
          {error ? <ErrorAlert error={error} /> : null}
        </Stack>
      )}
    </Paper>
  );
}
