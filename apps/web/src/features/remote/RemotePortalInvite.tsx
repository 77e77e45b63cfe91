import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTicketRemoteSession } from './api';

/** Requester side of a ticket: a waiting invitation (the code comes from the technician, by phone) or the running session. */
export function RemotePortalInvite({ number }: { number: string }) {
  const { t } = useTranslation();
  const session = useTicketRemoteSession(number);
  const s = session.data;
  if (!s || (s.status !== 'requested' && s.status !== 'active')) return null;
  return (
    <Alert
      color="blue"
      title={t('remote.portal.inviteTitle')}
      role="region"
      aria-label={t('remote.portal.inviteTitle')}
    >
      <Text size="sm">
        {s.status === 'requested'
          ? t('remote.portal.invite', { name: s.technician.name })
          : t('remote.portal.running', { name: s.technician.name })}
      </Text>
      <Anchor
        component={Link}
        to={s.status === 'requested' ? '/portal/remote' : `/portal/remote/${s.id}`}
        size="sm"
      >
        {s.status === 'requested' ? t('remote.portal.enterCode') : t('remote.portal.open')}
      </Anchor>
    </Alert>
  );
}
