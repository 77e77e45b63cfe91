import { Anchor, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePersonItems } from './api';

/**
 * Phone intake: the caller's equipment (items they own or use). Each can be ticked so that the
 * ticket being logged is linked to it once created.
 */
export function CallerEquipment({
  personId,
  selected,
  onToggle,
  disabled,
}: {
  personId: number;
  selected: readonly number[];
  onToggle: (itemId: number, checked: boolean) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const items = usePersonItems(personId);
  const list = items.data ?? [];
  return (
    <section aria-labelledby="caller-items-title">
      <Title order={3} fz="h5" mt="xs" mb={4} id="caller-items-title">
        {t('cmdb.caller.title')}
      </Title>
      {items.isPending ? (
        <Text size="sm">{t('common.loading')}</Text>
      ) : items.error ? (
        <ErrorAlert error={items.error} />
      ) : list.length === 0 ? (
        <Text size="sm">{t('cmdb.caller.none')}</Text>
      ) : (
        <>
          <Text size="xs" mb={4} id="caller-items-hint">
            {t('cmdb.caller.hint')}
          </Text>
          <Stack component="ul" gap={6} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {list.map((item) => (
              <li key={item.id}>
                <Anchor component={Link} to={`/cmdb/items/${item.id}`} size="sm" fw={600}>
                  {item.name}
                </Anchor>
                <Text size="xs">
                  {[t(`cmdb.class.${item.class}`), item.hostname, item.serialNumber]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                <Checkbox
                  mt={2}
                  size="xs"
                  disabled={disabled}
                  label={t('cmdb.caller.link', { name: item.name })}
                  checked={selected.includes(item.id)}
                  onChange={(e) => onToggle(item.id, e.currentTarget.checked)}
                />
              </li>
            ))}
          </Stack>
        </>
      )}
    </section>
  );
}
