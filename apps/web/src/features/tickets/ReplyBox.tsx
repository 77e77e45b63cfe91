import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { notify } from '../../lib/notify';
import { useAddComment } from './api';

/** "Réponse" box; staff choose between a public reply and an internal note. */
export function ReplyBox({ number, allowInternal }: { number: string; allowInternal: boolean }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [empty, setEmpty] = useState(false);
  const comment = useAddComment(number);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    comment.mutate(
      { body: body.trim(), visibility },
      {
        onSuccess: () => {
          setBody('');
          notify(visibility === 'internal' ? t('reply.noteSaved') : t('reply.sent'));
          setVisibility('public');
        },
      },
    );
  };

  return (
    <Stack component={Form} onSubmit={submit} gap="xs">
      {allowInternal && (
        <ChoiceGroup
          label={t('reply.visibility')}
          value={visibility}
          onChange={setVisibility}
          options={[
            { value: 'public', label: t('reply.public') },
            { value: 'internal', label: t('reply.internal'), color: 'yellow.9' },
          ]}
        />
      )}
      <Textarea
        label={t('reply.label')}
        description={visibility === 'internal' ? t('reply.internalHint') : t('reply.publicHint')}
        autosize
        minRows={3}
        maxRows={12}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={empty ? t('reply.empty') : fieldError(comment.error, 'body')}
        styles={
          visibility === 'internal'
            ? { input: { background: 'var(--mantine-color-yellow-0)', borderStyle: 'dashed' } }
            : undefined
        }
      />
      <ErrorAlert error={comment.error && !fieldError(comment.error, 'body') ? comment.error : null} />
      <Group>
        <Button type="submit" loading={comment.isPending}>
          {t('reply.send')}
        </Button>
      </Group>
    </Stack>
  );
}
