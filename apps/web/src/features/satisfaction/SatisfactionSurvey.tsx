import { SATISFACTION_COMMENT_MAX, type TicketSatisfaction } from '@guichet/contracts';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useAnswerSatisfaction } from './api';
import { ScoreRadios } from './ScoreRadios';

/**
 * The requester's survey on a resolved ticket: « Êtes-vous satisfait du traitement ? », a score and
 * a comment; then a thank-you with the answer, changeable while the server allows it. The
 * resolution e-mail links here with `?action=rate`: the focus goes to the first score.
 */
export function SatisfactionSurvey({ number, survey }: { number: string; survey: TicketSatisfaction }) {
  const { t } = useTranslation();
  const f = useFormat();
  const answer = useAnswerSatisfaction(number);
  const [params] = useSearchParams();
  const rate = params.get('action') === 'rate';
  const [editing, setEditing] = useState(survey.response === null);
  const [score, setScore] = useState<number | null>(survey.response?.score ?? null);
  const [comment, setComment] = useState(survey.response?.comment ?? '');
  const [missing, setMissing] = useState(false);
  const firstScore = useRef<HTMLInputElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const justSaved = useRef(false);

  useEffect(() => {
    if (rate && editing && survey.canAnswer) {
      firstScore.current?.scrollIntoView({ block: 'center' });
      firstScore.current?.focus();
    }
  }, [rate, editing, survey.canAnswer]);

  const showForm = survey.canAnswer && (editing || survey.response === null);

  useEffect(() => {
    // after sending, the focus follows the thank-you that replaced the form (once both the answer
    // and the new state have rendered: the query cache notifies a tick after the mutation settles)
    if (!showForm && justSaved.current && thanks.current) {
      justSaved.current = false;
      thanks.current.focus();
    }
  }, [showForm]);

  if (!showForm && survey.response === null) return null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (score === null) {
      setMissing(true);
      firstScore.current?.focus();
      return;
    }
    setMissing(false);
    answer.mutate(
      { score, comment: comment.trim() },
      {
        onSuccess: () => {
          justSaved.current = true;
          setEditing(false);
          notify(t('satisfaction.saved'));
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="satisfaction-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="satisfaction-title">
          {t('satisfaction.title')}
        </Title>
        {showForm ? (
          <Stack component={Form} gap="sm" onSubmit={submit}>
            <Text fw={600}>{t('satisfaction.question')}</Text>
            <ScoreRadios
              ref={firstScore}
              name="satisfaction-score"
              value={score}
              onChange={(s) => {
                setScore(s);
                setMissing(false);
              }}
              error={missing ? t('satisfaction.scoreRequired') : fieldError(answer.error, 'score')}
            />
            <Textarea
              label={t('satisfaction.comment')}
              description={t('satisfaction.commentHelp', { count: SATISFACTION_COMMENT_MAX })}
              autosize
              minRows={2}
              maxLength={SATISFACTION_COMMENT_MAX}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={fieldError(answer.error, 'comment')}
            />
            <ErrorAlert error={fieldError(answer.error, 'score', 'comment') ? null : answer.error} />
            <Group gap="xs">
              <Button type="submit" loading={answer.isPending}>
                {t('satisfaction.submit')}
              </Button>
              {survey.response !== null && (
                <Button variant="default" onClick={() => setEditing(false)}>
                  {t('satisfaction.cancelEdit')}
                </Button>
              )}
            </Group>
          </Stack>
        ) : (
          survey.response && (
            <Stack gap={4}>
              <Text ref={thanks} tabIndex={-1} fw={600}>
                {t('satisfaction.thanks')}
              </Text>
              <Text>{t('satisfaction.yourScore', { score: survey.response.score })}</Text>
              {survey.response.comment && (
                <Text className="pre-wrap">
                  {t('satisfaction.yourComment', { comment: survey.response.comment })}
                </Text>
              )}
              {survey.canAnswer && survey.changeableUntil ? (
                <Group gap="xs" align="center">
                  <Text size="sm" c="dimmed">
                    {t('satisfaction.changeableUntil', { date: f.dateTime(survey.changeableUntil) })}
                  </Text>
                  <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
                    {t('satisfaction.update')}
                  </Button>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('satisfaction.final')}
                </Text>
              )}
            </Stack>
          )
        )}
      </Stack>
    </Paper>
  );
}
