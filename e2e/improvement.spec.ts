import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

/** A local date `offset` days from today, as a date input takes it. */
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return d.toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
};

test('a coordinator plans an improvement action and follows its KPI', async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const planTitle = `Plan e2e ${stamp}`;
  const actionTitle = `Former le niveau 1 ${stamp}`;

  await signIn(page, 'coordinator@guichet.example');
  await expect(page).toHaveURL(/\/desk/);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Amélioration continue' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /Plans d.amélioration continue/ })).toBeVisible();

  // the plan: refused while the period ends before it starts, saved once corrected
  await page.getByRole('button', { name: 'Nouveau plan' }).click();
  const planDialog = page.getByRole('dialog', { name: 'Nouveau plan' });
  const entity = planDialog.getByLabel('Entité concernée');
  const root = await entity.locator('option').nth(1).getAttribute('value');
  await entity.selectOption(root as string);
  await planDialog.getByLabel('Intitulé').fill(planTitle);
  await planDialog.getByLabel('Début de la période').fill(day(-30));
  await planDialog.getByLabel('Fin de la période').fill(day(-40));
  await planDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(planDialog.getByText('La période ne peut pas finir avant de commencer.')).toBeVisible();
  await planDialog.getByLabel('Fin de la période').fill(day(60));
  await expectAccessible(page, 'plan form');
  await planDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(planDialog).toBeHidden();
  const plan = page.getByRole('article', { name: planTitle });
  await expect(plan).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Plans en cours' })).toBeVisible();

  // an action with its owner, due date and KPI
  await plan.getByRole('button', { name: 'Ajouter une action' }).click();
  const actionDialog = page.getByRole('dialog', { name: 'Ajouter une action' });
  await actionDialog.getByRole('textbox', { name: 'Action', exact: true }).fill(actionTitle);
  await actionDialog.getByRole('combobox', { name: 'Responsable' }).fill('Julien Lac');
  await actionDialog.getByRole('option', { name: /Julien Lacoste/ }).click();
  await expect(actionDialog.getByText('Responsable actuel : Julien Lacoste')).toBeVisible();
  await actionDialog.getByLabel('Échéance').fill(day(-2));
  await actionDialog.getByLabel('Indicateur visé').selectOption({ label: 'Satisfaction moyenne' });
  await actionDialog.getByLabel('Cible (facultative)').fill('4.5');
  await actionDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(actionDialog).toBeHidden();

  const table = plan.getByRole('table', { name: `Actions du plan « ${planTitle} »` });
  const row = table.getByRole('row', { name: new RegExp(actionTitle) });
  await expect(row).toContainText('Julien Lacoste');
  await expect(row).toContainText('en retard');
  await expect(row).toContainText('Satisfaction moyenne');
  // the trend from the cockpit, or a plain statement that it is unavailable
  await expect(row.getByText(/→|Tendance indisponible/).first()).toBeVisible();
  await expectAccessible(page, 'improvement plans');

  // done: no longer overdue
  await row.getByLabel(`Statut de « ${actionTitle} »`).selectOption({ label: 'Terminée' });
  await expect(row).not.toContainText('en retard');
});
