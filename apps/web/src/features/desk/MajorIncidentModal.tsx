import type { MajorIncidentSuggestion } from '@guichet/contracts';
import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { idempotencyKey } from '../../lib/api';
import { useCreateMajorIncident } from './useMajorIncidents';

/** At least two tickets make a group. */
const MIN_CHILDREN = 2;

/** Confirms a grouping: the parent's title, which tickets; then opens the new major incident. */
export function MajorIncidentModal({
  suggestion: s,
  onClose,
}: {
  suggestion: MajorIncidentSuggestion;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateMajorIncident();
  const [title, setTitle] = useState(() => t('majorIncident.defaultTitle', { item: s.upstream.name }));
  const [chosen, setChosen] = useState<string[]>(() => s.tickets.map((x) => x.number));
  // one key per confirmation: a double submit or a retry never creates two parents
  const [key] = useState(idempotencyKey);
  const tooFew = chosen.length < MIN_CHILDREN;
  const titleMissing = title.trim() === '';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (tooFew || titleMissing) return;
    create.mutate(
      { body: { upstreamItemId: s.upstream.id, ticketNumbers: chosen, title: title.trim() }, key },
      { onSuccess: (created) => navigate(`/desk/tickets/${created.number}`) },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('majorIncident.modalTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <Form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{t('majorIncident.modalIntro', { item: s.upstream.name })}</Text>
          <TextInput
            label={t('field.title')}
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={titleMissing ? t('majorIncident.titleRequired') : fieldError(create.error, 'title')}
          />
          <Checkbox.Group
            label={t('majorIncident.tickets')}
            value={chosen}
            onChange={setChosen}
            error={tooFew ? t('majorIncident.tooFew', { count: MIN_CHILDREN }) : undefined}
          >
            <Stack gap={6} mt={6}>
              {s.tickets.map((x) => (
                <Checkbox key={x.number} value={x.number} label={`${x.number} · ${x.title}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={create.isPending} disabled={tooFew || titleMissing}>
              {t('majorIncident.confirm', { count: chosen.length })}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Modal>
  );
}
