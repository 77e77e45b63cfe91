import type { RemoteRecording } from '@guichet/contracts';
import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { recordingUrl } from './api';

/** The session's recordings, for support staff only (the server refuses anyone else; each download is audited). */
export function RecordingList({ sessionId }: { sessionId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery({
    queryKey: ['remote', 'session', sessionId, 'recordings'],
    queryFn: ({ signal }) =>
      api.get<RemoteRecording[]>(`/remote/sessions/${sessionId}/recordings`, undefined, { signal }),
  });
  if (!list.data?.length) return null;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {t('remote.record.list')}
      </Text>
      {list.data.map((r) => (
        <Text size="sm" key={r.id}>
          <Anchor href={recordingUrl(r.id)} download={r.fileName}>
            {r.fileName}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            ({f.fileSize(r.size)}, {f.dateTime(r.createdAt)})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}
