import type { RemoteSession } from '@guichet/contracts';
import { Alert, Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { PageTitle } from '../../components/PageTitle';
import { isApiError } from '../../lib/api';
import { answerConsent, redeemCode, remoteKeys } from './api';
import { remoteConnections } from './connection';

/**
 * The requester types the code the technician reads over the phone, then reads who asks, for which
 * ticket, what is shared and whether it is recorded, and says yes or no.
 */
export function RemoteCodePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<RemoteSession | null>(null);
  const [refused, setRefused] = useState(false);
  // fetch the session page's code while the requester reads the consent screen: sharing starts sooner
  useEffect(() => {
    void import('./RemoteSenderPage');
  }, []);

  const lookUp = async (e: React.FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setFieldError(t('remote.portal.codeInvalid'));
      return;
    }
    setFieldError(null);
    setError(null);
    setBusy(true);
    try {
      setSession(await redeemCode(digits));
    } catch (err) {
      if (isApiError(err) && err.status === 404) setFieldError(t('remote.portal.codeUnknown'));
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const answer = async (consent: boolean) => {
    if (!session) return;
    setBusy(true);
    setError(null);
    try {
      const answered = await answerConsent(session.id, consent);
      if (!consent) {
        setRefused(true);
        setSession(null);
        return;
      }
      // the session page starts from this answer instead of asking again
      qc.setQueryData(remoteKeys.session(session.id), answered);
      remoteConnections.open(session.id);
      navigate(`/portal/remote/${session.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={640}>
      <PageTitle>{t('remote.portal.title')}</PageTitle>
      {refused && (
        <Alert color="gray" role="status">
          {t('remote.portal.refused')}
        </Alert>
      )}
      {!session ? (
        <Paper withBorder p="md">
          <Stack component={Form} gap="sm" onSubmit={lookUp}>
            <Text size="sm">{t('remote.portal.codeIntro')}</Text>
            <TextInput
              label={t('remote.portal.codeLabel')}
              description={t('remote.portal.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={fieldError}
              required
            />
            <Button type="submit" loading={busy} w="fit-content">
              {t('remote.portal.continue')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder p="md" component="section" aria-labelledby="consent-title">
          <Title order={2} fz="h4" id="consent-title" mb="sm">
            {t('remote.consent.title')}
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>{t('remote.consent.who', { name: session.technician.name })}</List.Item>
            <List.Item>
              {t('remote.consent.ticket', { number: session.ticket.number, title: session.ticket.title })}
            </List.Item>
            <List.Item>{t('remote.consent.what')}</List.Item>
            <List.Item>
              {session.recording ? t('remote.consent.recorded') : t('remote.consent.notRecorded')}
            </List.Item>
            <List.Item>{t('remote.consent.control')}</List.Item>
          </List>
          <Group mt="md">
            <Button loading={busy} onClick={() => void answer(true)}>
              {t('remote.consent.accept')}
            </Button>
            <Button variant="default" disabled={busy} onClick={() => void answer(false)}>
              {t('remote.consent.refuse')}
            </Button>
          </Group>
        </Paper>
      )}
      {error ? <ErrorAlert error={error} /> : null}
    </Stack>
  );
}
