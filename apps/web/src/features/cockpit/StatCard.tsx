import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One live figure: what it counts, then the number (a definition list pair for screen readers). */
export function StatCard({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  /** draws attention (breached clocks…) by a border as well as the text, never by colour alone */
  tone?: 'alert' | 'warning';
}) {
  return (
    <Paper withBorder p="sm" radius="md" className="cockpit-card" data-tone={tone}>
      <dl className="cockpit-stat">
        <Text component="dt" size="sm" c="dark.4" fw={500}>
          {label}
        </Text>
        <Text component="dd" fz={28} fw={700} className="cockpit-figure">
          {value}
        </Text>
        {hint && (
          <Text component="dd" size="xs" c="dark.4">
            {hint}
          </Text>
        )}
      </dl>
    </Paper>
  );
}
