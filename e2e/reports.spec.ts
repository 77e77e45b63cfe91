import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

test('an administrator downloads a monthly report and manages who receives it', async ({ page }) => {
  await signIn(page, 'admin@guichet.example');
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto('/cockpit');
  await page.getByRole('link', { name: 'Rapports mensuels (PDF, XLSX)' }).click();
  await expect(page).toHaveURL(/\/cockpit\/reports$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Rapports mensuels' })).toBeVisible();

  const entity = page.getByLabel('Entité', { exact: true });
  await expect(entity).toBeEnabled();
  const pdf = page.getByRole('link', { name: /^Télécharger le rapport \d{4}-\d{2} de .+ en PDF$/ });
  await expect(pdf).toHaveAttribute(
    'href',
    /\/api\/v1\/reports\/monthly\?entityId=\d+&month=\d{4}-\d{2}&format=pdf/,
  );
  const file = await page.request.get((await pdf.getAttribute('href')) ?? '');
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // a month that has not started cannot be asked for
  await page.getByLabel('Mois', { exact: true }).fill('2999-01');
  await expect(page.getByText('Ce mois n’a pas encore commencé.')).toBeVisible();
  await expect(pdf).toHaveCount(0);

  const recipients = page.getByRole('region', { name: /^Envoi automatique/ });
  const email = `elu-${Date.now()}@mairie.example`;
  await recipients.getByLabel('Adresse électronique').fill(email);
  await recipients.getByLabel('Langue du rapport').selectOption({ label: 'Anglais' });
  await recipients.getByRole('button', { name: 'Ajouter' }).click();
  const row = recipients.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Anglais');
  await expectAccessible(page, 'monthly reports');

  await recipients.getByRole('button', { name: `Retirer ${email}` }).click();
  await expect(row).toHaveCount(0);
});
