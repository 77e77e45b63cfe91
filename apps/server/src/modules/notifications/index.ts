/** The notifications module's public surface. */
export { createNotificationConsumer, NOTIFICATION_TOPICS } from './notification.consumer.js';
export { notificationRoutes } from './notification.routes.js';
export { createNotificationService, type NotificationService } from './notification.service.js';
export { notificationPreferences, notifications } from './notification.table.js';
