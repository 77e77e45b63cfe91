import type { ImportReport } from '@guichet/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Dark filled shades: white text on them passes the 4.5:1 contrast ratio (RGAA 3.2). */
const colors = { dry_run: 'blue.9', applied: 'teal.9', failed: 'red.9' } as const;

export function ImportStatusBadge({ status }: { status: ImportReport['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="filled" tt="none" fw={600}>
      {t(`cmdbImport.status.${status}`)}
    </Badge>
  );
}
