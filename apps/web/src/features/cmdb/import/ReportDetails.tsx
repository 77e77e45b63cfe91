import type { ImportReport } from '@guichet/contracts';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { ImportCounts } from './ImportCounts';
import { ImportStatusBadge } from './ImportStatusBadge';
import { IssuesTable } from './IssuesTable';

/** A kept report: who ran what, when, the outcome counts, then every error and warning. */
export function ReportDetails({ report, headingOrder = 2 }: { report: ImportReport; headingOrder?: 2 | 3 }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="md" data-testid="import-report">
      <Group gap="sm">
        <ImportStatusBadge status={report.status} />
        <Text size="sm">
          {t('cmdbImport.report.meta', {
            file: report.fileName,
            by: report.by?.name ?? t('cmdbImport.report.unknownBy'),
            at: f.dateTime(report.at),
            seconds: (report.durationMs / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 }),
          })}
          {report.source ? ` · ${t('cmdbImport.report.source', { source: report.source })}` : ''}
        </Text>
      </Group>
      <ImportCounts
        counts={report.counts}
        warnings={report.warnings.length}
        caption={t(`cmdbImport.counts.caption.${report.status}`)}
      />
      <Title order={headingOrder} fz="h4">
        {t('cmdbImport.issues.title')}
      </Title>
      <IssuesTable
        errors={report.errors}
        warnings={report.warnings}
        truncated={report.issuesTruncated}
        mapping={report.mapping}
      />
    </Stack>
  );
}
