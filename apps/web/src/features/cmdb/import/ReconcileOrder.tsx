import type { ReconcileKey } from '@guichet/contracts';
import { ActionIcon, Checkbox, Group, List, Text, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { reconcileKeys } from './fields';

/**
 * The keys that find an existing item, tried in order: each can be switched off (at least one stays)
 * and moved up or down with buttons, so the order is set with the keyboard as well as the mouse.
 */
export function ReconcileOrder({
  order,
  onChange,
}: {
  order: ReconcileKey[];
  onChange: (next: ReconcileKey[]) => void;
}) {
  const { t } = useTranslation();
  const off = reconcileKeys.filter((k) => !order.includes(k));
  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    const [k] = next.splice(i, 1);
    if (k) next.splice(i + by, 0, k);
    onChange(next);
  };
  const label = (k: ReconcileKey) => t(`cmdb.field.${k}`);
  return (
    <section aria-labelledby="import-reconcile-title">
      <Title order={3} fz="h4" id="import-reconcile-title">
        {t('cmdbImport.reconcile.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('cmdbImport.reconcile.hint')}
      </Text>
      <List type="ordered" listStyleType="none" spacing={4} data-testid="reconcile-order">
        {[...order, ...off].map((k) => {
          const i = order.indexOf(k);
          const active = i !== -1;
          return (
            <List.Item key={k}>
              <Group gap="xs">
                <Checkbox
                  label={active ? t('cmdbImport.reconcile.rank', { rank: i + 1, key: label(k) }) : label(k)}
                  checked={active}
                  disabled={active && order.length === 1}
                  onChange={(e) =>
                    onChange(e.currentTarget.checked ? [...order, k] : order.filter((o) => o !== k))
                  }
                />
                {active && (
                  <>
                    <ActionIcon
                      variant="default"
                      size="sm"
                      aria-label={t('cmdbImport.reconcile.up', { key: label(k) })}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={14} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="sm"
                      aria-label={t('cmdbImport.reconcile.down', { key: label(k) })}
                      disabled={i === order.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={14} aria-hidden />
                    </ActionIcon>
                  </>
                )}
              </Group>
            </List.Item>
          );
        })}
      </List>
    </section>
  );
}
