import type { TicketEvent } from '@guichet/contracts';
import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

type RemoteKind =
  `remote_${'requested' | 'consented' | 'refused' | 'started' | 'ended' | 'transcript' | 'file' | 'recording'}`;

export const isRemoteEvent = (e: TicketEvent): e is TicketEvent & { kind: RemoteKind } =>
  e.kind.startsWith('remote_');

/** The headline of a remote-assistance line of the ticket's history. */
export const remoteHeadline = (t: TFunction, e: TicketEvent & { kind: RemoteKind }, actor: string) =>
  t(`remote.timeline.${e.kind}`, { actor });

interface SessionFacts {
  recording?: boolean;
  durationSeconds?: number;
  files?: string[];
}

/** The details of a remote-assistance line: duration, files, recording, or the chat transcript. */
export function RemoteTimelineLines({ event }: { event: TicketEvent }) {
  const { t } = useTranslation();
  if (event.kind === 'remote_transcript') {
    const lines = (event.changes.transcript?.to ?? []) as { name: string; text: string }[];
    return (
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }} data-testid="remote-transcript">
        {lines.map((l, i) => (
          // the transcript never changes: its order is its identity
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only lines without ids
          <li key={i}>
            <Text span size="sm" fw={600}>
              {l.name}
            </Text>{' '}
            <Text span size="sm">
              {l.text}
            </Text>
          </li>
        ))}
      </ul>
    );
  }
  if (event.kind === 'remote_recording') {
    const rec = (event.changes.recording?.to ?? {}) as { fileName?: string };
    return <Text size="sm">{t('remote.timeline.recordingFile', { name: rec.fileName ?? '' })}</Text>;
  }
  const facts = (event.changes.remoteSession?.to ?? {}) as SessionFacts;
  const lines: string[] = [];
  if (event.kind === 'remote_requested' && facts.recording)
    lines.push(t('remote.timeline.recordingAnnounced'));
  if (event.kind === 'remote_ended' && typeof facts.durationSeconds === 'number') {
    lines.push(
      t('remote.timeline.duration', {
        minutes: Math.floor(facts.durationSeconds / 60),
        seconds: facts.durationSeconds % 60,
      }),
    );
  }
  if (event.kind === 'remote_ended' && facts.files?.length) {
    lines.push(t('remote.timeline.files', { names: facts.files.join(', ') }));
  }
  if (lines.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {lines.map((l) => (
        <li key={l}>
          <Text span size="sm">
            {l}
          </Text>
        </li>
      ))}
    </ul>
  );
}
