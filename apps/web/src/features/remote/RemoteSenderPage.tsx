import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { AnnotationLayer } from './AnnotationLayer';
import { useRemoteSession } from './api';
import { ChatBox } from './ChatBox';
import { remoteConnections } from './connection';
import { FileShare } from './FileShare';
import { useConnectionState, useCurrentConnection } from './useRemoteConnection';

/** The requester's side of a running session: share the screen, see the technician's marks, chat, files, stop. */
export function RemoteSenderPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const session = useRemoteSession(id);
  const active = session.data?.status === 'active';
  const current = useCurrentConnection();
  // after the consent (or a reload): join the running session; open() keeps an existing connection
  useEffect(() => {
    if (active) remoteConnections.open(id);
  }, [active, id]);
  const live = current?.sessionId === id ? current : null;
  const state = useConnectionState(live);
  const preview = useRef<HTMLVideoElement>(null);
  const [shareError, setShareError] = useState<unknown>(null);

  useEffect(() => {
    if (preview.current && state?.localStream) preview.current.srcObject = state.localStream;
  }, [state?.localStream]);

  if (session.isPending) return <Loading />;
  if (session.error) return <ErrorAlert error={session.error} />;
  const s = session.data;
  const over = !active || state?.status === 'ended';

  return (
    <Stack gap="md">
      <PageTitle>{t('remote.portal.sessionTitle', { number: s.ticket.number })}</PageTitle>
      <Text role="status" aria-live="polite" data-testid="remote-sender-status">
        {over
          ? t('remote.portal.over')
          : state?.localStream
            ? t('remote.portal.sharing', { name: s.technician.name })
            : t('remote.portal.readyToShare', { name: s.technician.name })}
      </Text>
      {over ? (
        <Anchor component={Link} to={`/portal/tickets/${s.ticket.number}`}>
          {t('remote.portal.backToTicket', { number: s.ticket.number })}
        </Anchor>
      ) : (
        <>
          <Group>
            {!state?.localStream && (
              <Button
                onClick={() => {
                  setShareError(null);
                  live?.share().catch((err: unknown) => setShareError(err));
                }}
              >
                {t('remote.portal.share')}
              </Button>
            )}
            <Button color="red" onClick={() => void live?.end()}>
              {t('remote.stop')}
            </Button>
          </Group>
          {shareError ? (
            <Alert color="red" role="alert">
              {t('remote.portal.shareFailed')}
            </Alert>
          ) : null}
          {s.recording && (
            <Alert color="orange" role="note">
              {t('remote.consent.recorded')}
            </Alert>
          )}
          {state?.localStream && (
            <Paper withBorder p="sm" component="section" aria-labelledby="preview-title">
              <Title order={2} fz="h5" id="preview-title" mb="xs">
                {t('remote.portal.preview')}
              </Title>
              <div style={{ position: 'relative', maxWidth: 480, aspectRatio: '16 / 9', background: '#222' }}>
                <video
                  ref={preview}
                  autoPlay
                  playsInline
                  muted
                  style={{ width: '100%', height: '100%', objectFit: 'contain' }}
                />
                <AnnotationLayer strokes={state.strokes} pointer={state.pointer} />
              </div>
            </Paper>
          )}
          {state && (
            <>
              <ChatBox
                messages={state.chat}
                selfId={state.self?.personId}
                onSend={(text) => live?.chat(text)}
              />
              <FileShare sessionId={id} files={state.files} canSend />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
