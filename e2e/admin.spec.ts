import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

test('an administrator moves a Mérignac employee to the metropolis, with their open tickets', async ({
  page,
}) => {
  await signIn(page, 'admin@guichet.example');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('tab', { name: 'Personnes' }).click();
  await page.getByLabel('Rechercher une personne').fill('requester.merignac');
  const select = page.getByRole('checkbox', { name: /^Sélectionner (?!toutes)/ });
  await expect(select).toHaveCount(1);
  await expectAccessible(page, 'admin people');
  await select.check();
  await page.getByRole('button', { name: /Déplacer la sélection/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Entité de destination').selectOption({ label: 'Bordeaux Métropole' });
  await dialog.getByRole('radio', { name: /suivent la personne/ }).check();
  await dialog.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(dialog.getByRole('table')).toContainText('Services techniques');
  await expectAccessible(page, 'move preview');
  await dialog.getByRole('button', { name: 'Confirmer le déplacement' }).click();
  await expect(page.getByText(/1 personne déplacée/)).toBeVisible();
  await expect(page.getByRole('row', { name: /requester\.merignac/ })).toContainText('Bordeaux Métropole');
});
