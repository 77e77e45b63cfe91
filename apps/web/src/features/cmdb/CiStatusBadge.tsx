import type { CiStatus } from '@guichet/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const color: Record<CiStatus, string> = {
  ordered: 'blue',
  in_stock: 'indigo',
  deployed: 'green',
  in_repair: 'orange',
  retired: 'gray',
};

/** An item's lifecycle status as text (the colour only repeats it). */
export function CiStatusBadge({ status }: { status: CiStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={color[status]} variant="light" tt="none" fw={600}>
      {t(`cmdb.status.${status}`)}
    </Badge>
  );
}
