import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { notify } from '../../lib/notify';

/**
 * "Supprimer X" with a confirmation dialog. A 409 (still in use) is said in words, with `conflictText`.
 */
export function ConfirmDelete({
  id,
  name,
  mutation,
  conflictText,
}: {
  id: number;
  name: string;
  mutation: UseMutationResult<unknown, Error, number>;
  conflictText: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const conflict = isApiError(mutation.error) && mutation.error.status === 409 && mutation.variables === id;
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <>
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setOpen(true)}>
        {t('slas.deleteOne', { name })}
      </Button>
      <Modal
        opened={open}
        onClose={close}
        title={t('slas.deleteTitle', { name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text>{t('slas.deleteConfirmText', { name })}</Text>
          {conflict ? (
            <Text role="alert" c="red.9" fw={600}>
              {conflictText}
            </Text>
          ) : (
            <ErrorAlert error={mutation.variables === id ? mutation.error : null} />
          )}
          <Group>
            <Button
              color="red"
              loading={mutation.isPending}
              onClick={() =>
                mutation.mutate(id, {
                  onSuccess: () => {
                    notify(t('slas.deleted', { name }));
                    setOpen(false);
                  },
                })
              }
            >
              {t('slas.deleteConfirm')}
            </Button>
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
