import type { CiRelationKind, CiSummary } from '@guichet/contracts';
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { ciRelationKinds } from '../../lib/enums';
import { notify } from '../../lib/notify';
import { useAddRelation, useCiRelations, useRemoveRelation } from './api';
import { CiPicker } from './CiPicker';

/** The item's direct relations, both ways; add one (kind, direction, other item) or remove one. */
export function RelationsPanel({ id, name, editable }: { id: number; name: string; editable: boolean }) {
  const { t } = useTranslation();
  const relations = useCiRelations(id);
  const add = useAddRelation();
  const remove = useRemoveRelation();
  const [kind, setKind] = useState<CiRelationKind>('depends_on');
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [other, setOther] = useState<CiSummary | null>(null);
  const [missing, setMissing] = useState(false);

  const rows = (relations.data ?? []).map((r) => {
    const outgoing = r.source.id === id;
    return { id: r.id, kind: r.kind, outgoing, other: outgoing ? r.target : r.source };
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!other) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const body =
      direction === 'out'
        ? { kind, sourceId: id, targetId: other.id }
        : { kind, sourceId: other.id, targetId: id };
    add.mutate(body, {
      onSuccess: () => {
        notify(t('cmdb.relations.added', { name: other.name }));
        setOther(null);
      },
    });
  };

  return (
    <section aria-labelledby="ci-relations-title">
      <Title order={2} fz="h4" mb="sm" id="ci-relations-title">
        {t('cmdb.relations.title')}
      </Title>
      {relations.isPending ? (
        <Loading />
      ) : relations.error ? (
        <ErrorAlert error={relations.error} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('cmdb.relations.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing={4}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('cmdb.relations.caption', { name, count: rows.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cmdb.relations.kind')}</Table.Th>
                <Table.Th scope="col">{t('cmdb.relations.other')}</Table.Th>
                <Table.Th scope="col">{t('cmdb.field.class')}</Table.Th>
                {editable && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const kindText = r.outgoing
                  ? t(`cmdb.relationKind.${r.kind}`)
                  : t(`cmdb.relationInverse.${r.kind}`);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>{kindText}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/cmdb/items/${r.other.id}`} size="sm">
                        {r.other.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`cmdb.class.${r.other.class}`)}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('cmdb.relations.remove', { kind: kindText, name: r.other.name })}
                          loading={remove.isPending && remove.variables === r.id}
                          onClick={() =>
                            remove.mutate(r.id, {
                              onSuccess: () => notify(t('cmdb.relations.removed', { name: r.other.name })),
                            })
                          }
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert error={remove.error} />

      {editable && (
        <Stack component={Form} gap="xs" mt="sm" onSubmit={submit} aria-labelledby="ci-relation-add-title">
          <Title order={3} fz="h5" id="ci-relation-add-title">
            {t('cmdb.relations.addTitle')}
          </Title>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('cmdb.relations.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as CiRelationKind)}
              data={ciRelationKinds.map((k) => ({ value: k, label: t(`cmdb.relationKind.${k}`) }))}
              error={fieldError(add.error, 'kind')}
            />
            <Radio.Group
              label={t('cmdb.relations.direction')}
              value={direction}
              onChange={(v) => setDirection(v as 'out' | 'in')}
            >
              <Stack gap={4} mt={4}>
                <Radio
                  value="out"
                  label={t('cmdb.relations.directionOut', { name, kind: t(`cmdb.relationKind.${kind}`) })}
                />
                <Radio
                  value="in"
                  label={t('cmdb.relations.directionIn', { name, kind: t(`cmdb.relationKind.${kind}`) })}
                />
              </Stack>
            </Radio.Group>
          </Group>
          {other ? (
            <Group gap="xs">
              <Text size="sm">
                {t('cmdb.relations.chosen')}{' '}
                <Text span fw={600}>
                  {other.name}
                </Text>{' '}
                ({t(`cmdb.class.${other.class}`)})
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => setOther(null)}>
                {t('cmdb.relations.changeOther')}
              </Button>
            </Group>
          ) : (
            <CiPicker
              label={t('cmdb.relations.search')}
              exclude={[id]}
              onSelect={(item) => {
                setOther(item);
                setMissing(false);
              }}
              error={
                missing ? t('cmdb.relations.otherRequired') : fieldError(add.error, 'targetId', 'sourceId')
              }
            />
          )}
          <ErrorAlert error={add.error} />
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('cmdb.relations.add')}
            </Button>
          </Group>
        </Stack>
      )}
    </section>
  );
}
