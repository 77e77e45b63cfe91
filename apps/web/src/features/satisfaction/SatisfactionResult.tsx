import type { TicketSatisfaction } from '@guichet/contracts';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

/** The desk's read-only view of the requester's answer: « Satisfaction : 4/5 » and the comment. */
export function SatisfactionResult({ survey }: { survey: TicketSatisfaction }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = survey.response;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="satisfaction-desk-title">
      <Stack gap={4}>
        <Title order={2} fz="h4" id="satisfaction-desk-title">
          {t('satisfaction.deskTitle')}
        </Title>
        {r ? (
          <>
            <Text fw={600}>
              <span aria-hidden>{t('satisfaction.deskScore', { score: r.score })}</span>
              <span className="visually-hidden">{t('satisfaction.deskScoreLabel', { score: r.score })}</span>
            </Text>
            {r.comment && <Text className="pre-wrap">{r.comment}</Text>}
            <Text size="sm" c="dimmed">
              {t('satisfaction.deskAnsweredBy', { name: r.respondent.name, date: f.dateTime(r.answeredAt) })}
            </Text>
          </>
        ) : (
          <Text size="sm">{t('satisfaction.deskNoAnswer')}</Text>
        )}
      </Stack>
    </Paper>
  );
}
