import type { Language, Ref } from '@guichet/contracts';
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLock, IconTrash } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { isApiError } from '../../lib/api';
import { notify } from '../../lib/notify';
import { useAddSubscription, useRemoveSubscription, useReportSubscriptions } from './api';

/** Who receives the entity's report by e-mail on the 1st of each month; administrators of the entity. */
export function SubscriptionsSection({ entity }: { entity: Ref }) {
  const { t } = useTranslation();
  const heading = useId();
  const list = useReportSubscriptions(entity.id, true);
  const add = useAddSubscription(entity.id);
  const remove = useRemoveSubscription(entity.id);
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<Language>('fr');

  const forbidden = isApiError(list.error) && list.error.status === 403;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={heading}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={heading}>
          {t('reports.subscriptions.title', { entity: entity.name })}
        </Title>
        <Text size="sm" c="dark.4">
          {t('reports.subscriptions.intro')}
        </Text>
        {forbidden ? (
          <Alert color="orange" variant="light" icon={<IconLock aria-hidden />}>
            {t('reports.subscriptions.forbidden')}
          </Alert>
        ) : list.isPending ? (
          <Loading label={t('reports.subscriptions.loading')} />
        ) : list.error ? (
          <ErrorAlert error={list.error} />
        ) : (
          <>
            {list.data.items.length === 0 ? (
              <Text size="sm">{t('reports.subscriptions.empty')}</Text>
            ) : (
              <Table>
                <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                  {t('reports.subscriptions.caption', { count: list.data.items.length })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.subscriptions.email')}</Table.Th>
                    <Table.Th scope="col">{t('reports.subscriptions.language')}</Table.Th>
                    <Table.Th scope="col">{t('reports.subscriptions.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.email}</Table.Td>
                      <Table.Td>{t(`reports.languages.${s.language}`)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          aria-label={t('reports.subscriptions.removeLabel', { email: s.email })}
                          loading={remove.isPending && remove.variables === s.id}
                          onClick={() =>
                            remove.mutate(s.id, {
                              onSuccess: () => notify(t('reports.subscriptions.removed', { email: s.email })),
                            })
                          }
                        >
                          {t('reports.subscriptions.remove')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {remove.error ? <ErrorAlert error={remove.error} /> : null}
            <Form
              aria-label={t('reports.subscriptions.addLabel')}
              onSubmit={(e) => {
                e.preventDefault();
                add.mutate(
                  { email, language },
                  {
                    onSuccess: (created) => {
                      notify(t('reports.subscriptions.added', { email: created.email }));
                      setEmail('');
                    },
                  },
                );
              }}
            >
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  type="email"
                  label={t('reports.subscriptions.email')}
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  required
                  autoComplete="email"
                  error={
                    fieldError(add.error, 'email') ??
                    (isApiError(add.error) && add.error.status === 409
                      ? t('reports.subscriptions.duplicate')
                      : undefined)
                  }
                  w={300}
                />
                <NativeSelect
                  label={t('reports.subscriptions.language')}
                  value={language}
                  onChange={(e) => setLanguage(e.currentTarget.value as Language)}
                  data={(['fr', 'en'] as const).map((l) => ({
                    value: l,
                    label: t(`reports.languages.${l}`),
                  }))}
                />
                <Button type="submit" mt={25} loading={add.isPending}>
                  {t('reports.subscriptions.add')}
                </Button>
              </Group>
              {add.error &&
              !fieldError(add.error, 'email') &&
              !(isApiError(add.error) && add.error.status === 409) ? (
                <ErrorAlert error={add.error} showFields />
              ) : null}
            </Form>
          </>
        )}
      </Stack>
    </Paper>
  );
}
