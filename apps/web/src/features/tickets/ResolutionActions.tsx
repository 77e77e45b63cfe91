import type { Ticket } from '@guichet/contracts';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { notify } from '../../lib/notify';
import { useConfirmResolution, useReopen } from './api';

/**
 * A resolved ticket: the requester confirms it (closes) or reopens it with a reason. The resolution
 * e-mail links here with `?action=confirm` or `?action=reopen`: the page puts the focus on that choice
 * (a link never confirms by itself: mail scanners open links too).
 */
export function ResolutionActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const confirm = useConfirmResolution(ticket.number);
  const reopen = useReopen(ticket.number);
  const [params] = useSearchParams();
  const action = params.get('action');
  const [open, setOpen] = useState(action === 'reopen');
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (action === 'confirm') {
      confirmButton.current?.scrollIntoView({ block: 'center' });
      confirmButton.current?.focus();
    }
  }, [action]);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  if (ticket.status !== 'resolved' || !(ticket.can.confirm || ticket.can.reopen)) return null;

  const submitReopen = (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    reopen.mutate(reason.trim(), {
      onSuccess: () => {
        setOpen(false);
        setReason('');
        notify(t('resolution.reopened'));
      },
    });
  };

  return (
    <Paper withBorder p="md" bg="green.0">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('resolution.title')}
        </Title>
        <Text size="sm">{t('resolution.question')}</Text>
        <Group gap="xs">
          {ticket.can.confirm && (
            <Button
              ref={confirmButton}
              color="confirm"
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate(undefined, {
                  onSuccess: () => notify(t('resolution.confirmed')),
                })
              }
            >
              {t('resolution.confirm')}
            </Button>
          )}
          {ticket.can.reopen && (
            <Button
              variant="default"
              aria-expanded={open}
              aria-controls="panel-reopen"
              onClick={() => setOpen((o) => !o)}
            >
              {t('resolution.reopen')}
            </Button>
          )}
        </Group>
        {!ticket.can.reopen && ticket.can.confirm && <Text size="sm">{t('resolution.reopenExpired')}</Text>}
        {open && (
          <Stack component={Form} id="panel-reopen" gap="xs" onSubmit={submitReopen}>
            <Textarea
              label={t('resolution.reason')}
              // opened from the e-mail's "reopen" link: straight to the reason
              autoFocus={action === 'reopen'}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={missing ? t('resolution.reasonRequired') : fieldError(reopen.error, 'reason')}
            />
            <Group>
              <Button type="submit" loading={reopen.isPending}>
                {t('resolution.reopenSubmit')}
              </Button>
            </Group>
          </Stack>
        )}
        <ErrorAlert error={confirm.error ?? (fieldError(reopen.error, 'reason') ? null : reopen.error)} />
      </Stack>
    </Paper>
  );
}
