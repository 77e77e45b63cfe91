import type { Ticket } from '@guichet/contracts';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { attachmentUrl } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useUploadAttachment } from './api';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.log,.csv,.eml,.zip,.docx,.xlsx,.pptx,.odt,.ods,.webm';

/** Files attached to the ticket (download links) and a labelled file input to add one. */
export function AttachmentsPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const f = useFormat();
  const upload = useUploadAttachment(ticket.number);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    upload.mutate(file, {
      onSuccess: () => {
        notify(t('attachments.added', { name: file.name }));
        setFile(null);
        if (input.current) input.current.value = '';
      },
    });
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">
        {t('attachments.title')}
      </Title>
      {ticket.attachments.length === 0 ? (
        <Text size="sm">{t('attachments.none')}</Text>
      ) : (
        <Stack component="ul" gap={4} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {ticket.attachments.map((a) => (
            <li key={a.id}>
              <Anchor href={attachmentUrl(a.id)} download={a.fileName} size="sm">
                {a.fileName}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                ({f.fileSize(a.size)}, {f.dateTime(a.createdAt)})
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {ticket.can.comment && (
        <Stack component={Form} gap={6} mt="sm" onSubmit={submit}>
          <label htmlFor={inputId}>
            <Text size="sm" fw={500} span>
              {t('attachments.input')}
            </Text>
          </label>
          <Text id={hintId} size="xs" c="dimmed">
            {t('attachments.hint')}
          </Text>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={ACCEPT}
            aria-describedby={missing ? `${hintId} ${errorId}` : hintId}
            aria-invalid={missing || undefined}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          {missing && (
            <Text id={errorId} size="sm" c="var(--mantine-color-error)">
              {t('attachments.missing')}
            </Text>
          )}
          <ErrorAlert error={upload.error} />
          <Group>
            <Button type="submit" variant="default" loading={upload.isPending}>
              {t('attachments.upload')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
