import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTicketSlas } from './api';
import { SlaClock } from './SlaClock';

/** The ticket page's "Niveaux de service" panel (desk only): every clock running on the ticket. */
export function TicketSlaPanel({ number }: { number: string }) {
  const { t } = useTranslation();
  const slas = useTicketSlas(number);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sla-panel-title">
      <Title order={2} fz="h4" mb="xs" id="sla-panel-title">
        {t('slas.panel.title')}
      </Title>
      {slas.isPending ? (
        <Loading />
      ) : slas.error ? (
        <ErrorAlert error={slas.error} />
      ) : slas.data.length === 0 ? (
        <Text size="sm">{t('slas.panel.none')}</Text>
      ) : (
        <Stack gap="md">
          {slas.data.map((c) => (
            <SlaClock key={c.id} clock={c} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
