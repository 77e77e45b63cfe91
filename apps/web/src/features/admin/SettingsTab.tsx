import type { Settings } from '@guichet/contracts';
import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { levels, priorities } from '../../lib/enums';
import { notify } from '../../lib/notify';
import { directoryKeys, useDirectoryMutation, useSettings } from '../directory/api';

/** Impact × urgency → priority (1–5), and how many days a requester may reopen a resolution. */
export function SettingsTab() {
  const { t } = useTranslation();
  const settings = useSettings();
  const [matrix, setMatrix] = useState<Record<string, number>>({});
  const [reopenDays, setReopenDays] = useState<number | string>(7);
  const save = useDirectoryMutation(
    (body: Settings) => api.patch<Settings>('/settings', body),
    [directoryKeys.settings],
  );

  useEffect(() => {
    if (settings.data) {
      setMatrix(settings.data.priorityMatrix);
      setReopenDays(settings.data.reopenDays);
    }
  }, [settings.data]);

  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorAlert error={settings.error} />;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { priorityMatrix: matrix, reopenDays: Number(reopenDays) },
      { onSuccess: () => notify(t('admin.saved')) },
    );
  };

  return (
    <Paper withBorder p="md" component={Form} onSubmit={submit} maw={720}>
      <Stack gap="md">
        <Title order={2} fz="h3">
          {t('admin.settings.matrix')}
        </Title>
        <Text size="sm">{t('admin.settings.matrixHint')}</Text>
        <Table withTableBorder withColumnBorders verticalSpacing="xs">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('admin.settings.matrixCaption')}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Td />
              {levels.map((u) => (
                <Table.Th scope="col" key={u} id={`urg-${u}`}>
                  {t('field.urgency')} {u} – {t(`urgency.${u}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.map((i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" id={`imp-${i}`}>
                  {t('field.impact')} {i} – {t(`impact.${i}`)}
                </Table.Th>
                {levels.map((u) => {
                  const key = `${i}-${u}`;
                  const value = matrix[key];
                  return (
                    <Table.Td key={key}>
                      <NativeSelect
                        aria-labelledby={`imp-${i} urg-${u}`}
                        value={value ? String(value) : ''}
                        onChange={(e) => {
                          const v = Number(e.currentTarget.value);
                          setMatrix((m) => ({ ...m, [key]: v }));
                        }}
                        data={priorities.map((p) => ({
                          value: String(p),
                          label: `${t('priority.short', { p })} ${t(`priority.${p}`)}`,
                        }))}
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <NumberInput
          label={t('admin.settings.reopenDays')}
          description={t('admin.settings.reopenHint')}
          min={0}
          max={90}
          step={1}
          allowDecimal={false}
          value={reopenDays}
          onChange={setReopenDays}
          error={fieldError(save.error, 'reopenDays')}
          w={260}
        />
        <ErrorAlert error={save.error} showFields />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
