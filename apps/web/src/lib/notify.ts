import { notifications } from '@mantine/notifications';
import { i18n } from './i18n';

/** A toast (role="alert", announced) whose close button has a name in the current language. */
export function notify(message: string, color: 'green' | 'red' | 'blue' = 'green'): void {
  notifications.show({
    message,
    color,
    autoClose: 5000,
    closeButtonProps: { 'aria-label': i18n.t('common.closeNotification') },
  });
}
