import type { Category } from '@guichet/contracts';
import { Button, Grid, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { notify } from '../../lib/notify';
import {
  categoryTreeOrder,
  directoryKeys,
  indent,
  useCategories,
  useDirectoryMutation,
} from '../directory/api';

function CategoryTree({
  parentId,
  byParent,
}: {
  parentId: number | null;
  byParent: Map<number | null, Category[]>;
}) {
  const children = byParent.get(parentId) ?? [];
  if (children.length === 0) return null;
  return (
    <ul className="tree">
      {children.map((c) => (
        <li key={c.id}>
          <Text span fw={parentId === null ? 700 : 500}>
            {c.name}
          </Text>{' '}
          <Text span size="sm" lang="en">
            ({c.nameEn})
          </Text>
          <CategoryTree parentId={c.id} byParent={byParent} />
        </li>
      ))}
    </ul>
  );
}

export function CategoriesTab() {
  const { t } = useTranslation();
  const categories = useCategories();
  const [parentId, setParentId] = useState('');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const create = useDirectoryMutation(
    (body: { parentId: number | null; name: string; nameEn: string }) =>
      api.post<Category>('/categories', body),
    [directoryKeys.categories],
  );
  if (categories.isPending) return <Loading />;
  if (categories.error) return <ErrorAlert error={categories.error} />;

  const ordered = categoryTreeOrder(categories.data, 'fr');
  const ids = new Set(categories.data.map((c) => c.id));
  const byParent = new Map<number | null, Category[]>();
  for (const { category: c } of ordered) {
    const key = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), c]);
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { name: !name.trim(), nameEn: !nameEn.trim() };
    setMissing(m);
    if (m.name || m.nameEn) return;
    create.mutate(
      { parentId: parentId ? Number(parentId) : null, name: name.trim(), nameEn: nameEn.trim() },
      {
        onSuccess: () => {
          notify(t('admin.saved'));
          setName('');
          setNameEn('');
        },
      },
    );
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Title order={2} fz="h3" mb="sm">
          {t('admin.categories.tree')}
        </Title>
        {ordered.length === 0 ? (
          <Text>{t('admin.categories.none')}</Text>
        ) : (
          <CategoryTree parentId={null} byParent={byParent} />
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" component={Form} onSubmit={submit}>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('admin.categories.create')}
            </Title>
            <NativeSelect
              label={t('admin.categories.parent')}
              value={parentId}
              onChange={(e) => setParentId(e.currentTarget.value)}
              data={[
                { value: '', label: t('admin.categories.root') },
                ...ordered.map((c) => ({ value: String(c.category.id), label: indent(c.depth, c.label) })),
              ]}
              error={fieldError(create.error, 'parentId')}
            />
            <TextInput
              label={t('admin.categories.nameFr')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={missing.name ? t('form.required') : fieldError(create.error, 'name')}
            />
            <TextInput
              label={t('admin.categories.nameEn')}
              required
              value={nameEn}
              onChange={(e) => setNameEn(e.currentTarget.value)}
              error={missing.nameEn ? t('form.required') : fieldError(create.error, 'nameEn')}
            />
            <ErrorAlert error={create.error} />
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('admin.categories.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
