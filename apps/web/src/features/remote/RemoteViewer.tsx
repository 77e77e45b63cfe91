import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../lib/notify';
import { AnnotationLayer } from './AnnotationLayer';
import { uploadRecording } from './api';
import { ChatBox } from './ChatBox';
import type { RemoteConnection } from './connection';
import { FileShare } from './FileShare';
import { useConnectionState } from './useRemoteConnection';

/** The technician's (or the coordinator's) side: the shared screen, pointer and drawings, chat, files, recording. */
export function RemoteViewer({
  connection,
  recordingAllowed,
}: {
  connection: RemoteConnection;
  recordingAllowed: boolean;
}) {
  const { t } = useTranslation();
  const state = useConnectionState(connection);
  const video = useRef<HTMLVideoElement>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const [recording, setRecording] = useState(false);
  const stream = state?.remoteStream ?? null;

  useEffect(() => {
    if (video.current && stream && video.current.srcObject !== stream) video.current.srcObject = stream;
  }, [stream]);

  if (!state) return null;
  const technician = state.role === 'technician';

  const startRecording = () => {
    if (!stream) return;
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8' });
    rec.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    rec.onstop = () => {
      void uploadRecording(state.sessionId, new Blob(chunks, { type: 'video/webm' })).then(
        () => notify(t('remote.record.saved')),
        () => notify(t('remote.record.failed'), 'red'),
      );
    };
    rec.start(1000);
    recorder.current = rec;
    setRecording(true);
  };
  const stopRecording = () => {
    recorder.current?.stop();
    recorder.current = null;
    setRecording(false);
  };
  const end = async () => {
    if (recorder.current) stopRecording();
    await connection.end();
  };

  return (
    <Stack gap="sm">
      <Text size="sm" role="status" aria-live="polite">
        {stream ? t('remote.viewer.watching') : t('remote.viewer.waiting')}
      </Text>
      <div style={{ position: 'relative', background: '#222', aspectRatio: '16 / 9' }}>
        <video
          ref={video}
          autoPlay
          playsInline
          muted
          aria-label={t('remote.viewer.video')}
          data-testid="remote-video"
          style={{ width: '100%', height: '100%', objectFit: 'contain' }}
        />
        {technician && (
          <AnnotationLayer
            strokes={state.strokes}
            pointer={null}
            onPointer={(p) => connection.annotate('pointer', [p])}
            onStroke={(points) => connection.annotate('stroke', points)}
          />
        )}
      </div>
      {technician && (
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => connection.annotate('clear')}>
            {t('remote.annotate.clear')}
          </Button>
          {recordingAllowed &&
            (recording ? (
              <Button size="xs" color="red" onClick={stopRecording}>
                {t('remote.record.stop')}
              </Button>
            ) : (
              <Button size="xs" variant="default" onClick={startRecording} disabled={!stream}>
                {t('remote.record.start')}
              </Button>
            ))}
        </Group>
      )}
      {recording && (
        <Alert color="red" role="status">
          {t('remote.record.running')}
        </Alert>
      )}
      <ChatBox messages={state.chat} selfId={state.self?.personId} onSend={(text) => connection.chat(text)} />
      <FileShare sessionId={state.sessionId} files={state.files} canSend={technician} />
      {technician && (
        <Button color="red" onClick={() => void end()} w="fit-content">
          {t('remote.end')}
        </Button>
      )}
    </Stack>
  );
}
