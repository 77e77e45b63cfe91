import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';

/** "Are you sure?" for a deletion, with the server's error if it refuses. */
export function ConfirmModal({
  opened,
  title,
  text,
  error,
  pending,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  text: string;
  error: unknown;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text>{text}</Text>
        <ErrorAlert error={error} />
        <Group>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {t('improvement.delete')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('improvement.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
