import type { TicketType } from '@guichet/contracts';
import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { notify } from '../../lib/notify';
import { useCurrentUser } from '../auth/session';
import { categoryTreeOrder, indent, useCategories, useSites } from '../directory/api';
import { idempotencyKey, useCreateTicket } from '../tickets/api';

/** "Déclarer un incident" / "Faire une demande": title, description, category, site. */
export function NewTicketForm({
  type,
  onCreated,
  onCancel,
}: {
  type: TicketType;
  onCreated: (number: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateTicket();
  const categories = useCategories();
  const sites = useSites({ entity: me.entity.id });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [siteId, setSiteId] = useState('');
  const [missing, setMissing] = useState(false);
  const keyRef = useRef(idempotencyKey());
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    create.mutate(
      {
        key: keyRef.current,
        body: {
          type,
          title: title.trim(),
          description: description.trim(),
          categoryId: categoryId ? Number(categoryId) : null,
          ...(siteId ? { siteId: Number(siteId) } : {}),
        },
      },
      {
        onSuccess: (tk) => {
          notify(t('portal.created', { number: tk.number }));
          onCreated(tk.number);
        },
      },
    );
  };

  const lng = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <Stack component={Form} gap="sm" onSubmit={submit}>
      <Title order={2} fz="h3" ref={headingRef} tabIndex={-1}>
        {t(`portal.new.${type}`)}
      </Title>
      <Text size="sm">{t(`portal.newHint.${type}`)}</Text>
      <Text size="sm">{t('common.requiredNote')}</Text>
      <TextInput
        label={t('field.title')}
        description={t(`portal.titleHint.${type}`)}
        required
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={missing ? t('form.titleRequired') : fieldError(create.error, 'title')}
      />
      <Textarea
        label={t('field.description')}
        description={t(`portal.descriptionHint.${type}`)}
        autosize
        minRows={4}
        maxRows={14}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={fieldError(create.error, 'description')}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t('field.categoryId')}
          value={categoryId}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
          data={[
            { value: '', label: t('portal.dontKnow') },
            ...categoryTreeOrder(categories.data ?? [], lng).map((c) => ({
              value: String(c.category.id),
              label: indent(c.depth, c.label),
            })),
          ]}
          error={fieldError(create.error, 'categoryId')}
        />
        <NativeSelect
          label={t('field.siteId')}
          value={siteId}
          onChange={(e) => setSiteId(e.currentTarget.value)}
          data={[
            { value: '', label: t('portal.mySite') },
            ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
          ]}
          error={fieldError(create.error, 'siteId')}
        />
      </Group>
      <ErrorAlert error={create.error} />
      <Group gap="sm">
        <Button type="submit" loading={create.isPending}>
          {t('portal.submit')}
        </Button>
        <Button type="button" variant="default" onClick={onCancel}>
          {t('portal.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
